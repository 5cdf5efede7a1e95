import { DocumentState, URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { Connection } from 'vscode-languageserver';
import type { MasterplanServices } from '../language/module.js';
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
        // A book reads the whole plan: after an edit, wait for the build's second pass too (see
        // document-builder.ts), so that the book shows the plan as it is now, not a keystroke ago.
        await shared.workspace.DocumentBuilder.waitUntil(DocumentState.Validated);
        return services.model.PlanModels.forDocument(document);
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

    shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.Validated, documents => {
        void connection.sendNotification(PlansChangedNotification, { uris: documents.map(d => d.uri.toString()) });
    });
}
