import { isOperationCancelled, URI, UriUtils, type LangiumDocuments } from 'langium';
import { DefaultDocumentUpdateHandler, type LangiumSharedServices } from 'langium/lsp';
import { FileChangeType, type DidChangeWatchedFilesParams, type TextDocumentChangeEvent } from 'vscode-languageserver';
import type { TextDocument } from 'langium';
import { PLAN_EXTENSION } from '../language/plan-files.js';

/**
 * Langium's update handler, with the editor's text as the truth while a document is open:
 * - when the editor closes a document, the file on disk is the truth again: a file that exists is
 *   reloaded from disk (dropping unsaved edits), one that does not (an untitled buffer, a file deleted
 *   meanwhile) leaves the workspace, with its names and diagnostics;
 * - a document that is open is never dropped: not when the disk says its file (or a folder above
 *   it) was deleted, and not by a close whose check of the disk ends after the editor opened it again;
 * - file events for folders outside the workspace folders are ignored (an event for `/tmp` would
 *   otherwise load every plan below it); events for plan files are followed wherever they are;
 * - an update that fails is reported in the server's log; it never ends the server.
 */
export class MasterplanDocumentUpdateHandler extends DefaultDocumentUpdateHandler {
    private readonly fileSystem: LangiumSharedServices['workspace']['FileSystemProvider'];
    private readonly documents: LangiumDocuments;
    private readonly textDocuments: LangiumSharedServices['workspace']['TextDocuments'];
    private readonly workspace: LangiumSharedServices['workspace']['WorkspaceManager'];

    constructor(services: LangiumSharedServices) {
        super(services);
        this.fileSystem = services.workspace.FileSystemProvider;
        this.documents = services.workspace.LangiumDocuments;
        this.textDocuments = services.workspace.TextDocuments;
        this.workspace = services.workspace.WorkspaceManager;
    }

    didCloseDocument(event: TextDocumentChangeEvent<TextDocument>): void {
        const uri = URI.parse(event.document.uri);
        void this.fileSystem.exists(uri).then(
            onDisk => (onDisk ? this.fireDocumentUpdate([uri], []) : this.fireDocumentUpdate([], [uri])),
            () => this.fireDocumentUpdate([], [uri]),
        );
    }

    override didChangeWatchedFiles(params: DidChangeWatchedFilesParams): void {
        const changes = (params.changes ?? []).filter(change => this.concernsWorkspace(change.uri, change.type));
        if (changes.length > 0) super.didChangeWatchedFiles({ changes });
    }

    protected override fireDocumentUpdate(changed: URI[], deleted: URI[]): void {
        this.workspaceManager.ready
            // Which documents to drop is decided when the update runs: the editor may have opened one meanwhile.
            .then(() => this.workspaceLock.write(token => this.documentBuilder.update(changed, this.closedDocumentsOf(deleted), token)))
            .catch(error => {
                if (!isOperationCancelled(error)) console.error('A document update failed:', error);
            });
    }

    /**
     * The documents to drop for URIs reported deleted (a file, or a folder with documents below it):
     * those the editor does not have open.
     */
    private closedDocumentsOf(deleted: URI[]): URI[] {
        const result: URI[] = [];
        for (const uri of deleted) {
            const key = uri.toString();
            if (this.documents.hasDocument(uri) || this.textDocuments.get(key)) {
                if (!this.textDocuments.get(key)) result.push(uri);
                continue;
            }
            const folder = key.endsWith('/') ? key : `${key}/`;
            for (const doc of this.documents.all) {
                const docKey = doc.uri.toString();
                if (docKey.startsWith(folder) && !this.textDocuments.get(docKey)) result.push(doc.uri);
            }
        }
        return result;
    }

    /** Whether a file event is for a document of the workspace, a plan file, or something inside a workspace folder. */
    private concernsWorkspace(uriText: string, type: FileChangeType): boolean {
        if (typeof uriText !== 'string') return false;
        let uri: URI;
        try {
            uri = URI.parse(uriText);
        } catch {
            return false;
        }
        // A plan file is one document to load, wherever it is (a folder added to the workspace later, a
        // client that named no folders); a folder is searched only inside the workspace folders.
        if (type === FileChangeType.Deleted || this.documents.hasDocument(uri) || uri.path.endsWith(PLAN_EXTENSION)) return true;
        const folders = this.workspace.workspaceFolders ?? [];
        return folders.some(folder => {
            const relative = UriUtils.relative(URI.parse(folder.uri), uri);
            return relative === '' || relative === '.' || (!relative.startsWith('..') && !relative.startsWith('/'));
        });
    }
}
