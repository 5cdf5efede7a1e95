import type { AstNode } from 'langium';
import type { Owner, Pillar, Workshop } from '../language/generated/ast.js';
import type { InitiativeFacts, PlanModel } from '../model/plan-model.js';
import { readDateRange, readDate } from '../model/periods.js';
import type { Block, Book, BookNumber, Inline, Language, List, Paragraph, Section, Table, TableCell, Align } from './outline.js';
import { stringsFor, type BookStrings } from './i18n/strings.js';
import { formatDateRange, formatYears } from './i18n/format.js';
import { sourceOf } from './source.js';

/**
 * Small pieces shared by the three book builders: titles in the reader's language, inline text
 * with its source, tables, sections with unique anchors, the title page and the book's date.
 */

/** A plan node's title in the reader's language: its `en` title in English books when it has one. */
export function titleOf(node: { title?: string; titleEn?: string } | undefined, lang: Language): string {
    if (!node) return '';
    return (lang === 'en' && node.titleEn ? node.titleEn : node.title) ?? '';
}

/** Plain text, optionally bold or italic. */
export function text(value: string, style: { bold?: boolean; italic?: boolean } = {}): Inline {
    return { type: 'text', text: value, ...(style.bold ? { bold: true } : {}), ...(style.italic ? { italic: true } : {}) };
}

/** Text that comes from a plan node: a link to its source when the node has one. */
export function fromNode(value: string, node: AstNode | undefined): Inline {
    const source = sourceOf(node);
    return source ? { type: 'source', text: value, source } : text(value);
}

/** A cross-reference to an anchor within the book. */
export function ref(value: string, target: string): Inline {
    return { type: 'ref', text: value, target };
}

/** Joins inline runs with a separator. */
export function joinInline(parts: readonly Inline[], separator = ', '): Inline[] {
    const out: Inline[] = [];
    parts.forEach((part, i) => {
        if (i > 0) out.push(text(separator));
        out.push(part);
    });
    return out;
}

/** A paragraph of inline runs (or one string). */
export function paragraph(content: string | readonly Inline[], options: { style?: Paragraph['style']; node?: AstNode } = {}): Paragraph {
    const source = sourceOf(options.node);
    return {
        type: 'paragraph',
        content: typeof content === 'string' ? [text(content)] : content,
        ...(source ? { source } : {}),
        ...(options.style ? { style: options.style } : {}),
    };
}

/** A list whose items may come from plan nodes. */
export function list(items: ReadonlyArray<{ content: string | readonly Inline[]; node?: AstNode }>, ordered = false): List {
    return {
        type: 'list',
        ordered,
        items: items.map(item => {
            const source = sourceOf(item.node);
            return { content: typeof item.content === 'string' ? [text(item.content)] : item.content, ...(source ? { source } : {}) };
        }),
    };
}

/** A table cell: text, inline runs, or a mark. */
export function cell(content: string | readonly Inline[], node?: AstNode, mark?: boolean): TableCell {
    const source = sourceOf(node);
    return {
        content: typeof content === 'string' ? (content === '' ? [] : [text(content)]) : content,
        ...(source ? { source } : {}),
        ...(mark ? { mark: true } : {}),
    };
}

/** A row of a table. */
export interface RowInput {
    readonly cells: readonly TableCell[];
    readonly node?: AstNode;
    readonly total?: boolean;
}

/** A table with a caption, its columns and rows. */
export function table(caption: string, columns: ReadonlyArray<{ header: string; align?: Align; width?: number }>, rows: readonly RowInput[], id?: string): Table {
    return {
        type: 'table',
        caption,
        ...(id ? { id } : {}),
        columns: columns.map(c => ({ header: c.header, ...(c.align ? { align: c.align } : {}), ...(c.width !== undefined ? { width: c.width } : {}) })),
        rows: rows.map(row => {
            const source = sourceOf(row.node);
            return { cells: row.cells, ...(source ? { source } : {}), ...(row.total ? { total: true } : {}) };
        }),
    };
}

/** Gives every anchor of a book once: `programme-eoffice`, then `programme-eoffice-2` for a clash. */
export class Anchors {
    private readonly used = new Set<string>();
    private readonly byNode = new Map<AstNode, string>();

    /** A new unique anchor from a prefix and a name. */
    make(prefix: string, name?: string): string {
        const slug = slugify(name ? `${prefix}-${name}` : prefix) || 'section';
        let anchor = slug;
        for (let i = 2; this.used.has(anchor); i++) anchor = `${slug}-${i}`;
        this.used.add(anchor);
        return anchor;
    }

    /** The anchor of a node, made once. */
    of(node: AstNode, prefix: string, name?: string): string {
        let anchor = this.byNode.get(node);
        if (!anchor) {
            anchor = this.make(prefix, name);
            this.byNode.set(node, anchor);
        }
        return anchor;
    }

    /** The anchor of a node if one was made. */
    get(node: AstNode): string | undefined {
        return this.byNode.get(node);
    }
}

/** Lower-case ASCII letters, digits and dashes. */
export function slugify(value: string): string {
    return value.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

/** A section of the book. */
export function section(level: 1 | 2 | 3, title: string, id: string, children: ReadonlyArray<Block | Section>, node?: AstNode): Section {
    const source = sourceOf(node);
    return { type: 'section', level, title, id, ...(source ? { source } : {}), children };
}

/** An owner's name in the reader's language, linked to its declaration. */
export function ownerInline(owner: Owner | undefined, lang: Language): Inline | undefined {
    return owner ? fromNode(titleOf(owner, lang), owner) : undefined;
}

/** A workshop's title with its dates: `Bimtek Tahap II (5–6 Agustus 2019)`. */
export function workshopLabel(workshop: Workshop, lang: Language): string {
    const dates = readDateRange(workshop.dates);
    const title = titleOf(workshop, lang);
    return dates?.ok ? `${title} (${formatDateRange(dates.start.iso, dates.end.iso, lang)})` : title;
}

/** The plan's region, or its title when no region is given. */
export function regionOf(plan: PlanModel, lang: Language): string {
    return plan.masterplan?.region ?? titleOf(plan.masterplan, lang) ?? '';
}

/** The plan period as text, when known. */
export function periodText(plan: PlanModel, lang: Language): string | undefined {
    return plan.period ? formatYears(plan.period, lang) : undefined;
}

/**
 * The book's date, from the plan so that output is deterministic: the last day of the latest
 * workshop that drafted this book; else of the latest workshop; else the readiness assessment;
 * else the first of January of the plan's first year.
 */
export function bookDate(plan: PlanModel, book: BookNumber): string {
    const ends = (workshops: readonly Workshop[]) => workshops
        .map(w => readDateRange(w.dates))
        .filter(r => r?.ok)
        .map(r => (r as { ok: true; end: { iso: string } }).end.iso)
        .sort();
    const drafting = ends(plan.workshops.filter(w => w.drafts.includes(`book${book}` as 'book1')));
    if (drafting.length > 0) return drafting[drafting.length - 1];
    const any = ends(plan.workshops);
    if (any.length > 0) return any[any.length - 1];
    const assessed = plan.readiness.map(r => readDate(r.node.assessed)?.iso).filter((d): d is string => !!d).sort();
    if (assessed.length > 0) return assessed[0];
    if (plan.period) return `${plan.period.start}-01-01`;
    return '1970-01-01';
}

/** The lines of the title page: region and province, period, regulation, consultant. */
export function titlePage(plan: PlanModel, t: BookStrings): string[] {
    const lines: string[] = [];
    const mp = plan.masterplan;
    if (mp?.region) lines.push(t.titleRegion(mp.region, mp.province));
    else if (mp?.province) lines.push(mp.province);
    const years = periodText(plan, t.language);
    if (years) lines.push(t.titlePeriod(years));
    if (mp?.regulation) lines.push(t.titleRegulation(mp.regulation));
    if (mp?.consultant) lines.push(t.titleConsultant(mp.consultant));
    return lines;
}

/** Puts a book together from its sections, with the title page, date and labels. */
export function assembleBook(plan: PlanModel, number: BookNumber, lang: Language, sections: readonly Section[]): Book {
    const t = stringsFor(lang);
    return {
        book: number,
        language: lang,
        title: t.bookTitles[number],
        subtitle: titleOf(plan.masterplan, lang) || plan.masterplan?.name || '',
        titlePage: titlePage(plan, t),
        date: bookDate(plan, number),
        plan: plan.masterplan?.name ?? '',
        labels: { contents: t.contents, page: t.page, table: t.table, figure: t.figure, generatedBy: t.generatedBy },
        sections,
    };
}

/**
 * The plan's pillars in reading order: those of the framework's dimensions first, in the order of
 * the dimensions (Governance, Branding, Economy, Living, Society, Environment), then the region's
 * own pillars in the plan's order.
 */
export function orderedPillars(plan: PlanModel): Pillar[] {
    const dimensions = plan.framework?.dimensions ?? [];
    const rank = (pillar: Pillar) => {
        const index = pillar.dimension?.ref ? dimensions.indexOf(pillar.dimension.ref) : -1;
        return index < 0 ? dimensions.length : index;
    };
    return plan.pillars.map((pillar, i) => ({ pillar, i })).sort((a, b) => rank(a.pillar) - rank(b.pillar) || a.i - b.i).map(x => x.pillar);
}

/** The plan's initiatives (programmes and quick wins) in reading order: by pillar, then as written. */
export function orderedInitiatives(plan: PlanModel): InitiativeFacts[] {
    return orderedPillars(plan).flatMap(pillar => plan.initiatives.filter(f => f.pillar === pillar));
}
