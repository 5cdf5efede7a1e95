/**
 * The books: plan model -> book outline (book1.ts, book2.ts, book3.ts) -> a renderer
 * (Markdown, JSON here; HTML and Word in render/html.ts and render/docx.ts).
 */
import type { PlanModel } from '../model/plan-model.js';
import type { Book, BookNumber, Language } from './outline.js';
import { buildBook1 } from './book1.js';
import { buildBook2 } from './book2.js';
import { buildBook3 } from './book3.js';
import { renderMarkdown } from './render/markdown.js';
import { renderJson } from './render/json.js';
import { renderHtml, type HtmlOptions } from './render/html.js';
import { renderDocx } from './render/docx.js';

export type { Book, BookNumber, Language } from './outline.js';

/** The output formats of the books. */
export type BookFormat = 'md' | 'html' | 'docx' | 'json';
export const BOOK_FORMATS: readonly BookFormat[] = ['md', 'html', 'docx', 'json'];
export const BOOK_NUMBERS: readonly BookNumber[] = [1, 2, 3];
export const LANGUAGES: readonly Language[] = ['id', 'en'];

/** The file extension of each format. */
export const FORMAT_EXTENSIONS: Readonly<Record<BookFormat, string>> = { md: 'md', html: 'html', docx: 'docx', json: 'json' };

/** Builds the outline of one book of a plan, in one language. */
export function buildBook(plan: PlanModel, book: BookNumber, lang: Language): Book {
    switch (book) {
        case 1: return buildBook1(plan, lang);
        case 2: return buildBook2(plan, lang);
        case 3: return buildBook3(plan, lang);
    }
}

/** Options for renderers that have some (the HTML preview). */
export type RenderOptions = HtmlOptions;

/** Renders a book in a format: text for Markdown, HTML and JSON, bytes for Word. */
export async function renderBook(book: Book, format: BookFormat, options: RenderOptions = {}): Promise<string | Uint8Array> {
    switch (format) {
        case 'md': return renderMarkdown(book);
        case 'json': return renderJson(book);
        case 'html': return renderHtml(book, options);
        case 'docx': return renderDocx(book);
    }
}

/** The file name of a book: `<PlanName>-book<N>-<lang>.<ext>`. */
export function bookFileName(plan: string, book: BookNumber, lang: Language, format: BookFormat): string {
    return `${plan}-book${book}-${lang}.${FORMAT_EXTENSIONS[format]}`;
}
