/**
 * The Word renderer: a book as a `.docx` file built with the `docx` library, with real Heading 1-3
 * styles (so the table of contents works), numbered captions, tables with repeated header rows,
 * charts as SVG images with a PNG fallback, page numbers, A4 pages.
 *
 * The bytes are deterministic: `docx` stamps the current time into `docProps/core.xml`, numbers
 * bookmarks and hyperlink relationships from counters and random ids, and zips with the current
 * date; after packing, this file rewrites those parts and re-packs the archive itself (fixed entry
 * order and dates, `node:zlib` deflate), so the same book gives the same bytes in any process.
 */
import { inflateRawSync, deflateRawSync } from 'node:zlib';
import {
    AlignmentType,
    Bookmark,
    BorderStyle,
    Document,
    ExternalHyperlink,
    Footer,
    HeadingLevel,
    ImageRun,
    InternalHyperlink,
    LeaderType,
    LevelFormat,
    LineRuleType,
    Packer,
    PageNumber,
    PageReference,
    Paragraph,
    ShadingType,
    Table,
    TableCell,
    TableLayoutType,
    TableOfContents,
    TableRow,
    Tab,
    TabStopType,
    TextRun,
    WidthType,
    type IContext,
    type IXmlableObject,
    type ParagraphChild,
} from 'docx';
import type { Block, Book, Inline, KeyFigures, List, Paragraph as OutlineParagraph, Section, Table as OutlineTable, BarChart, GanttChart, Align } from '../outline.js';
import { chartScene, cleanText, crc32, scenePng, sceneToSvg, splitGantt, type ChartScene } from './charts.js';
import { parseMarkdown, type MdBlock, type MdInline } from './html.js';

// A4 in twentieths of a point, 2.5 cm margins.
const PAGE_W = 11906;
const PAGE_H = 16838;
const MARGIN = 1418;
const CONTENT_W = PAGE_W - 2 * MARGIN; // 9070 twips = 6.3 in
const CONTENT_PX = Math.floor((CONTENT_W / 1440) * 96); // 604 px at 96 dpi
/** Pixels of a chart's PNG fallback per pixel shown on the page (96 per inch): 240 dpi. */
const PNG_PER_SHOWN_PX = 2.5;
const MAX_IMAGE_PX = Math.floor(((PAGE_H - 2 * MARGIN) / 1440) * 96) - 90; // 843 px: a page less a caption

const ACCENT = '1F4E86';
const MUTED = '5B6470';
const RULE = 'BFC6CE';
const HEAD_FILL = 'E4E9EF';
const ZEBRA_FILL = 'F3F5F7';
const CALLOUT_FILL = 'EEF3FA';
const BODY_FONT = 'Cambria';
const HEAD_FONT = 'Calibri';

interface Ctx {
    readonly book: Book;
    readonly anchors: Map<string, string>;
    tables: number;
    figures: number;
    images: number;
    lists: number;
    /** Table cells and rows already built, by what they hold (see `SharedCell`). */
    readonly cells: Map<string, { readonly cell: TableCell; readonly id: number }>;
    readonly rows: Map<string, TableRow>;
}

/** Renders a book as a Word document; the same book always gives byte-identical output. */
export async function renderDocx(book: Book, options: { viaPacker?: boolean } = {}): Promise<Uint8Array> {
    return normalizeDocxParts(await docxParts(docxDocument(book), options.viaPacker), book.date);
}

/** The book as a `docx` document, not yet packed. */
function docxDocument(book: Book): Document {
    const ctx: Ctx = { book, anchors: bookmarkNames(book), tables: 0, figures: 0, images: 0, lists: 0, cells: new Map(), rows: new Map() };
    const labels = book.labels;
    const body: Array<Paragraph | Table | TableOfContents> = [];

    const brief = book.layout === 'brief';

    // Title page (for a brief: the title at the top of the first page).
    if (!brief) body.push(new Paragraph({ spacing: { before: 2800 }, children: [] }));
    body.push(new Paragraph({ style: 'Title', children: [new TextRun(clean(book.title))] }));
    body.push(new Paragraph({ style: 'Subtitle', children: [new TextRun(clean(book.subtitle))] }));
    for (const line of book.titlePage) body.push(new Paragraph({ style: 'TitleLine', children: [new TextRun(clean(line))] }));

    // Table of contents: a TOC field that Word fills when the file opens (updateFields) and that
    // LibreOffice shows from its cached entries until it is updated. A brief has none.
    if (!brief) {
        body.push(new Paragraph({ style: 'TOCHeading', pageBreakBefore: true, children: [new TextRun(clean(labels.contents))] }));
        body.push(
            new TableOfContents(clean(labels.contents), {
                hyperlink: true,
                headingStyleRange: '1-3',
                contentChildren: tocEntries(book.sections, ctx).map(tocParagraph),
            }),
        );
    }

    for (const s of book.sections) body.push(...sectionChildren(s, ctx));

    return new Document({
        title: clean(book.title),
        subject: clean(book.subtitle),
        creator: 'Masterplan',
        lastModifiedBy: 'Masterplan',
        description: clean(labels.generatedBy),
        revision: 1,
        features: { updateFields: true },
        styles: styles(),
        numbering: numbering(),
        sections: [
            {
                properties: {
                    // The title page has no page number; a brief starts with its text on page 1.
                    titlePage: !brief,
                    page: {
                        size: { width: PAGE_W, height: PAGE_H },
                        margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN, header: 709, footer: 709 },
                    },
                },
                footers: {
                    first: new Footer({ children: [new Paragraph({ children: [] })] }),
                    default: new Footer({
                        children: [
                            new Paragraph({
                                alignment: AlignmentType.CENTER,
                                children: [new TextRun({ children: [`${clean(labels.page)} `, PageNumber.CURRENT], size: 18, color: MUTED, font: HEAD_FONT })],
                            }),
                        ],
                    }),
                },
                children: body,
            },
        ],
    });
}

/** The compiler `Packer` uses, reached directly to have the parts before they are zipped. */
interface DocxCompiler {
    compile(file: Document): { files: Record<string, { dir: boolean; async(type: 'uint8array'): Promise<Uint8Array> }> };
}

/**
 * The parts of the package, uncompressed. `Packer.toBuffer` deflates every part in JavaScript, and
 * the parts are then inflated again to be normalized and deflated by `node:zlib`: a third of the time
 * of a big book. So the parts are taken from `Packer`'s compiler before zipping; if a later `docx`
 * moves it, the packed archive is read back as before (a test compares the two ways).
 */
async function docxParts(doc: Document, viaPacker = false): Promise<Map<string, Uint8Array>> {
    const compiler = (Packer as unknown as { compiler?: DocxCompiler }).compiler;
    if (viaPacker || typeof compiler?.compile !== 'function') return readZip(new Uint8Array(await Packer.toBuffer(doc)));
    const out = new Map<string, Uint8Array>();
    for (const [name, file] of Object.entries(compiler.compile(doc).files)) {
        if (!file.dir) out.set(name, await file.async('uint8array'));
    }
    return out;
}

function clean(text: string): string {
    return cleanText(text).replace(/[\r\n\t]+/g, ' ');
}

// ---------------------------------------------------------------------------------------------
// Styles and numbering

function styles() {
    const heading = (size: number, before: number, color = ACCENT) => ({
        run: { font: HEAD_FONT, size, bold: true, color },
        paragraph: { spacing: { before, after: 120 }, keepNext: true, keepLines: true },
    });
    return {
        default: {
            document: { run: { font: BODY_FONT, size: 21 }, paragraph: { spacing: { after: 120, line: 276, lineRule: LineRuleType.AUTO } } },
            title: { run: { font: HEAD_FONT, size: 60, bold: true, color: ACCENT }, paragraph: { spacing: { after: 240 } } },
            heading1: { name: 'heading 1', ...heading(36, 0), paragraph: { spacing: { before: 0, after: 240 }, keepNext: true, keepLines: true, outlineLevel: 0, border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: ACCENT, space: 4 } } } },
            heading2: { name: 'heading 2', ...heading(28, 360), paragraph: { spacing: { before: 360, after: 120 }, keepNext: true, keepLines: true, outlineLevel: 1 } },
            heading3: { name: 'heading 3', ...heading(24, 240, '2B2B2B'), paragraph: { spacing: { before: 240, after: 80 }, keepNext: true, keepLines: true, outlineLevel: 2 } },
            hyperlink: { run: { color: ACCENT, underline: {} } },
            listParagraph: { paragraph: { spacing: { after: 60 } } },
        },
        paragraphStyles: [
            { id: 'Subtitle', name: 'Subtitle', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { font: HEAD_FONT, size: 32, color: '333333' }, paragraph: { spacing: { after: 720 } } },
            { id: 'TitleLine', name: 'Title Line', basedOn: 'Normal', run: { font: HEAD_FONT, size: 24, color: MUTED }, paragraph: { spacing: { after: 60 } } },
            { id: 'TOCHeading', name: 'TOC Heading', basedOn: 'Normal', next: 'Normal', run: { font: HEAD_FONT, size: 36, bold: true, color: ACCENT }, paragraph: { spacing: { after: 240 } } },
            { id: 'TOC1', name: 'toc 1', basedOn: 'Normal', next: 'Normal', run: { font: HEAD_FONT, bold: true }, paragraph: { spacing: { before: 120, after: 40 } } },
            { id: 'TOC2', name: 'toc 2', basedOn: 'Normal', next: 'Normal', run: { font: HEAD_FONT }, paragraph: { spacing: { after: 30 }, indent: { left: 240 } } },
            { id: 'TOC3', name: 'toc 3', basedOn: 'Normal', next: 'Normal', run: { font: HEAD_FONT, size: 20 }, paragraph: { spacing: { after: 20 }, indent: { left: 480 } } },
            { id: 'Caption', name: 'caption', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { font: HEAD_FONT, size: 19, color: '2B2B2B' }, paragraph: { spacing: { before: 120, after: 120 } } },
            { id: 'Lead', name: 'Lead', basedOn: 'Normal', run: { size: 24 } },
            { id: 'Note', name: 'Note', basedOn: 'Normal', run: { size: 18, color: MUTED } },
            {
                id: 'Callout', name: 'Callout', basedOn: 'Normal',
                run: { size: 26, italics: true, color: '1D232B' },
                paragraph: {
                    spacing: { before: 240, after: 240 },
                    indent: { left: 240, right: 240 },
                    shading: { type: ShadingType.CLEAR, color: 'auto', fill: CALLOUT_FILL },
                    border: { left: { style: BorderStyle.SINGLE, size: 24, color: ACCENT, space: 8 } },
                },
            },
            { id: 'MdHeading', name: 'Description Heading', basedOn: 'Normal', next: 'Normal', run: { font: HEAD_FONT, bold: true, size: 22 }, paragraph: { spacing: { before: 160, after: 60 }, keepNext: true } },
            { id: 'Code', name: 'Code Block', basedOn: 'Normal', run: { font: 'Consolas', size: 18 }, paragraph: { spacing: { after: 120, line: 240, lineRule: LineRuleType.AUTO }, shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'F2F4F6' } } },
            { id: 'FigureImage', name: 'Figure', basedOn: 'Normal', paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 240, after: 0 }, keepNext: true } },
            { id: 'TableText', name: 'Table Text', basedOn: 'Normal', run: { font: HEAD_FONT, size: 19 }, paragraph: { spacing: { before: 0, after: 0, line: 252, lineRule: LineRuleType.AUTO } } },
            // A table's columns and header row as styles rather than an alignment and a bold run in each
            // of thousands of cells.
            { id: 'TableTextRight', name: 'Table Text Right', basedOn: 'TableText', paragraph: { alignment: AlignmentType.RIGHT } },
            { id: 'TableTextCenter', name: 'Table Text Centre', basedOn: 'TableText', paragraph: { alignment: AlignmentType.CENTER } },
            { id: 'TableHead', name: 'Table Heading', basedOn: 'TableText', run: { bold: true } },
            { id: 'TableHeadRight', name: 'Table Heading Right', basedOn: 'TableHead', paragraph: { alignment: AlignmentType.RIGHT } },
            { id: 'TableHeadCenter', name: 'Table Heading Centre', basedOn: 'TableHead', paragraph: { alignment: AlignmentType.CENTER } },
        ],
    };
}

function numbering() {
    const bullets = ['\u2022', '\u2013', '\u25AA', '\u2022', '\u2013'];
    const ordered = [LevelFormat.DECIMAL, LevelFormat.LOWER_LETTER, LevelFormat.LOWER_ROMAN, LevelFormat.DECIMAL, LevelFormat.LOWER_LETTER];
    const indent = (level: number) => ({ paragraph: { indent: { left: 360 * (level + 1), hanging: 300 } } });
    return {
        config: [
            { reference: 'mp-bullet', levels: bullets.map((text, level) => ({ level, format: LevelFormat.BULLET, text, alignment: AlignmentType.LEFT, style: indent(level) })) },
            { reference: 'mp-number', levels: ordered.map((format, level) => ({ level, format, text: `%${level + 1}.`, alignment: AlignmentType.LEFT, style: indent(level) })) },
        ],
    };
}

// ---------------------------------------------------------------------------------------------
// Structure

/** Bookmark names (letters, digits, `_`, at most 40 characters) for every section, table and chart id. */
function bookmarkNames(book: Book): Map<string, string> {
    const names = new Map<string, string>();
    const used = new Set<string>();
    const add = (id: string | undefined) => {
        if (id === undefined || names.has(id)) return;
        const base = `mp_${cleanText(id).replace(/[^A-Za-z0-9_]+/g, '_')}`.slice(0, 34);
        let name = base;
        for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base}_${n}`;
        used.add(name.toLowerCase());
        names.set(id, name);
    };
    const walk = (children: ReadonlyArray<Block | Section>) => {
        for (const c of children) {
            if (c.type === 'section') {
                add(c.id);
                walk(c.children);
            } else if (c.type === 'table' || c.type === 'bar-chart' || c.type === 'gantt') add(c.id);
        }
    };
    walk(book.sections);
    return names;
}

function tocEntries(children: ReadonlyArray<Block | Section>, ctx: Ctx): Array<{ title: string; level: number; href?: string }> {
    const out: Array<{ title: string; level: number; href?: string }> = [];
    for (const c of children) {
        if (c.type !== 'section') continue;
        out.push({ title: clean(c.title), level: c.level, href: ctx.anchors.get(c.id) });
        out.push(...tocEntries(c.children, ctx));
    }
    return out;
}

/**
 * One entry of the table of contents as Word writes it: a link to the heading's bookmark and a
 * PAGEREF field for its page, so the entries show (with live page numbers in LibreOffice) even
 * before the TOC field itself is updated.
 */
function tocParagraph(e: { title: string; level: number; href?: string }): Paragraph {
    const level = Math.min(3, Math.max(1, e.level));
    const tabs = [{ type: TabStopType.RIGHT, position: CONTENT_W, leader: LeaderType.DOT }];
    if (!e.href) return new Paragraph({ style: `TOC${level}`, tabStops: tabs, children: [new TextRun(e.title)] });
    return new Paragraph({
        style: `TOC${level}`,
        tabStops: tabs,
        children: [new InternalHyperlink({ anchor: e.href, children: [new TextRun(e.title), new TextRun({ children: [new Tab()] }), new PageReference(e.href)] })],
    });
}

const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3] as const;

function sectionChildren(s: Section, ctx: Ctx): Array<Paragraph | Table> {
    const level = Math.min(3, Math.max(1, s.level));
    const out: Array<Paragraph | Table> = [];
    const anchor = ctx.anchors.get(s.id);
    const title = new TextRun(clean(s.title));
    // A chapter starts a new page, except in a brief, where chapters follow each other.
    const newPage = level === 1 && ctx.book.layout !== 'brief' ? { pageBreakBefore: true } : {};
    out.push(new Paragraph({ heading: HEADINGS[level - 1], ...newPage, children: [anchor ? new Bookmark({ id: anchor, children: [title] }) : title] }));
    for (const c of s.children) {
        if (c.type === 'section') out.push(...sectionChildren(c, ctx));
        else out.push(...blockChildren(c, ctx));
    }
    return out;
}

function blockChildren(b: Block, ctx: Ctx): Array<Paragraph | Table> {
    switch (b.type) {
        case 'paragraph':
            return [paragraph(b, ctx)];
        case 'markdown':
            return markdownChildren(parseMarkdown(b.markdown), ctx, 0);
        case 'list':
            return listChildren(b, ctx);
        case 'table':
            return tableChildren(b, ctx);
        case 'bar-chart':
        case 'gantt':
            return chartChildren(b, ctx);
        case 'key-figures':
            return keyFigures(b);
        default:
            return [];
    }
}

function paragraph(p: OutlineParagraph, ctx: Ctx): Paragraph {
    const style = p.style === 'lead' ? 'Lead' : p.style === 'note' ? 'Note' : p.style === 'callout' ? 'Callout' : undefined;
    return new Paragraph({ style, children: inlines(p.content, ctx) });
}

/** Text runs for a string, with line breaks for newlines. */
function textRuns(text: string, opts: { bold?: boolean; italics?: boolean; style?: string; font?: string; color?: string; size?: number } = {}): TextRun[] {
    return cleanText(text)
        .replace(/\t/g, ' ')
        .split(/\r\n?|\n/)
        .map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : undefined, ...opts }));
}

function inlines(content: readonly Inline[], ctx: Ctx, base: { bold?: boolean; size?: number; font?: string } = {}): ParagraphChild[] {
    const out: ParagraphChild[] = [];
    // Neighbouring pieces of text with the same formatting become one run, as Word would save them.
    let pending = '';
    let pendingBold: boolean | undefined;
    let pendingItalic: boolean | undefined;
    const flush = () => {
        if (pending) out.push(...textRuns(pending, { ...base, bold: pendingBold, italics: pendingItalic }));
        pending = '';
    };
    const text = (value: string, bold: boolean | undefined, italic: boolean | undefined) => {
        if (pending && (bold !== pendingBold || italic !== pendingItalic)) flush();
        pending += value;
        pendingBold = bold;
        pendingItalic = italic;
    };
    for (const i of content) {
        if (i.type === 'text') text(i.text, i.bold || base.bold || undefined, i.italic || undefined);
        else if (i.type === 'source') text(i.text, base.bold, undefined);
        else {
            const anchor = ctx.anchors.get(i.target);
            if (anchor) {
                flush();
                out.push(new InternalHyperlink({ anchor, children: textRuns(i.text, { ...base, style: 'Hyperlink' }) }));
            } else {
                text(i.text, base.bold, undefined);
            }
        }
    }
    flush();
    return out;
}

function listChildren(l: List, ctx: Ctx): Paragraph[] {
    const instance = ++ctx.lists;
    return l.items.map(
        (item) =>
            new Paragraph({
                style: 'ListParagraph',
                numbering: l.ordered ? { reference: 'mp-number', level: 0, instance } : { reference: 'mp-bullet', level: 0 },
                children: inlines(item.content, ctx),
            }),
    );
}

// ---------------------------------------------------------------------------------------------
// Markdown

function markdownChildren(blocks: readonly MdBlock[], ctx: Ctx, level: number, listItem?: { ordered: boolean; instance: number }): Paragraph[] {
    const out: Paragraph[] = [];
    let first = true;
    for (const b of blocks) {
        // The first paragraph of a list item carries the bullet or number; later ones are indented.
        const numberingFor = listItem && first ? { reference: listItem.ordered ? 'mp-number' : 'mp-bullet', level: Math.min(level - 1, 4), instance: listItem.ordered ? listItem.instance : undefined } : undefined;
        const indent = listItem && !first ? { left: 360 * Math.min(level, 5) } : undefined;
        first = false;
        switch (b.type) {
            case 'paragraph':
                out.push(new Paragraph({ style: listItem ? 'ListParagraph' : undefined, numbering: numberingFor, indent, children: mdRuns(b.content, {}) }));
                break;
            case 'heading':
                out.push(new Paragraph({ style: 'MdHeading', numbering: numberingFor, indent, children: mdRuns(b.content, {}) }));
                break;
            case 'code':
                out.push(new Paragraph({ style: 'Code', numbering: numberingFor, indent, children: textRuns(b.text) }));
                break;
            case 'list': {
                if (numberingFor) out.push(new Paragraph({ style: 'ListParagraph', numbering: numberingFor, children: [] }));
                const instance = ++ctx.lists;
                for (const item of b.items) out.push(...markdownChildren(item, ctx, Math.min(level + 1, 5), { ordered: b.ordered, instance }));
                break;
            }
        }
    }
    return out;
}

function mdRuns(content: readonly MdInline[], f: { bold?: boolean; italics?: boolean; code?: boolean }): ParagraphChild[] {
    const out: ParagraphChild[] = [];
    for (const n of content) {
        const opts = { bold: f.bold || undefined, italics: f.italics || undefined };
        switch (n.type) {
            case 'text':
                out.push(...textRuns(n.text, opts));
                break;
            case 'code':
                out.push(...textRuns(n.text, { ...opts, font: 'Consolas', size: 19 }));
                break;
            case 'strong':
                out.push(...mdRuns(n.children, { ...f, bold: true }));
                break;
            case 'em':
                out.push(...mdRuns(n.children, { ...f, italics: true }));
                break;
            case 'link': {
                const label = flatText(n.children);
                out.push(new ExternalHyperlink({ link: n.href, children: textRuns(label || n.href, { ...opts, style: 'Hyperlink' }) }));
                break;
            }
        }
    }
    return out;
}

function flatText(content: readonly MdInline[]): string {
    return content.map((n) => (n.type === 'text' || n.type === 'code' ? n.text : n.type === 'link' ? flatText(n.children) : flatText(n.children))).join('');
}

// ---------------------------------------------------------------------------------------------
// Tables, charts, key figures

/** The paragraph style of a table cell: its column's alignment, and bold in the header row. */
function cellStyle(a: Align | undefined, header: boolean): string {
    const base = header ? 'TableHead' : 'TableText';
    return a === 'right' ? `${base}Right` : a === 'center' ? `${base}Center` : base;
}

/** Column widths in twips from the outline's relative widths (equal when none are given). */
function columnWidths(t: OutlineTable): number[] {
    const n = Math.max(1, t.columns.length, ...t.rows.map((r) => r.cells.length));
    const given = Array.from({ length: n }, (_, i) => {
        const w = t.columns[i]?.width;
        return w !== undefined && Number.isFinite(w) && w > 0 ? w : 0;
    });
    const known = given.filter((w) => w > 0);
    const avg = known.length ? known.reduce((a, b) => a + b, 0) / known.length : 1;
    const weights = given.map((w) => w || avg);
    const total = weights.reduce((a, b) => a + b, 0);
    const widths = weights.map((w) => Math.floor((w / total) * CONTENT_W));
    widths[widths.length - 1] += CONTENT_W - widths.reduce((a, b) => a + b, 0);
    return widths;
}

const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const THIN = { style: BorderStyle.SINGLE, size: 4, color: RULE };

function caption(label: string, n: number, text: string, keepNext: boolean): Paragraph {
    return new Paragraph({
        style: 'Caption',
        keepNext,
        alignment: keepNext ? AlignmentType.LEFT : AlignmentType.CENTER,
        children: [new TextRun({ text: `${clean(label)} ${n}. `, bold: true, color: ACCENT }), new TextRun(clean(text))],
    });
}

function tableChildren(t: OutlineTable, ctx: Ctx): Array<Paragraph | Table> {
    const n = ++ctx.tables;
    const widths = columnWidths(t);
    const cols = widths.length;
    const anchor = t.id !== undefined ? ctx.anchors.get(t.id) : undefined;
    const capWithAnchor = anchor
        ? new Paragraph({ style: 'Caption', keepNext: true, children: [new Bookmark({ id: anchor, children: [new TextRun({ text: `${clean(ctx.book.labels.table)} ${n}. `, bold: true, color: ACCENT })] }), new TextRun(clean(t.caption))] })
        : caption(ctx.book.labels.table, n, t.caption, true);
    // Rules, margins and alignment are the table's (thin rules between rows); a cell states only
    // what differs: the header's rule below, the total row's rule above, a fill. Column widths are the
    // table's grid, repeated by the header row's cells only (Word's fixed layout reads the first row).
    // Alignment and the header's bold are paragraph styles. Book II of a large plan has thousands of
    // cells, and each property is XML that Word and the packer must handle.
    //
    // Most of those cells are alike (an empty or ticked cell of the traceability matrix, the labels of
    // each programme's table): a cell is built once per book for what it holds, and so is a row.
    const cell = (key: string, i: number, opts: { fill?: string; header?: boolean; total?: boolean }, children: () => Paragraph[]) => {
        const full = `${opts.header ? `h${widths[i]}` : opts.total ? 't' : 'c'}|${opts.fill ?? ''}|${key}`;
        let shared = ctx.cells.get(full);
        if (!shared) {
            shared = {
                id: ctx.cells.size,
                cell: new SharedCell({
                    children: children(),
                    width: opts.header ? { size: widths[i], type: WidthType.DXA } : undefined,
                    shading: opts.fill ? { type: ShadingType.CLEAR, color: 'auto', fill: opts.fill } : undefined,
                    borders: opts.header ? { bottom: { style: BorderStyle.SINGLE, size: 12, color: ACCENT } }
                        : opts.total ? { top: { style: BorderStyle.SINGLE, size: 12, color: '1D232B' } } : undefined,
                }),
            };
            ctx.cells.set(full, shared);
        }
        return shared;
    };
    const row = (cells: ReadonlyArray<{ cell: TableCell; id: number }>, header: boolean) => {
        const key = `${header ? 'h' : 'r'}${cells.map((c) => c.id).join(',')}`;
        let shared = ctx.rows.get(key);
        if (!shared) {
            shared = new SharedRow({ tableHeader: header || undefined, cantSplit: true, children: cells.map((c) => c.cell) });
            ctx.rows.set(key, shared);
        }
        return shared;
    };
    const header = row(
        Array.from({ length: cols }, (_, i) => {
            const style = cellStyle(t.columns[i]?.align, true);
            const text = t.columns[i]?.header ?? '';
            return cell(`${style}|${text}`, i, { fill: HEAD_FILL, header: true }, () => [new Paragraph({ style, children: textRuns(text) })]);
        }),
        true,
    );
    const styles = Array.from({ length: cols }, (_, i) => cellStyle(t.columns[i]?.align, false));
    const rows = t.rows.map((r, n) =>
        row(
            Array.from({ length: cols }, (_, i) => {
                const c = r.cells[i];
                const bold = r.total || undefined;
                return cell(`${styles[i]}|${c ? cellKey(c.content, c.mark, ctx) : '-'}`, i, { fill: n % 2 === 1 ? ZEBRA_FILL : undefined, total: r.total }, () => {
                    const runs: ParagraphChild[] = [];
                    if (c?.mark) runs.push(new TextRun({ text: '\u2713', bold: true, color: ACCENT }));
                    if (c?.mark && c.content.length) runs.push(new TextRun(' '));
                    if (c) runs.push(...inlines(c.content, ctx, { bold }));
                    return [new Paragraph({ style: styles[i], children: runs })];
                });
            }),
            false,
        ),
    );
    const table = new Table({
        width: { size: CONTENT_W, type: WidthType.DXA },
        columnWidths: widths,
        layout: TableLayoutType.FIXED,
        margins: { marginUnitType: WidthType.DXA, top: 50, bottom: 50, left: 90, right: 90 },
        borders: { top: NO_BORDER, bottom: THIN, left: NO_BORDER, right: NO_BORDER, insideHorizontal: THIN, insideVertical: NO_BORDER },
        rows: [header, ...rows],
    });
    return [capWithAnchor, table, new Paragraph({ spacing: { after: 120 }, children: [] })];
}

/**
 * What decides a table cell's runs: its mark and its pieces of text with their formatting and link
 * targets (each text prefixed by its length, so that no two contents give the same key).
 */
function cellKey(content: readonly Inline[], mark: boolean | undefined, ctx: Ctx): string {
    let key = mark ? 'm' : '';
    for (const i of content) {
        if (i.type === 'text') key += `t${i.bold ? 1 : 0}${i.italic ? 1 : 0}`;
        else if (i.type === 'ref' && ctx.anchors.has(i.target)) key += `r${ctx.anchors.get(i.target)}:`;
        else key += 's';
        key += `${i.text.length}:${i.text}`;
    }
    return key;
}

/**
 * A table cell that appears in many places: built once, and prepared for XML once. Its content is
 * text and links to bookmarks only, which come out the same wherever the cell stands (no bookmarks,
 * numbering, pictures or external links, which the document numbers as it goes).
 */
class SharedCell extends TableCell {
    private prepared?: IXmlableObject;
    override prepForXml(context: IContext): IXmlableObject | undefined {
        return (this.prepared ??= super.prepForXml(context));
    }
}

/** A table row of shared cells that appears in many places, prepared for XML once. */
class SharedRow extends TableRow {
    private prepared?: IXmlableObject;
    override prepForXml(context: IContext): IXmlableObject | undefined {
        return (this.prepared ??= super.prepForXml(context));
    }
}

/** Below this share of its size, a roadmap is split across pages instead of shrunk onto one. */
const MIN_ROADMAP_SCALE = 0.75;

function chartChildren(c: BarChart | GanttChart, ctx: Ctx): Paragraph[] {
    const n = ++ctx.figures;
    const scene = chartScene(c);
    if (c.type === 'gantt') {
        // A roadmap of a hundred programmes shrunk onto one page is unreadable: such a one becomes
        // parts of a page each, under one figure number, "(1/4)", "(2/4)", …
        const widthScale = Math.min(1, CONTENT_PX / scene.width);
        if ((MAX_IMAGE_PX / scene.height) < MIN_ROADMAP_SCALE * widthScale) {
            const parts = splitGantt(c, MAX_IMAGE_PX / widthScale);
            if (parts.length > 1) {
                return parts.flatMap((part, i) => chartFigure({ ...part, caption: `${c.caption} (${i + 1}/${parts.length})`, id: i === 0 ? c.id : undefined }, n, ctx));
            }
        }
    }
    return chartFigure(c, n, ctx, scene);
}

function chartFigure(c: BarChart | GanttChart, n: number, ctx: Ctx, scene: ChartScene = chartScene(c)): Paragraph[] {
    const svg = sceneToSvg(scene, { standalone: true });
    // Fit the page: the content width, and the content height less room for the caption.
    const scale = Math.min(1, CONTENT_PX / scene.width, MAX_IMAGE_PX / scene.height);
    // The fallback picture has 2.5 pixels per shown pixel (240 dpi), not per pixel of the chart: a
    // roadmap shrunk to a page would otherwise be drawn and compressed at several times its resolution.
    const { png } = scenePng(scene, PNG_PER_SHOWN_PX * scale);
    const width = Math.round(scene.width * scale);
    const height = Math.round(scene.height * scale);
    const id = ++ctx.images;
    const image = new ImageRun({
        type: 'svg',
        data: Buffer.from(svg, 'utf8'),
        fallback: { type: 'png', data: png },
        transformation: { width, height },
        altText: { id: String(id), name: `Chart ${id}`, title: clean(c.caption), description: clean(c.caption) },
    });
    const anchor = c.id !== undefined ? ctx.anchors.get(c.id) : undefined;
    return [
        new Paragraph({ style: 'FigureImage', children: [anchor ? new Bookmark({ id: anchor, children: [image] }) : image] }),
        caption(ctx.book.labels.figure, n, c.caption, false),
    ];
}

function keyFigures(k: KeyFigures): Array<Paragraph | Table> {
    if (k.items.length === 0) return [];
    const perRow = Math.min(4, k.items.length);
    const w = Math.floor(CONTENT_W / perRow);
    const rows: TableRow[] = [];
    for (let i = 0; i < k.items.length; i += perRow) {
        const chunk = k.items.slice(i, i + perRow);
        rows.push(
            new TableRow({
                cantSplit: true,
                children: Array.from({ length: perRow }, (_, j) => {
                    const item = chunk[j];
                    return new TableCell({
                        width: { size: w, type: WidthType.DXA },
                        margins: { top: 100, bottom: 100, left: 140, right: 140 },
                        borders: { top: item ? { style: BorderStyle.SINGLE, size: 24, color: ACCENT } : NO_BORDER, bottom: NO_BORDER, left: NO_BORDER, right: NO_BORDER },
                        shading: item ? { type: ShadingType.CLEAR, color: 'auto', fill: 'F6F8FA' } : undefined,
                        children: item
                            ? [
                                  new Paragraph({ spacing: { after: 0 }, children: textRuns(item.value, { bold: true, size: 32, color: ACCENT, font: HEAD_FONT }) }),
                                  new Paragraph({ spacing: { after: 0 }, children: textRuns(item.label, { size: 18, color: MUTED, font: HEAD_FONT }) }),
                              ]
                            : [new Paragraph({ children: [] })],
                    });
                }),
            }),
        );
    }
    return [
        new Table({
            width: { size: w * perRow, type: WidthType.DXA },
            columnWidths: Array.from({ length: perRow }, () => w),
            layout: TableLayoutType.FIXED,
            borders: { top: NO_BORDER, bottom: NO_BORDER, left: NO_BORDER, right: NO_BORDER, insideHorizontal: NO_BORDER, insideVertical: { style: BorderStyle.SINGLE, size: 24, color: 'FFFFFF' } },
            rows,
        }),
        new Paragraph({ spacing: { after: 120 }, children: [] }),
    ];
}

// ---------------------------------------------------------------------------------------------
// Deterministic packaging

/**
 * Rewrites what `docx` leaves time- or counter-dependent in the parts of the package (core properties
 * dates, bookmark ids, hyperlink relationship ids; the map is changed in place) and packs them with
 * fixed dates and a fixed entry order.
 */
function normalizeDocxParts(entries: Map<string, Uint8Array>, date: string): Uint8Array {
    const day = /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : '1980-01-01';
    const text = (name: string) => {
        const e = entries.get(name);
        return e ? new TextDecoder().decode(e) : undefined;
    };
    const put = (name: string, s: string) => entries.set(name, new TextEncoder().encode(s));

    const core = text('docProps/core.xml');
    if (core !== undefined) {
        put('docProps/core.xml', core.replace(/(<dcterms:(created|modified)\b[^>]*>)[^<]*(<\/dcterms:\2>)/g, `$1${day}T00:00:00Z$3`));
    }

    // Relationship ids made from random strings, in order of first use in the main document.
    const rels = new Map<string, string>();
    const rename = (id: string) => {
        if (/^rId\d+$/.test(id)) return id;
        let r = rels.get(id);
        if (!r) rels.set(id, (r = `rIdMp${rels.size + 1}`));
        return r;
    };
    for (const part of [...entries.keys()].filter((n) => /^word\/[^/]+\.xml$/.test(n))) {
        let xml = text(part)!;
        // Mark the TOC's content control the way Word does, so LibreOffice imports it as a real
        // (updatable) index instead of showing the field code as text. (Before the field's runs are split.)
        xml = xml.replace(/<w:sdt><w:sdtPr><w:alias w:val="[^"]*"\/><\/w:sdtPr>(?=<w:sdtContent><w:p><w:r><w:fldChar w:fldCharType="begin"[^>]*\/><w:instrText[^>]*>TOC )/,
            '<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/><w:docPartUnique/></w:docPartObj></w:sdtPr>');
        // One pass over the part (Book II of a large plan is megabytes): bookmark ids in document order,
        // relationship ids, and one field character or instruction per run, as Word writes fields.
        let bookmark = 0;
        const open: number[] = [];
        xml = xml.replace(
            /<w:bookmark(Start|End)\b[^>]*>|\br:id="([^"]+)"|<w:r>((?:<w:fldChar\b[^>]*\/>|<w:instrText\b[^>]*>[^<]*<\/w:instrText>){2,})<\/w:r>/g,
            (tag, kind: string | undefined, rid: string | undefined, field: string | undefined) => {
                if (kind !== undefined) {
                    let id: number;
                    if (kind === 'Start') open.push((id = ++bookmark));
                    else id = open.pop() ?? 0;
                    return tag.replace(/w:id="[^"]*"/, `w:id="${id}"`);
                }
                if (rid !== undefined) return `r:id="${rename(rid)}"`;
                return field!.replace(/<w:fldChar\b[^>]*\/>|<w:instrText\b[^>]*>[^<]*<\/w:instrText>/g, (one) => `<w:r>${one}</w:r>`);
            },
        );
        put(part, xml);
    }
    for (const part of [...entries.keys()].filter((n) => /^word\/_rels\/[^/]+\.rels$/.test(n))) {
        put(part, text(part)!.replace(/\bId="([^"]+)"/g, (_m, id: string) => `Id="${rels.get(id) ?? id}"`));
    }
    const names = [...entries.keys()].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
    return writeZip(names.map((name) => ({ name, data: entries.get(name)! })), day);
}

function rank(name: string): number {
    return name === '[Content_Types].xml' ? 0 : name === '_rels/.rels' ? 1 : name.startsWith('docProps/') ? 2 : name === 'word/document.xml' ? 3 : 4;
}

/** Reads the entries of a ZIP archive (stored or deflated), in central-directory order. */
export function readZip(zip: Uint8Array): Map<string, Uint8Array> {
    const dv = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    let eocd = -1;
    for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65535); i--) {
        if (dv.getUint32(i, true) === 0x06054b50) {
            eocd = i;
            break;
        }
    }
    if (eocd < 0) throw new Error('not a zip archive');
    const count = dv.getUint16(eocd + 10, true);
    let p = dv.getUint32(eocd + 16, true);
    const out = new Map<string, Uint8Array>();
    for (let k = 0; k < count; k++) {
        if (dv.getUint32(p, true) !== 0x02014b50) throw new Error('bad zip central directory');
        const method = dv.getUint16(p + 10, true);
        const csize = dv.getUint32(p + 20, true);
        const nameLen = dv.getUint16(p + 28, true);
        const extraLen = dv.getUint16(p + 30, true);
        const commentLen = dv.getUint16(p + 32, true);
        const local = dv.getUint32(p + 42, true);
        const name = new TextDecoder().decode(zip.subarray(p + 46, p + 46 + nameLen));
        p += 46 + nameLen + extraLen + commentLen;
        const start = local + 30 + dv.getUint16(local + 26, true) + dv.getUint16(local + 28, true);
        const raw = zip.subarray(start, start + csize);
        if (name.endsWith('/')) continue;
        out.set(name, method === 0 ? raw.slice() : new Uint8Array(inflateRawSync(raw)));
    }
    return out;
}

/** Writes a ZIP archive with deflated entries, all dated `day` (YYYY-MM-DD) at midnight. */
export function writeZip(entries: ReadonlyArray<{ name: string; data: Uint8Array }>, day = '1980-01-01'): Uint8Array {
    const [y, m, d] = day.split('-').map(Number);
    const dosDate = ((Math.min(Math.max(y, 1980), 2107) - 1980) << 9) | (m << 5) | d;
    const locals: Uint8Array[] = [];
    const centrals: Uint8Array[] = [];
    let offset = 0;
    for (const e of entries) {
        const name = new TextEncoder().encode(e.name);
        // Pictures are compressed already: stored as they are, not deflated a second time.
        const deflated = /\.(png|jpe?g|gif)$/i.test(e.name) ? e.data : new Uint8Array(deflateRawSync(e.data, { level: 6 }));
        const stored = deflated.length >= e.data.length;
        const body = stored ? e.data : deflated;
        const crc = crc32(e.data);
        const local = new Uint8Array(30 + name.length);
        const lv = new DataView(local.buffer);
        lv.setUint32(0, 0x04034b50, true);
        lv.setUint16(4, 20, true);
        lv.setUint16(6, 0x0800, true); // UTF-8 names
        lv.setUint16(8, stored ? 0 : 8, true);
        lv.setUint16(10, 0, true);
        lv.setUint16(12, dosDate, true);
        lv.setUint32(14, crc, true);
        lv.setUint32(18, body.length, true);
        lv.setUint32(22, e.data.length, true);
        lv.setUint16(26, name.length, true);
        local.set(name, 30);
        const central = new Uint8Array(46 + name.length);
        const cv = new DataView(central.buffer);
        cv.setUint32(0, 0x02014b50, true);
        cv.setUint16(4, 20, true);
        cv.setUint16(6, 20, true);
        cv.setUint16(8, 0x0800, true);
        cv.setUint16(10, stored ? 0 : 8, true);
        cv.setUint16(12, 0, true);
        cv.setUint16(14, dosDate, true);
        cv.setUint32(16, crc, true);
        cv.setUint32(20, body.length, true);
        cv.setUint32(24, e.data.length, true);
        cv.setUint16(28, name.length, true);
        cv.setUint32(42, offset, true);
        central.set(name, 46);
        locals.push(local, body);
        centrals.push(central);
        offset += local.length + body.length;
    }
    const cdSize = centrals.reduce((n, c) => n + c.length, 0);
    const end = new Uint8Array(22);
    const ev = new DataView(end.buffer);
    ev.setUint32(0, 0x06054b50, true);
    ev.setUint16(8, entries.length, true);
    ev.setUint16(10, entries.length, true);
    ev.setUint32(12, cdSize, true);
    ev.setUint32(16, offset, true);
    const parts = [...locals, ...centrals, end];
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let o = 0;
    for (const part of parts) {
        out.set(part, o);
        o += part.length;
    }
    return out;
}
