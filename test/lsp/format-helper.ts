import { EmptyFileSystem, URI, TextDocument } from 'langium';
import { createMasterplanServices } from '../../src/language/module.js';

/** Formats a text as the editor and `mplan format` do, returning the new text. */
export async function formatText(text: string, uri = 'file:///plan/a.mplan'): Promise<string> {
    const { shared, Masterplan } = createMasterplanServices(EmptyFileSystem);
    const document = shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse(uri));
    shared.workspace.LangiumDocuments.addDocument(document);
    await shared.workspace.DocumentBuilder.build([document]);
    const edits = await Masterplan.lsp.Formatter!.formatDocument(document, { textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } });
    return TextDocument.applyEdits(document.textDocument, edits);
}
