import { URI } from 'langium';
import { DefaultDocumentUpdateHandler, type LangiumSharedServices } from 'langium/lsp';
import type { TextDocumentChangeEvent } from 'vscode-languageserver';
import type { TextDocument } from 'langium';

/**
 * When the editor closes a document, the file on disk is the truth again: a file that exists is
 * reloaded from disk (dropping unsaved edits), one that does not (an untitled buffer, a file deleted
 * meanwhile) leaves the workspace, with its names and diagnostics.
 */
export class MasterplanDocumentUpdateHandler extends DefaultDocumentUpdateHandler {
    private readonly fileSystem: LangiumSharedServices['workspace']['FileSystemProvider'];

    constructor(services: LangiumSharedServices) {
        super(services);
        this.fileSystem = services.workspace.FileSystemProvider;
    }

    didCloseDocument(event: TextDocumentChangeEvent<TextDocument>): void {
        const uri = URI.parse(event.document.uri);
        void this.fileSystem.exists(uri).then(
            onDisk => (onDisk ? this.fireDocumentUpdate([uri], []) : this.fireDocumentUpdate([], [uri])),
            () => this.fireDocumentUpdate([], [uri]),
        );
    }
}
