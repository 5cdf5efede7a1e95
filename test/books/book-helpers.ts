/** Helpers for the book tests: load a plan from disk or memory, and walk a book outline. */
import type { Block, Book, Inline, Section, Table } from '../../src/books/outline.js';
import { plansOf } from '../../src/language/workspace-loader.js';
import type { PlanModel } from '../../src/model/plan-model.js';
import { projectPath, validateFiles, validateOnDisk } from '../helpers.js';

/** The plan model of a plan folder on disk. */
export async function loadPlan(...segments: string[]): Promise<PlanModel> {
    const { services, loaded } = await validateOnDisk(projectPath(...segments));
    const plans = plansOf(services, loaded.documents);
    if (plans.length !== 1) throw new Error(`expected one plan, found ${plans.length}`);
    return plans[0];
}

/** The plan model of in-memory files (one plan). */
export async function planFromFiles(files: Record<string, string>): Promise<PlanModel> {
    const result = await validateFiles(files);
    const plans = plansOf(result.services, [...result.documents.values()]);
    return plans[0];
}

/** Every section of a book, depth first. */
export function sections(book: Book): Section[] {
    const out: Section[] = [];
    const walk = (list: ReadonlyArray<Block | Section>) => {
        for (const child of list) {
            if (child.type === 'section') {
                out.push(child);
                walk(child.children);
            }
        }
    };
    walk(book.sections);
    return out;
}

/** Every block of a book (not sections), depth first. */
export function blocks(book: Book | Section): Block[] {
    const out: Block[] = [];
    const walk = (list: ReadonlyArray<Block | Section>) => {
        for (const child of list) {
            if (child.type === 'section') walk(child.children);
            else out.push(child);
        }
    };
    walk('sections' in book ? book.sections : book.children);
    return out;
}

/** The tables of a book or section. */
export function tables(of: Book | Section): Table[] {
    return blocks(of).filter((b): b is Table => b.type === 'table');
}

/** The table with an id. */
export function tableById(book: Book, id: string): Table {
    const table = tables(book).find(t => t.id === id);
    if (!table) throw new Error(`no table ${id}`);
    return table;
}

/** The text of inline runs. */
export function plain(inlines: readonly Inline[]): string {
    return inlines.map(i => i.text).join('');
}

/** The texts of a table's rows, cell by cell. */
export function rowsText(table: Table): string[][] {
    return table.rows.map(r => r.cells.map(c => plain(c.content)));
}
