/**
 * The book outline: a small, typed document tree built from the plan model for each book, and
 * rendered to Markdown, HTML, Word or JSON. Everything that comes from the plan carries its source
 * location, so a preview can jump back to the text. Builders decide *what* a book says (in the
 * reader's language); renderers decide only *how* it looks, and contain no language of their own.
 */

/** Where a piece of the book comes from in the plan's text. Lines and characters are 0-based. */
export interface SourceRef {
    /** The document URI (`file:///…`). */
    readonly uri: string;
    readonly range: { start: { line: number; character: number }; end: { line: number; character: number } };
    /** What it is (`Programme`, `QuickWin`, `Owner`, `RpjmdObjective`…) and its name, for links and tooltips. */
    readonly kind: string;
    readonly name?: string;
}

/** Inline text: plain runs, with optional emphasis, a link to a source, or a cross-reference within the book. */
export type Inline =
    | { readonly type: 'text'; readonly text: string; readonly bold?: boolean; readonly italic?: boolean }
    | { readonly type: 'source'; readonly text: string; readonly source: SourceRef }
    | { readonly type: 'ref'; readonly text: string; readonly target: string };

export interface Paragraph {
    readonly type: 'paragraph';
    readonly content: readonly Inline[];
    readonly source?: SourceRef;
    /** `lead`: an opening paragraph; `note`: small print; `callout`: a highlighted statement (the vision). */
    readonly style?: 'lead' | 'note' | 'callout';
}

/** Markdown written by the plan's author (a `description`), rendered by each renderer as well as it can. */
export interface MarkdownBlock {
    readonly type: 'markdown';
    readonly markdown: string;
    readonly source?: SourceRef;
}

export interface List {
    readonly type: 'list';
    readonly ordered: boolean;
    readonly items: ReadonlyArray<{ readonly content: readonly Inline[]; readonly source?: SourceRef }>;
}

/** Column alignment: numbers and money right-aligned. */
export type Align = 'left' | 'right' | 'center';

export interface TableCell {
    readonly content: readonly Inline[];
    readonly source?: SourceRef;
    /** A mark for matrix cells (the traceability matrix): rendered as a check mark. */
    readonly mark?: boolean;
}

export interface Table {
    readonly type: 'table';
    /** Used as the caption ("Tabel 3. …"); numbering is left to renderers. */
    readonly caption: string;
    readonly id?: string;
    readonly columns: ReadonlyArray<{ readonly header: string; readonly align?: Align; readonly width?: number }>;
    readonly rows: ReadonlyArray<{ readonly cells: readonly TableCell[]; readonly source?: SourceRef; readonly total?: boolean }>;
}

/** A horizontal bar chart (readiness scores, budget by pillar). */
export interface BarChart {
    readonly type: 'bar-chart';
    readonly caption: string;
    readonly id?: string;
    /** The maximum of the scale (5 for readiness scores); the largest value when absent. */
    readonly max?: number;
    readonly unit?: string;
    /** Column headers for renderers that draw the chart as a table (the label and the value columns). */
    readonly labelHeader?: string;
    readonly valueHeader?: string;
    readonly bars: ReadonlyArray<{ readonly label: string; readonly value: number; readonly display: string; readonly group?: string; readonly source?: SourceRef }>;
}

/** A Gantt chart by year (the roadmap). */
export interface GanttChart {
    readonly type: 'gantt';
    readonly caption: string;
    readonly id?: string;
    readonly years: { readonly start: number; readonly end: number };
    /**
     * Set on the parts of a roadmap that a renderer splits across pages: the palette index of the
     * first section and the width of the label column, so that the parts line up and keep the whole
     * chart's colours.
     */
    readonly layout?: { readonly firstColour: number; readonly labelWidth: number };
    readonly sections: ReadonlyArray<{
        readonly label: string;
        readonly tasks: ReadonlyArray<{ readonly label: string; readonly start: number; readonly end: number; readonly milestone?: boolean; readonly source?: SourceRef }>;
    }>;
}

/** Key figures shown large (Book III). */
export interface KeyFigures {
    readonly type: 'key-figures';
    readonly items: ReadonlyArray<{ readonly label: string; readonly value: string }>;
}

export type Block = Paragraph | MarkdownBlock | List | Table | BarChart | GanttChart | KeyFigures;

export interface Section {
    readonly type: 'section';
    /** 1 = chapter, 2 = section, 3 = subsection. */
    readonly level: 1 | 2 | 3;
    readonly title: string;
    /** A stable anchor id, unique within the book (`pillar-governance`, `programme-eoffice`). */
    readonly id: string;
    readonly source?: SourceRef;
    readonly children: ReadonlyArray<Block | Section>;
}

export type BookNumber = 1 | 2 | 3;
export type Language = 'id' | 'en';

export interface Book {
    readonly book: BookNumber;
    readonly language: Language;
    /** "Buku II: Masterplan Smart City" */
    readonly title: string;
    /** The plan's title. */
    readonly subtitle: string;
    /** Lines on the title page below the titles (region, province, period, prepared by…). */
    readonly titlePage: readonly string[];
    /** A fixed date for the document's metadata (ISO `YYYY-MM-DD`), from the plan, so output is deterministic. */
    readonly date: string;
    readonly plan: string;
    /** Labels the renderers need (table of contents, page, table/figure captions), in the book's language. */
    /**
     * `book` (the default): a title page, a table of contents, each chapter on a new page.
     * `brief`: a short document read in one sitting (Book III): the title on the first page, no
     * table of contents, chapters one after the other.
     */
    readonly layout?: 'book' | 'brief';
    readonly labels: { readonly contents: string; readonly page: string; readonly table: string; readonly figure: string; readonly generatedBy: string };
    readonly sections: readonly Section[];
}
