/** A workspace of in-memory files open in an editor, for tests of what happens as they are edited. */
import { EmptyFileSystem, TextDocument, URI, type LangiumDocument } from 'langium';
import { expect } from 'vitest';
import { createMasterplanServices } from '../../src/language/module.js';
import type { Document } from '../../src/language/generated/ast.js';

/** A workspace whose open documents are edited in memory, as the language server's are. */
export async function openWorkspace(files: Record<string, string>) {
    const services = createMasterplanServices(EmptyFileSystem);
    const { shared } = services;
    const open = new Map<string, TextDocument>();
    const textDocuments = shared.workspace.TextDocuments as unknown as { get(uri: string): TextDocument | undefined };
    textDocuments.get = (uri: string) => open.get(uri);
    const texts = new Map(Object.entries(files));
    const documents: LangiumDocument[] = [];
    for (const [file, text] of texts) {
        const uri = URI.file(file).toString();
        open.set(uri, TextDocument.create(uri, 'masterplan', 1, text));
        const document = shared.workspace.LangiumDocumentFactory.fromString(text, URI.file(file));
        shared.workspace.LangiumDocuments.addDocument(document);
        documents.push(document);
    }
    await shared.workspace.DocumentBuilder.build(documents, { validation: true });
    return {
        services,
        texts,
        async edit(file: string, change: (text: string) => string) {
            const text = change(texts.get(file)!);
            expect(text).not.toBe(texts.get(file));
            await this.startEdit(file, () => text);
        },
        /** Changes a file and starts the update as the language server does (under the workspace lock); resolves when it is done. */
        startEdit(file: string, change: (text: string) => string): Promise<void> {
            const text = change(texts.get(file)!);
            texts.set(file, text);
            const uri = URI.file(file).toString();
            open.set(uri, TextDocument.create(uri, 'masterplan', open.get(uri)!.version + 1, text));
            return shared.workspace.WorkspaceLock.write(token => shared.workspace.DocumentBuilder.update([URI.file(file)], [], token));
        },
        document(file: string): LangiumDocument<Document> {
            return shared.workspace.LangiumDocuments.getDocument(URI.file(file)) as LangiumDocument<Document>;
        },
    };
}

