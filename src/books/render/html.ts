/**
 * The HTML renderer: one self-contained, print-worthy HTML5 file per book (inline CSS and SVG, no
 * scripts, no remote resources), and the small safe Markdown parser that the HTML and Word renderers
 * share for the authors' `description` text.
 */
import type { Block, Book, Inline, KeyFigures, List, MarkdownBlock, Paragraph, Section, Table, BarChart, GanttChart } from '../outline.js';
import { chartSvg, cleanText, escapeXml, sourceAttributes } from './charts.js';

// ---------------------------------------------------------------------------------------------
// Markdown: a small, safe subset

/** Inline Markdown: text, emphasis, strong, code, and links whose target is http(s) or mailto. */
export type MdInline =
    | { readonly type: 'text'; readonly text: string }
    | { readonly type: 'strong' | 'em'; readonly children: readonly MdInline[] }
    | { readonly type: 'code'; readonly text: string }
    | { readonly type: 'link'; readonly href: string; readonly children: readonly MdInline[] };

/** Block Markdown: paragraphs, headings, (nested) lists and code blocks. */
export type MdBlock =
    | { readonly type: 'paragraph'; readonly content: readonly MdInline[] }
    | { readonly type: 'heading'; readonly level: number; readonly content: readonly MdInline[] }
    | { readonly type: 'list'; readonly ordered: boolean; readonly start: number; readonly items: ReadonlyArray<readonly MdBlock[]> }
    | { readonly type: 'code'; readonly text: string };

const MAX_DEPTH = 8;
const LIST_ITEM = /^ {0,3}(?:([-*+])|(\d{1,9})([.)]))(?:[ \t]+(.*))?$/;
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/**
 * Parses author Markdown into a small tree. Anything outside the subset (raw HTML, images, links
 * to other schemes, tables) stays as literal text, so rendering it escaped makes it inert.
 */
export function parseMarkdown(markdown: string): MdBlock[] {
    const lines = cleanText(markdown.replace(/\r\n?/g, '\n')).replace(/\t/g, '    ').split('\n');
    return parseBlocks(lines, 0);
}

function parseBlocks(lines: readonly string[], depth: number): MdBlock[] {
    const blocks: MdBlock[] = [];
    let i = 0;
    const blank = (l: string) => l.trim() === '';
    while (i < lines.length) {
        const line = lines[i];
        if (blank(line)) {
            i++;
            continue;
        }
        const fence = FENCE.exec(line);
        if (fence) {
            const marker = fence[1];
            const body: string[] = [];
            i++;
            while (i < lines.length && !lines[i].trimStart().startsWith(marker)) body.push(lines[i++]);
            i++;
            blocks.push({ type: 'code', text: body.join('\n') });
            continue;
        }
        const heading = HEADING.exec(line);
        if (heading) {
            blocks.push({ type: 'heading', level: heading[1].length, content: parseInline(heading[2] ?? '', depth) });
            i++;
            continue;
        }
        const item = LIST_ITEM.exec(line);
        if (item && depth < MAX_DEPTH) {
            const ordered = item[2] !== undefined;
            const marker = ordered ? item[3] : item[1];
            const items: MdBlock[][] = [];
            while (i < lines.length) {
                const m = LIST_ITEM.exec(lines[i]);
                if (!m || (m[2] !== undefined) !== ordered || (ordered ? m[3] : m[1]) !== marker) break;
                const indent = lines[i].length - lines[i].trimStart().length;
                const contentIndent = indent + (ordered ? m[2].length + 1 : 1) + 1;
                const body: string[] = [m[4] ?? ''];
                i++;
                while (i < lines.length) {
                    const l = lines[i];
                    const lIndent = l.length - l.trimStart().length;
                    if (blank(l)) {
                        // A blank line continues the item only when indented content follows.
                        const next = lines[i + 1];
                        if (next !== undefined && !blank(next) && next.length - next.trimStart().length >= Math.min(contentIndent, indent + 2)) {
                            body.push('');
                            i++;
                            continue;
                        }
                        break;
                    }
                    if (lIndent >= Math.min(contentIndent, indent + 2)) {
                        body.push(l.slice(Math.min(lIndent, contentIndent)));
                        i++;
                        continue;
                    }
                    if (LIST_ITEM.test(l) || HEADING.test(l) || FENCE.test(l)) break;
                    body.push(l.trim()); // lazy continuation of the item's paragraph
                    i++;
                }
                items.push(parseBlocks(body, depth + 1));
                // Blank lines between items of the same list keep the list going.
                let j = i;
                while (j < lines.length && blank(lines[j])) j++;
                const again = j < lines.length ? LIST_ITEM.exec(lines[j]) : null;
                if (j > i && again && (again[2] !== undefined) === ordered && (ordered ? again[3] : again[1]) === marker) i = j;
            }
            blocks.push({ type: 'list', ordered, start: ordered ? Math.min(Number(item[2]), 999_999) : 1, items });
            continue;
        }
        const para: string[] = [];
        while (i < lines.length && !blank(lines[i]) && (para.length === 0 || (!HEADING.test(lines[i]) && !FENCE.test(lines[i]) && !LIST_ITEM.test(lines[i])))) {
            para.push(lines[i].trim());
            i++;
        }
        blocks.push({ type: 'paragraph', content: parseInline(para.join('\n'), depth) });
    }
    return blocks;
}

const SAFE_URL = /^(?:https?:\/\/[^\s<>"'`\\]+|mailto:[^\s<>"'`\\:/]+@[^\s<>"'`\\]+)$/i;
const PUNCT = /[!-/:-@[-`{-~]/;

/** Parses inline Markdown. Searches for closing delimiters are bounded, so hostile input stays linear-ish. */
export function parseInline(text: string, depth = 0): MdInline[] {
    const out: MdInline[] = [];
    let buf = '';
    const flush = () => {
        if (buf) out.push({ type: 'text', text: buf.replace(/\n/g, ' ') });
        buf = '';
    };
    if (depth >= MAX_DEPTH) return text ? [{ type: 'text', text: text.replace(/\n/g, ' ') }] : [];
    const exhausted = new Set<string>(); // delimiters with no closer left: never search again
    let i = 0;
    const s = text;
    while (i < s.length) {
        const c = s[i];
        if (c === '\\' && i + 1 < s.length && PUNCT.test(s[i + 1])) {
            buf += s[i + 1];
            i += 2;
            continue;
        }
        if (c === '`') {
            let k = 1;
            while (s[i + k] === '`') k++;
            const run = '`'.repeat(k);
            const j = exhausted.has(run) ? -1 : s.indexOf(run, i + k);
            if (j > 0) {
                flush();
                let code = s.slice(i + k, j).replace(/\n/g, ' ');
                if (code.length > 2 && code.startsWith(' ') && code.endsWith(' ')) code = code.slice(1, -1);
                out.push({ type: 'code', text: code });
                i = j + k;
            } else {
                exhausted.add(run);
                buf += run;
                i += k;
            }
            continue;
        }
        if (c === '[' || (c === '!' && s[i + 1] === '[')) {
            const image = c === '!';
            const link = exhausted.has('[') ? undefined : parseLink(s, image ? i + 1 : i);
            if (link === null) exhausted.add('[');
            if (link) {
                const raw = s.slice(i, link.end);
                if (!image && SAFE_URL.test(link.href)) {
                    flush();
                    out.push({ type: 'link', href: link.href, children: parseInline(link.label, depth + 1) });
                } else {
                    buf += raw; // images and unsafe links stay as the text the author wrote
                }
                i = link.end;
                continue;
            }
            buf += c;
            i++;
            continue;
        }
        if (c === '*' || c === '_') {
            const prev = i > 0 ? s[i - 1] : ' ';
            const intraword = c === '_' && /[\p{L}\p{N}]/u.test(prev);
            const double = s[i + 1] === c;
            const delim = double ? c + c : c;
            const next = s[i + delim.length];
            if (!intraword && next !== undefined && !/\s/.test(next) && !exhausted.has(delim)) {
                const j = findCloser(s, i + delim.length, delim);
                if (j === -1) exhausted.add(delim);
                else if (j > i + delim.length) {
                    flush();
                    out.push({ type: double ? 'strong' : 'em', children: parseInline(s.slice(i + delim.length, j), depth + 1) });
                    i = j + delim.length;
                    continue;
                }
            }
            buf += delim;
            i += delim.length;
            continue;
        }
        buf += c;
        i++;
    }
    flush();
    return out;
}

/** The position of a closing delimiter (not after whitespace, not inside a word for `_`), or -1. */
function findCloser(s: string, from: number, delim: string): number {
    let j = from;
    for (let tries = 0; tries < 64; tries++) {
        j = s.indexOf(delim, j);
        if (j === -1) return -1;
        const before = s[j - 1];
        const after = s[j + delim.length];
        // Single delimiters must not be half of a double one.
        const partOfDouble = delim.length === 1 && (after === delim || before === delim);
        const okAfter = delim[0] !== '_' || after === undefined || !/[\p{L}\p{N}]/u.test(after);
        if (before !== undefined && !/\s/.test(before) && !partOfDouble && okAfter && j > from) {
            // Prefer the end of a run (`***x***`).
            while (delim.length === 2 && s[j + 2] === delim[0]) j++;
            return j;
        }
        j += 1;
    }
    return -2; // give up without marking the delimiter exhausted
}

/** `[label](href "title")` starting at `start`; null when no `]` follows at all, undefined when malformed. */
function parseLink(s: string, start: number): { label: string; href: string; end: number } | null | undefined {
    let depth = 0;
    let j = start;
    for (; j < s.length; j++) {
        const ch = s[j];
        if (ch === '\\') j++;
        else if (ch === '[') depth++;
        else if (ch === ']' && --depth === 0) break;
    }
    if (j >= s.length) return s.indexOf(']', start) === -1 ? null : undefined;
    if (s[j + 1] !== '(') return undefined;
    const close = s.indexOf(')', j + 2);
    if (close === -1) return undefined;
    const inner = s.slice(j + 2, close).trim();
    const m = /^<?([^\s>]*)>?(?:\s+["'(].*["')])?$/.exec(inner);
    if (!m) return undefined;
    return { label: s.slice(start + 1, j), href: m[1], end: close + 1 };
}

/** Renders parsed Markdown as HTML; `headingLevel` is the HTML level for `#` headings. */
export function markdownToHtml(markdown: string, headingLevel = 5): string {
    return mdBlocksHtml(parseMarkdown(markdown), headingLevel);
}

function mdBlocksHtml(blocks: readonly MdBlock[], headingLevel: number, tight = false): string {
    return blocks
        .map((b) => {
            switch (b.type) {
                case 'paragraph':
                    return tight ? mdInlineHtml(b.content) : `<p>${mdInlineHtml(b.content)}</p>`;
                case 'heading': {
                    const h = Math.min(6, headingLevel + Math.max(0, b.level - 3));
                    return `<h${h} class="mp-md-h">${mdInlineHtml(b.content)}</h${h}>`;
                }
                case 'code':
                    return `<pre><code>${escapeXml(b.text)}</code></pre>`;
                case 'list': {
                    const tag = b.ordered ? 'ol' : 'ul';
                    const start = b.ordered && b.start !== 1 ? ` start="${b.start}"` : '';
                    const items = b.items.map((item) => `<li>${mdBlocksHtml(item, headingLevel, item.filter((x) => x.type === 'paragraph').length <= 1)}</li>`);
                    return `<${tag}${start}>${items.join('')}</${tag}>`;
                }
            }
        })
        .join('\n');
}

function mdInlineHtml(content: readonly MdInline[]): string {
    return content
        .map((n) => {
            switch (n.type) {
                case 'text':
                    return escapeXml(n.text);
                case 'code':
                    return `<code>${escapeXml(n.text)}</code>`;
                case 'strong':
                    return `<strong>${mdInlineHtml(n.children)}</strong>`;
                case 'em':
                    return `<em>${mdInlineHtml(n.children)}</em>`;
                case 'link':
                    return `<a href="${escapeXml(n.href)}" rel="noopener noreferrer">${mdInlineHtml(n.children)}</a>`;
            }
        })
        .join('');
}

// ---------------------------------------------------------------------------------------------
// The book

export interface HtmlOptions {
    /** For the live preview: adds a `mp-src` class hook to every element that has a source. */
    readonly preview?: boolean;
}

interface Ctx {
    readonly book: Book;
    readonly preview: boolean;
    readonly ids: Map<string, string>;
    readonly nodeIds: Map<object, string>;
    tables: number;
    figures: number;
}

/** Renders a book as one self-contained HTML5 document (deterministic: same book, same string). */
export function renderHtml(book: Book, options: HtmlOptions = {}): string {
    const anchors = anchorIds(book);
    const ctx: Ctx = { book, preview: !!options.preview, ids: anchors.byId, nodeIds: anchors.byNode, tables: 0, figures: 0 };
    const lang = book.language === 'en' ? 'en' : 'id';
    const labels = book.labels;
    const title = cleanText(book.title);
    const out: string[] = [];
    out.push('<!DOCTYPE html>');
    out.push(`<html lang="${lang}">`);
    out.push('<head>');
    out.push('<meta charset="utf-8">');
    out.push('<meta name="viewport" content="width=device-width, initial-scale=1">');
    out.push('<meta name="color-scheme" content="light dark">');
    out.push(`<meta name="dcterms.date" content="${escapeXml(book.date)}">`);
    out.push(`<meta name="generator" content="${escapeXml(labels.generatedBy)}">`);
    out.push(`<title>${escapeXml(title)} \u2014 ${escapeXml(book.subtitle)}</title>`);
    out.push(`<style>${CSS}${WIDTH_CSS}</style>`);
    out.push('</head>');
    out.push(`<body class="mp-book mp-book-${book.book}${book.layout === 'brief' ? ' mp-brief' : ''}${ctx.preview ? ' mp-preview' : ''}">`);
    out.push('<header class="mp-title-page" id="mp-title">');
    out.push(`<h1 class="mp-title">${escapeXml(book.title)}</h1>`);
    out.push(`<p class="mp-subtitle">${escapeXml(book.subtitle)}</p>`);
    if (book.titlePage.length > 0) out.push(`<div class="mp-title-lines">${book.titlePage.map((l) => `<p>${escapeXml(l)}</p>`).join('')}</div>`);
    out.push('</header>');
    if (book.layout !== 'brief') {
        out.push('<nav class="mp-toc" id="mp-toc" aria-labelledby="mp-toc-title">');
        out.push(`<h2 id="mp-toc-title">${escapeXml(labels.contents)}</h2>`);
        out.push(tocHtml(book.sections, ctx));
        out.push('</nav>');
    }
    out.push('<main class="mp-body">');
    for (const s of book.sections) out.push(sectionHtml(s, ctx));
    out.push('</main>');
    out.push(`<footer class="mp-colophon"><p>${escapeXml(labels.generatedBy)}</p></footer>`);
    out.push('</body>');
    out.push('</html>');
    return out.join('\n') + '\n';
}

/**
 * Safe, unique anchor ids for every section, table and chart (keyed by the outline node), and, for
 * cross-references, the anchor of the first node with each outline id.
 */
function anchorIds(book: Book): { byNode: Map<object, string>; byId: Map<string, string> } {
    const byNode = new Map<object, string>();
    const byId = new Map<string, string>();
    const used = new Set(['mp-title', 'mp-toc', 'mp-toc-title']);
    const add = (node: object, id: string | undefined) => {
        if (id === undefined) return;
        let safe = cleanText(id).replace(/[^A-Za-z0-9_.:-]+/g, '-');
        if (!/^[A-Za-z]/.test(safe)) safe = `s-${safe}`;
        let candidate = safe;
        for (let n = 2; used.has(candidate); n++) candidate = `${safe}-${n}`;
        used.add(candidate);
        byNode.set(node, candidate);
        if (!byId.has(id)) byId.set(id, candidate);
    };
    const walk = (children: ReadonlyArray<Block | Section>) => {
        for (const c of children) {
            if (c.type === 'section') {
                add(c, c.id);
                walk(c.children);
            } else if (c.type === 'table' || c.type === 'bar-chart' || c.type === 'gantt') add(c, c.id);
        }
    };
    walk(book.sections);
    return { byNode, byId };
}

function tocHtml(children: ReadonlyArray<Block | Section>, ctx: Ctx): string {
    const sections = children.filter((c): c is Section => c.type === 'section');
    if (sections.length === 0) return '';
    const items = sections.map((s) => {
        const nested = s.level < 3 ? tocHtml(s.children, ctx) : '';
        return `<li class="mp-toc-${s.level}"><a href="#${escapeXml(ctx.nodeIds.get(s) ?? '')}">${escapeXml(s.title)}</a>${nested}</li>`;
    });
    return `<ol>${items.join('')}</ol>`;
}

function sectionHtml(s: Section, ctx: Ctx): string {
    const level = Math.min(3, Math.max(1, s.level));
    const h = level + 1;
    const cls = `mp-section mp-level-${level}${level === 1 ? ' mp-chapter' : ''}`;
    const id = ctx.nodeIds.get(s) ?? '';
    const body = s.children.map((c) => (c.type === 'section' ? sectionHtml(c, ctx) : blockHtml(c, ctx))).join('\n');
    return `<section id="${escapeXml(id)}"${sourceAttributes(s.source, ctx.preview, cls)}>\n<h${h}>${escapeXml(s.title)}</h${h}>\n${body}\n</section>`;
}

function blockHtml(b: Block, ctx: Ctx): string {
    switch (b.type) {
        case 'paragraph':
            return paragraphHtml(b, ctx);
        case 'markdown':
            return markdownHtml(b, ctx);
        case 'list':
            return listHtml(b, ctx);
        case 'table':
            return tableHtml(b, ctx);
        case 'bar-chart':
        case 'gantt':
            return chartHtml(b, ctx);
        case 'key-figures':
            return keyFiguresHtml(b);
        default:
            return '';
    }
}

function paragraphHtml(p: Paragraph, ctx: Ctx): string {
    const cls = p.style ? `mp-${p.style}` : undefined;
    return `<p${sourceAttributes(p.source, ctx.preview, cls)}>${inlinesHtml(p.content, ctx)}</p>`;
}

function markdownHtml(m: MarkdownBlock, ctx: Ctx): string {
    return `<div${sourceAttributes(m.source, ctx.preview, 'mp-markdown')}>\n${markdownToHtml(m.markdown)}\n</div>`;
}

function listHtml(l: List, ctx: Ctx): string {
    const tag = l.ordered ? 'ol' : 'ul';
    const items = l.items.map((it) => `<li${sourceAttributes(it.source, ctx.preview)}>${inlinesHtml(it.content, ctx)}</li>`);
    return `<${tag} class="mp-list">${items.join('')}</${tag}>`;
}

function inlinesHtml(content: readonly Inline[], ctx: Ctx): string {
    return content.map((i) => inlineHtml(i, ctx)).join('');
}

function inlineHtml(i: Inline, ctx: Ctx): string {
    switch (i.type) {
        case 'text': {
            let t = escapeXml(i.text);
            if (i.italic) t = `<em>${t}</em>`;
            if (i.bold) t = `<strong>${t}</strong>`;
            return t;
        }
        case 'source':
            return `<span${sourceAttributes(i.source, ctx.preview, 'mp-source')}>${escapeXml(i.text)}</span>`;
        case 'ref': {
            const id = ctx.ids.get(i.target);
            return id ? `<a class="mp-xref" href="#${escapeXml(id)}">${escapeXml(i.text)}</a>` : escapeXml(i.text);
        }
        default:
            return '';
    }
}

function idAttr(node: object, ctx: Ctx): string {
    const safe = ctx.nodeIds.get(node);
    return safe ? ` id="${escapeXml(safe)}"` : '';
}

/** Column widths as percentages: the outline's widths are relative weights. */
function columnPercents(t: Table): number[] | undefined {
    if (!t.columns.some((c) => c.width !== undefined && c.width > 0)) return undefined;
    const known = t.columns.map((c) => (c.width !== undefined && Number.isFinite(c.width) && c.width > 0 ? c.width : 0));
    const avg = known.filter((w) => w > 0).reduce((a, b) => a + b, 0) / Math.max(1, known.filter((w) => w > 0).length);
    const weights = known.map((w) => w || avg);
    const total = weights.reduce((a, b) => a + b, 0);
    return weights.map((w) => Math.round((w / total) * 1000) / 10);
}

function alignClass(align: string | undefined): string | undefined {
    return align === 'right' ? 'mp-r' : align === 'center' ? 'mp-c' : undefined;
}

function tableHtml(t: Table, ctx: Ctx): string {
    const n = ++ctx.tables;
    const out: string[] = [];
    // Wide tables (the traceability matrix) get a fixed layout and smaller type, so they fit a page.
    const wide = t.columns.length > 6 ? ' mp-wide' : '';
    out.push(`<div class="mp-table-wrap"><table class="mp-table${wide}"${idAttr(t, ctx)}>`);
    out.push(`<caption><span class="mp-caption-label">${escapeXml(ctx.book.labels.table)} ${n}.</span> ${escapeXml(t.caption)}</caption>`);
    const widths = columnPercents(t);
    // Widths as classes of the book's stylesheet, not style attributes: the preview's
    // Content-Security-Policy allows no inline styles.
    if (widths) out.push(`<colgroup>${widths.map((w) => `<col class="mp-w-${Math.min(100, Math.max(1, Math.round(w)))}">`).join('')}</colgroup>`);
    out.push('<thead><tr>');
    out.push(t.columns.map((c) => `<th scope="col"${clsAttr(alignClass(c.align))}>${escapeXml(c.header)}</th>`).join(''));
    out.push('</tr></thead>');
    out.push('<tbody>');
    for (const row of t.rows) {
        const count = Math.max(t.columns.length, row.cells.length);
        const cells: string[] = [];
        for (let k = 0; k < count; k++) {
            const cell = row.cells[k];
            const cls = [alignClass(t.columns[k]?.align), cell?.mark ? 'mp-mark' : undefined].filter(Boolean).join(' ') || undefined;
            if (!cell) {
                cells.push(`<td${clsAttr(cls)}></td>`);
                continue;
            }
            const mark = cell.mark ? '<span class="mp-check" aria-hidden="true">\u2713</span>' : '';
            const text = inlinesHtml(cell.content, ctx);
            cells.push(`<td${sourceAttributes(cell.source, ctx.preview, cls)}>${mark}${mark && text ? ' ' : ''}${text}</td>`);
        }
        out.push(`<tr${sourceAttributes(row.source, ctx.preview, row.total ? 'mp-total' : undefined)}>${cells.join('')}</tr>`);
    }
    out.push('</tbody></table></div>');
    return out.join('\n');
}

function clsAttr(cls: string | undefined): string {
    return cls ? ` class="${cls}"` : '';
}

function chartHtml(c: BarChart | GanttChart, ctx: Ctx): string {
    const n = ++ctx.figures;
    const svg = chartSvg(c, { sources: true, preview: ctx.preview });
    const kind = c.type === 'gantt' ? 'mp-gantt' : 'mp-bar-chart';
    return `<figure class="mp-figure ${kind}"${idAttr(c, ctx)}>\n<div class="mp-chart">${svg}</div>\n<figcaption><span class="mp-caption-label">${escapeXml(ctx.book.labels.figure)} ${n}.</span> ${escapeXml(c.caption)}</figcaption>\n</figure>`;
}

function keyFiguresHtml(k: KeyFigures): string {
    const items = k.items.map((i) => `<div class="mp-kf"><dt>${escapeXml(i.label)}</dt><dd>${escapeXml(i.value)}</dd></div>`);
    return `<dl class="mp-key-figures">${items.join('')}</dl>`;
}

/** Column widths in whole percent, `.mp-w-1` to `.mp-w-100`. */
const WIDTH_CSS = Array.from({ length: 100 }, (_, i) => `.mp-w-${i + 1}{width:${i + 1}%}`).join('');

const CSS = `
:root{--fg:#1d232b;--muted:#5b6470;--bg:#fff;--paper:#fff;--accent:#1f4e86;--rule:#d5dae0;--zebra:#f4f6f8;--head:#e8edf3;--callout:#eef3fa;--code:#f2f4f6;
--serif:Charter,"Bitstream Charter","Sitka Text",Cambria,"Noto Serif","DejaVu Serif",Georgia,serif;
--sans:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Helvetica Neue",Arial,sans-serif;
--mono:ui-monospace,"SFMono-Regular",Menlo,Consolas,"DejaVu Sans Mono",monospace;color-scheme:light dark}
@media (prefers-color-scheme:dark){:root{--fg:#e4e7eb;--muted:#a3abb5;--bg:#15181c;--paper:#1b1f24;--accent:#8cb4e8;--rule:#39414b;--zebra:#20252b;--head:#262d35;--callout:#1f2a38;--code:#242a31}}
*{box-sizing:border-box}
html{background:var(--bg);color:var(--fg)}
body{margin:0 auto;max-width:52rem;padding:2rem 1.5rem 4rem;font:1.05rem/1.6 var(--serif);font-kerning:normal;-webkit-text-size-adjust:100%}
h1,h2,h3,h4,h5,h6{font-family:var(--sans);line-height:1.25;color:var(--accent);margin:1.6em 0 .5em}
h2{font-size:1.7rem;border-bottom:2px solid var(--accent);padding-bottom:.25em}
h3{font-size:1.3rem}
h4{font-size:1.1rem}
h5,h6{font-size:1rem;color:var(--fg)}
p{margin:.6em 0}
a{color:var(--accent)}
code{font-family:var(--mono);font-size:.9em;background:var(--code);padding:.05em .3em;border-radius:3px}
pre{background:var(--code);padding:.75em 1em;overflow:auto;border-radius:4px}
pre code{background:none;padding:0}
.mp-title-page{min-height:40vh;display:flex;flex-direction:column;justify-content:center;border-bottom:1px solid var(--rule);margin-bottom:2rem;padding:3rem 0}
.mp-title{font-size:2.4rem;margin:0 0 .3em;color:var(--accent)}
.mp-subtitle{font-family:var(--sans);font-size:1.35rem;margin:0 0 2rem;color:var(--fg)}
.mp-title-lines p{margin:.15em 0;color:var(--muted);font-family:var(--sans)}
.mp-toc h2{border:0}
.mp-toc ol{list-style:none;padding-left:0;margin:0}
.mp-toc ol ol{padding-left:1.4em}
.mp-toc li{margin:.2em 0}
.mp-toc .mp-toc-1>a{font-weight:600;font-family:var(--sans)}
.mp-toc a{text-decoration:none;color:var(--fg)}
.mp-toc a:hover{color:var(--accent);text-decoration:underline}
.mp-lead{font-size:1.12em}
.mp-note{font-size:.88em;color:var(--muted)}
.mp-callout{font-size:1.25em;font-style:italic;background:var(--callout);border-left:4px solid var(--accent);padding:.8em 1.1em;margin:1.2em 0}
.mp-markdown{margin:.8em 0}
.mp-table-wrap{overflow-x:auto;margin:1.4em 0}
table.mp-table{border-collapse:collapse;width:100%;font-family:var(--sans);font-size:.9rem;font-variant-numeric:tabular-nums}
.mp-table caption{caption-side:top;text-align:left;font-weight:600;padding:.4em 0;color:var(--fg)}
.mp-caption-label{color:var(--accent);font-weight:700}
.mp-table th,.mp-table td{padding:.4em .6em;border-bottom:1px solid var(--rule);vertical-align:top;text-align:left}
table.mp-wide{table-layout:fixed;font-size:.78rem}
table.mp-wide th,table.mp-wide td{padding:.3em .35em;overflow-wrap:anywhere;hyphens:auto}
.mp-table thead th{background:var(--head);border-bottom:2px solid var(--accent);font-weight:600}
.mp-table tbody tr:nth-child(even){background:var(--zebra)}
.mp-table tr.mp-total td{font-weight:700;border-top:2px solid var(--fg)}
.mp-table .mp-r{text-align:right}
.mp-table .mp-c{text-align:center}
.mp-check{color:var(--accent);font-weight:700}
.mp-figure{margin:1.6em 0;text-align:center}
.mp-chart svg{max-width:100%;height:auto;color:var(--fg)}
.mp-figure figcaption{font-family:var(--sans);font-size:.9rem;margin-top:.4em}
.mp-key-figures{display:grid;grid-template-columns:repeat(auto-fit,minmax(10rem,1fr));gap:1rem;margin:1.4em 0}
.mp-kf{border:1px solid var(--rule);border-top:4px solid var(--accent);padding:.8em 1em;background:var(--paper)}
.mp-kf dt{font-family:var(--sans);font-size:.85rem;color:var(--muted)}
.mp-kf dd{margin:.2em 0 0;font-family:var(--sans);font-size:1.6rem;font-weight:700;color:var(--accent)}
.mp-colophon{margin-top:3rem;border-top:1px solid var(--rule);color:var(--muted);font-size:.85rem;font-family:var(--sans)}
.mp-preview .mp-src:hover{outline:1px dashed var(--accent);outline-offset:2px;cursor:pointer}
@page{size:A4;margin:22mm 20mm 24mm;@bottom-center{content:counter(page);font-family:sans-serif;font-size:9pt}}
@media print{
:root{--fg:#000;--muted:#444;--bg:#fff;--paper:#fff;--accent:#1f4e86;--rule:#bbb;--zebra:#f2f2f2;--head:#e4e9ef;--callout:#eef3fa;--code:#f2f2f2}
html{color-scheme:light}
body{max-width:none;padding:0;font-size:10.5pt}
.mp-title-page{min-height:0;height:240mm;border:0;break-after:page}
.mp-toc{break-after:page}
.mp-toc a::after{content:""}
.mp-chapter{break-before:page}
.mp-brief .mp-title-page{height:auto;break-after:auto;padding:0 0 1rem}
.mp-brief .mp-chapter{break-before:auto}
h2,h3,h4,h5,h6{break-after:avoid}
.mp-table-wrap{overflow:visible}
thead{display:table-header-group}
tr,.mp-figure,.mp-kf{break-inside:avoid}
p{orphans:3;widows:3}
a{color:inherit;text-decoration:none}
.mp-preview .mp-src:hover{outline:0}
}
`.trim();
