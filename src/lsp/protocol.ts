/**
 * Custom messages between the language server and its clients (the VS Code extension, or any LSP
 * client), declared once so that both sides agree on method names and payloads.
 */
import type { BookNumber, Language } from '../books/outline.js';

/** Request: render a book of the plan a document belongs to, as HTML (the same renderer as `mplan generate`). */
export const BookHtmlRequest = 'masterplan/bookHtml';

export interface BookHtmlParams {
    /** Any document of the plan. */
    uri: string;
    book: BookNumber;
    language: Language;
}

export interface BookHtmlResult {
    /** The HTML of the book, or undefined when the document belongs to no plan. */
    html?: string;
    /** The plan's name and title, for the preview's title bar. */
    plan?: string;
    title?: string;
    /** How many errors the plan has; the preview shows the book anyway, with a note. */
    errors: number;
}

/** Request: the outline of a book, as JSON (for clients that render it themselves). */
export const BookOutlineRequest = 'masterplan/bookOutline';

/** Notification from server to client: the plans changed (a build finished); previews refresh. */
export const PlansChangedNotification = 'masterplan/plansChanged';

export interface PlansChangedParams {
    /** URIs of the documents that were rebuilt. */
    uris: string[];
}
