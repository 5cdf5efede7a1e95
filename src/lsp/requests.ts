import { DocumentState, URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { Connection } from 'vscode-languageserver';
import type { MasterplanServices } from '../language/module.js';
import { inFirstPass } from '../language/document-builder.js';
import { BookHtmlRequest, BookOutlineRequest, PlansChangedNotification, type BookHtmlParams, type BookHtmlResult } from './protocol.js';
import { buildBook, renderBook } from '../books/index.js';

/** Answers the custom requests of protocol.ts and tells clients when plans have been rebuilt. */
export function registerCustomRequests(connection: Connection, shared: LangiumSharedServices, services: MasterplanServices): void {
    const planOf = async (uri: string) => {
        await shared.workspace.WorkspaceManager.ready;
        const document = shared.workspace.LangiumDocuments.getDocument(URI.parse(uri));
        if (!document) return undefined;
        if (document.state < DocumentState.Validated) {
            await shared.workspace.DocumentBuilder.waitUntil(DocumentState.Validated, document.uri);
        }
        // A book reads the whole plan: take its model as a reader of the workspace, after the updates
        // already queued (both passes of an edit, see document-builder.ts), so that the book shows the
        // plan as it is now and not a keystroke ago.
        return shared.workspace.WorkspaceLock.read(() => services.model.PlanModels.forDocument(document));
    };

    connection.onRequest(BookHtmlRequest, async (params: BookHtmlParams): Promise<BookHtmlResult> => {
        const plan = await planOf(params.uri);
        if (!plan) return { errors: 0 };
        const book = buildBook(plan, params.book, params.language);
        const html = await renderBook(book, 'html', { preview: true });
        const errors = plan.documents.reduce((n, doc) => n + (doc.diagnostics ?? []).filter(d => d.severity === 1).length, 0);
        return { html: typeof html === 'string' ? html : new TextDecoder().decode(html), plan: plan.masterplan?.name, title: plan.masterplan?.title, errors };
    });

    connection.onRequest(BookOutlineRequest, async (params: BookHtmlParams) => {
        const plan = await planOf(params.uri);
        return plan ? buildBook(plan, params.book, params.language) : undefined;
    });

    const builder = shared.workspace.DocumentBuilder;
    builder.onBuildPhase(DocumentState.Validated, documents => {
        // The first pass after a keystroke checks the edited file alone; the plans have changed once the second has run.
        if (inFirstPass(builder)) return;
        void connection.sendNotification(PlansChangedNotification, { uris: documents.map(d => d.uri.toString()) });
    });
}
