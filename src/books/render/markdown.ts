/**
 * The Markdown renderer: GitHub-flavoured Markdown, readable as plain text and drawn well by code
 * hosts. Tables with aligned columns, the roadmap as a Mermaid Gantt block, bar charts as tables
 * with a text bar. Every piece of plan text is escaped so that it cannot change the structure of
 * the document; the authors' own Markdown (descriptions) passes through with raw HTML, unsafe
 * links and unclosed code fences neutralised and its headings pushed below the book's.
 */
import type { BarChart, Block, Book, GanttChart, Inline, KeyFigures, List, MarkdownBlock, Paragraph, Section, Table, Align } from '../outline.js';
import { formatDate } from '../i18n/format.js';

/** Width of a text bar, in characters. */
const BAR_WIDTH = 20;

/** Renders a book as GitHub-flavoured Markdown (deterministic: the same book gives the same string). */
export function renderMarkdown(book: Book): string {
    const ctx: Ctx = { book, tables: 0, figures: 0, out: [] };
    const out = ctx.out;
    out.push(`# ${escapeText(book.title)}`);
    if (book.subtitle) out.push(`**${escapeText(book.subtitle)}**`);
    for (const line of book.titlePage) out.push(escapeBlockStart(escapeText(line)));
    out.push(`*${escapeText(formatDate(book.date, book.language))}*`);
    const toc = tableOfContents(book.sections);
    if (toc.length > 0) {
        out.push(`## ${escapeText(book.labels.contents)}`);
        out.push(toc.join('\n'));
    }
    for (const section of book.sections) renderSection(ctx, section);
    out.push('---');
    out.push(`*${escapeText(book.labels.generatedBy)}*`);
    return out.join('\n\n') + '\n';
}

interface Ctx {
    readonly book: Book;
    tables: number;
    figures: number;
    readonly out: string[];
}

function tableOfContents(sections: readonly Section[]): string[] {
    const lines: string[] = [];
    const walk = (list: ReadonlyArray<Block | Section>, depth: number) => {
        for (const child of list) {
            if (child.type !== 'section' || child.level > 2) continue;
            lines.push(`${'  '.repeat(depth)}- [${escapeText(child.title)}](#${anchor(child.id)})`);
            walk(child.children, depth + 1);
        }
    };
    walk(sections, 0);
    return lines;
}

/** Anchors are made by the builders from ASCII slugs; anything else is dropped for safety. */
function anchor(id: string): string {
    return id.replace(/[^A-Za-z0-9_-]/g, '');
}

/** An empty HTML anchor for links within the book (kept inline, so it never opens an HTML block). */
function anchorTag(id: string | undefined): string {
    return id ? `<a id="${anchor(id)}"></a>` : '';
}

function renderSection(ctx: Ctx, section: Section): void {
    const hashes = '#'.repeat(Math.min(6, section.level + 1));
    ctx.out.push(`${hashes} ${anchorTag(section.id)}${escapeText(section.title)}`);
    for (const child of section.children) {
        if (child.type === 'section') renderSection(ctx, child);
        else renderBlock(ctx, child, section.level);
    }
}

function renderBlock(ctx: Ctx, block: Block, level: number): void {
    switch (block.type) {
        case 'paragraph': ctx.out.push(renderParagraph(block)); break;
        case 'markdown': {
            const text = sanitizeAuthorMarkdown(block, level + 2);
            if (text) ctx.out.push(text);
            break;
        }
        case 'list': ctx.out.push(renderList(block)); break;
        case 'table': ctx.out.push(renderTable(ctx, block)); break;
        case 'bar-chart': ctx.out.push(renderBarChart(ctx, block)); break;
        case 'gantt': ctx.out.push(renderGantt(ctx, block)); break;
        case 'key-figures': ctx.out.push(renderKeyFigures(block)); break;
    }
}

function renderParagraph(p: Paragraph): string {
    const content = escapeBlockStart(renderInlines(p.content));
    switch (p.style) {
        case 'callout': return `> ${content}`;
        case 'note': return emphasise(content, '*');
        default: return content;
    }
}

/** Wraps text in emphasis markers, keeping surrounding spaces outside so the markers take effect. */
function emphasise(content: string, marker: string): string {
    const trimmed = content.trim();
    if (!trimmed) return content;
    return `${marker}${trimmed}${marker}`;
}

/** Renders inline runs: plain text escaped, emphasis, links to anchors within the book. */
export function renderInlines(inlines: readonly Inline[]): string {
    return inlines.map(inline => {
        switch (inline.type) {
            case 'text': {
                if (!inline.bold && !inline.italic) return escapeText(inline.text);
                const lead = /^\s/.test(inline.text) ? ' ' : '';
                const trail = /\s$/.test(inline.text) ? ' ' : '';
                let core = escapeText(inline.text.trim());
                if (!core) return lead || trail;
                if (inline.italic) core = `*${core}*`;
                if (inline.bold) core = `**${core}**`;
                return lead + core + trail;
            }
            case 'source': return escapeText(inline.text);
            case 'ref': return `[${escapeText(inline.text)}](#${anchor(inline.target)})`;
        }
    }).join('');
}

function renderList(list: List): string {
    return list.items.map((item, i) => {
        const marker = list.ordered ? `${i + 1}.` : '-';
        return `${marker} ${escapeBlockStart(renderInlines(item.content))}`;
    }).join('\n');
}

function alignRow(columns: ReadonlyArray<{ align?: Align }>): string {
    return `|${columns.map(c => c.align === 'right' ? ' ---: ' : c.align === 'center' ? ' :---: ' : ' --- ').join('|')}|`;
}

function row(cells: readonly string[]): string {
    return `| ${cells.map(c => c === '' ? ' ' : c).join(' | ')} |`;
}

function renderTable(ctx: Ctx, table: Table): string {
    ctx.tables++;
    const lines: string[] = [];
    lines.push(`${anchorTag(table.id)}**${escapeText(ctx.book.labels.table)} ${ctx.tables}.** ${escapeText(table.caption)}`);
    lines.push('');
    const width = Math.max(1, table.columns.length);
    lines.push(row(table.columns.map(c => escapeText(c.header))));
    lines.push(alignRow(table.columns.length > 0 ? table.columns : [{}]));
    for (const r of table.rows) {
        const cells: string[] = [];
        for (let i = 0; i < width; i++) {
            const cell = r.cells[i];
            if (!cell) { cells.push(''); continue; }
            let content = renderInlines(cell.content).trim();
            if (cell.mark) content = content ? `✓ ${content}` : '✓';
            if (r.total && content) content = emphasise(content, '**');
            cells.push(content);
        }
        lines.push(row(cells));
    }
    return lines.join('\n');
}

function textBar(value: number, max: number): string {
    const ratio = max > 0 ? Math.max(0, Math.min(1, value / max)) : 0;
    const filled = Math.round(ratio * BAR_WIDTH);
    return '█'.repeat(filled) + '░'.repeat(BAR_WIDTH - filled);
}

function renderBarChart(ctx: Ctx, chart: BarChart): string {
    ctx.figures++;
    const max = chart.max ?? Math.max(0, ...chart.bars.map(b => b.value));
    const grouped = chart.bars.some(b => b.group);
    const lines: string[] = [];
    lines.push(row([...(grouped ? [' '] : []), escapeText(chart.labelHeader ?? ''), escapeText(chart.valueHeader ?? ''), ' ']));
    lines.push(alignRow([...(grouped ? [{}] : []), {}, { align: 'right' }, {}]));
    for (const bar of chart.bars) {
        lines.push(row([
            ...(grouped ? [escapeText(bar.group ?? '')] : []),
            escapeText(bar.label),
            escapeText(bar.display + (chart.unit && !bar.display.endsWith(chart.unit) ? ` ${chart.unit}` : '')),
            `\`${textBar(bar.value, max)}\``,
        ]));
    }
    lines.push('');
    lines.push(`${anchorTag(chart.id)}**${escapeText(ctx.book.labels.figure)} ${ctx.figures}.** ${escapeText(chart.caption)}`);
    return lines.join('\n');
}

/** Text that Mermaid reads as one label: no separators, comments, fences or line breaks. */
export function mermaidLabel(text: string): string {
    const cleaned = stripControl(text).replace(/[:;#%`\r\n\t]+/g, ' ').replace(/[<>{}]/g, '').replace(/\s+/g, ' ').trim();
    return cleaned || '-';
}

function renderGantt(ctx: Ctx, chart: GanttChart): string {
    ctx.figures++;
    const lines: string[] = [];
    lines.push('```mermaid');
    lines.push('gantt');
    lines.push(`    title ${mermaidLabel(chart.caption)}`);
    lines.push('    dateFormat YYYY');
    lines.push('    axisFormat %Y');
    lines.push('    tickInterval 1year');
    lines.push('    todayMarker off');
    let n = 0;
    for (const section of chart.sections) {
        if (section.tasks.length === 0) continue;
        lines.push(`    section ${mermaidLabel(section.label)}`);
        for (const task of section.tasks) {
            n++;
            if (task.milestone) lines.push(`    ${mermaidLabel(task.label)} :milestone, t${n}, ${task.start}, 0d`);
            // Years are inclusive; Mermaid's end date is exclusive, so a task runs to 1 January after its last year.
            else lines.push(`    ${mermaidLabel(task.label)} :t${n}, ${task.start}, ${task.end + 1}`);
        }
    }
    lines.push('```');
    lines.push('');
    lines.push(`${anchorTag(chart.id)}**${escapeText(ctx.book.labels.figure)} ${ctx.figures}.** ${escapeText(chart.caption)}`);
    return lines.join('\n');
}

function renderKeyFigures(figures: KeyFigures): string {
    if (figures.items.length === 0) return '';
    return [
        row(figures.items.map(i => escapeText(i.label))),
        alignRow(figures.items.map(() => ({ align: 'center' as const }))),
        row(figures.items.map(i => `**${escapeText(i.value)}**`)),
    ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Escaping

function stripControl(text: string): string {
    // C0 controls other than tab and line breaks, DEL, C1 controls, and bidirectional overrides
    return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g, '');
}

/**
 * Escapes plan text for use inside a Markdown line (a paragraph, a heading, a table cell):
 * line breaks become spaces, and every character that Markdown, GFM tables, HTML or maths could
 * read as syntax is backslash-escaped.
 */
export function escapeText(text: string): string {
    return stripControl(text)
        .replace(/\s*[\r\n]+\s*/g, ' ')
        .replace(/[\\`*_[\]<>|~$&#]/g, ch => `\\${ch}`);
}

/** Escapes what would start a block at the beginning of a line: a list, a heading, a quote, a code indent. */
export function escapeBlockStart(line: string): string {
    const trimmed = line.replace(/^[ \t]+/, '');
    return trimmed
        .replace(/^([-+=])/, '\\$1')
        .replace(/^(\d+)([.)])/, '$1\\$2');
}

/**
 * Author Markdown, made safe to embed: raw HTML (outside code) is shown as text, links to
 * `javascript:`, `vbscript:` and `data:` go nowhere, headings are pushed down to `minLevel`, an
 * unclosed code fence is closed, and control characters are removed.
 */
export function sanitizeAuthorMarkdown(block: MarkdownBlock | string, minLevel = 3): string {
    const markdown = typeof block === 'string' ? block : block.markdown;
    const lines = stripControl(markdown.replace(/\r\n?/g, '\n')).split('\n');
    const out: string[] = [];
    let fence: { char: string; length: number } | undefined;
    for (const line of lines) {
        const fenceMatch = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line);
        if (fence) {
            out.push(line);
            if (fenceMatch && fenceMatch[1][0] === fence.char && fenceMatch[1].length >= fence.length && fenceMatch[2].trim() === '') fence = undefined;
            continue;
        }
        if (fenceMatch && !(fenceMatch[1][0] === '`' && fenceMatch[2].includes('`'))) {
            fence = { char: fenceMatch[1][0], length: fenceMatch[1].length };
            out.push(line);
            continue;
        }
        out.push(sanitizeLine(line, minLevel));
    }
    if (fence) out.push(fence.char.repeat(fence.length));
    return out.join('\n').replace(/^\n+|\n+$/g, '');
}

const UNSAFE_SCHEME = /^\s*<?\s*(?:javascript|vbscript|data|file)\s*:/i;

function sanitizeLine(line: string, minLevel: number): string {
    let result = line;
    // headings below the book's own
    result = result.replace(/^( {0,3})(#{1,6})(?=[ \t]|$)/, (_, indent: string, hashes: string) =>
        indent + '#'.repeat(Math.min(6, Math.max(minLevel, hashes.length + minLevel - 1))));
    // link reference definitions with an unsafe target
    result = result.replace(/^( {0,3})\[([^\]]*)\]:(.*)$/, (whole, indent: string, label: string, target: string) =>
        UNSAFE_SCHEME.test(target) ? `${indent}\\[${label}\\]: #` : whole);
    // outside inline code: raw HTML shown as text, unsafe link targets neutralised
    return splitCodeSpans(result).map(part => part.code ? part.text : part.text
        .replace(/</g, '&lt;')
        .replace(/\]\(\s*<?\s*(?:javascript|vbscript|data|file)\s*:(?:[^()\s]|\([^()]*\))*\)/gi, '](#)')).join('');
}

/** Splits a line into inline code spans (backtick runs closed by a run of the same length) and other text. */
function splitCodeSpans(line: string): Array<{ code: boolean; text: string }> {
    const parts: Array<{ code: boolean; text: string }> = [];
    let i = 0;
    let plainStart = 0;
    while (i < line.length) {
        if (line[i] === '`' && (i === 0 || line[i - 1] !== '\\')) {
            let j = i;
            while (j < line.length && line[j] === '`') j++;
            const run = line.slice(i, j);
            const close = findRun(line, j, run.length);
            if (close >= 0) {
                if (plainStart < i) parts.push({ code: false, text: line.slice(plainStart, i) });
                parts.push({ code: true, text: line.slice(i, close + run.length) });
                i = plainStart = close + run.length;
                continue;
            }
            i = j;
            continue;
        }
        i++;
    }
    if (plainStart < line.length) parts.push({ code: false, text: line.slice(plainStart) });
    return parts;
}

function findRun(line: string, from: number, length: number): number {
    let i = from;
    while (i < line.length) {
        if (line[i] === '`') {
            let j = i;
            while (j < line.length && line[j] === '`') j++;
            if (j - i === length) return i;
            i = j;
        } else {
            i++;
        }
    }
    return -1;
}
