/**
 * The JSON renderer: the book outline itself, for tools. Keys come in a fixed order (the usual
 * leading keys such as `type`, `level`, `id` and `title` first, the rest alphabetically), with
 * 2-space indentation and a final newline, so the same book always gives the same bytes.
 */
import type { Book } from '../outline.js';

/** Keys written first, in this order, wherever they occur; all others follow alphabetically. */
const LEADING_KEYS = ['type', 'book', 'language', 'level', 'id', 'title', 'subtitle', 'caption', 'label', 'header', 'text', 'kind', 'name', 'uri'];

/** Renders a book's outline as JSON with a stable key order. */
export function renderJson(book: Book): string {
    return JSON.stringify(canonical(book), null, 2) + '\n';
}

/** A copy of a JSON-like value with object keys in the canonical order and undefined members left out. */
export function canonical(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(item => canonical(item) ?? null);
    if (value === null || typeof value !== 'object') return value;
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).filter(key => record[key] !== undefined);
    keys.sort((a, b) => {
        const ia = LEADING_KEYS.indexOf(a);
        const ib = LEADING_KEYS.indexOf(b);
        if (ia >= 0 || ib >= 0) return (ia < 0 ? Infinity : ia) - (ib < 0 ? Infinity : ib);
        return a < b ? -1 : a > b ? 1 : 0;
    });
    const out: Record<string, unknown> = {};
    for (const key of keys) out[key] = canonical(record[key]);
    return out;
}
