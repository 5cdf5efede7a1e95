import { planFilesOrExit } from './inputs.js';
import * as path from 'node:path';
import { promises as fs } from 'node:fs';
import { createCliServices } from './services.js';
import { loadAndValidate, plansOf } from '../language/workspace-loader.js';
import { PLAN_EXTENSION, PlanFileReader } from '../language/plan-files.js';
import { buildReport, type ValidationReport } from '../validation/report.js';
import { formatReport } from './formats.js';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE } from './exit-codes.js';
import { VERSION } from './version.js';
import { useColor, Progress } from './terminal.js';
import { writeFileAtomic } from './write-file.js';
import { bookFileName, buildBook, renderBook, BOOK_FORMATS, BOOK_NUMBERS, type BookFormat } from '../books/index.js';
import type { BookNumber, Language } from '../books/outline.js';
import type { PlanModel } from '../model/plan-model.js';

/** The options of `mplan generate`, as parsed by the command line. */
export interface GenerateOptions {
    /** `1`, `2`, `3` or `all`. */
    book: string;
    /** Formats, comma-separated, or `all`. */
    format: string;
    /** Languages, comma-separated, or `all`. */
    lang: string;
    out: string;
    force?: boolean;
}

/** The books a `--book` value asks for. */
export function booksOf(value: string): BookNumber[] | undefined {
    if (value === 'all') return [...BOOK_NUMBERS];
    return value === '1' || value === '2' || value === '3' ? [Number(value) as BookNumber] : undefined;
}

/** The items of a comma-separated list, each one of `allowed`; `all` for every one. Undefined if any is not allowed. */
export function listOf<T extends string>(value: string, allowed: readonly T[]): T[] | undefined {
    const items = String(value).split(',').map(item => item.trim().toLowerCase()).filter(item => item.length > 0);
    if (items.includes('all')) return [...allowed];
    if (items.length === 0 || items.some(item => !allowed.includes(item as T))) return undefined;
    return [...new Set(items as T[])];
}

interface PlannedFile {
    readonly plan: PlanModel;
    readonly book: BookNumber;
    readonly lang: Language;
    readonly format: BookFormat;
    readonly file: string;
}

/**
 * `mplan generate [paths…]`: loads every plan under the paths and writes its books to `--out`,
 * as `<PlanName>-book<N>-<lang>.<ext>`, each file atomically. Refuses a plan with errors (unless
 * `--force`) and any target that is, or would sit among, the plans' `.mplan` sources. Returns the
 * exit code: 0 written, 1 refused because of errors in the plans, 2 usage or I/O problems.
 */
export async function runGenerate(paths: string[], options: GenerateOptions): Promise<number> {
    const books = booksOf(String(options.book));
    if (!books) {
        process.stderr.write(`mplan: --book must be 1, 2, 3 or all, not '${options.book}'\n`);
        return EXIT_USAGE;
    }
    const formats = listOf(options.format, BOOK_FORMATS);
    if (!formats) {
        process.stderr.write(`mplan: --format takes html, docx, md, json or all, comma-separated, not '${options.format}'\n`);
        return EXIT_USAGE;
    }
    const langs = listOf<Language>(options.lang, ['id', 'en']);
    if (!langs) {
        process.stderr.write(`mplan: --lang takes id, en or all, comma-separated, not '${options.lang}'\n`);
        return EXIT_USAGE;
    }
    if (options.out === '') {
        process.stderr.write('mplan: --out needs a folder\n');
        return EXIT_USAGE;
    }
    const reader = new PlanFileReader();
    const files = await planFilesOrExit(paths, reader);
    if (typeof files === 'number') return files;

    const progress = new Progress(`Checking ${files.length} files`);
    const { shared, Masterplan } = createCliServices();
    const loaded = await loadAndValidate(shared, files, { texts: reader.textsOf(files) });
    progress.done();
    for (const error of loaded.ioErrors) process.stderr.write(`mplan: cannot read ${error.file}: ${error.message}\n`);
    if (loaded.ioErrors.length > 0) return EXIT_USAGE;

    const plans = plansOf(Masterplan, loaded.documents);
    const report = buildReport(Masterplan, loaded.documents, plans, process.cwd());
    const color = useColor(process.stderr);

    // plans with errors are refused, unless --force
    const withErrors = new Set(report.diagnostics.filter(d => d.severity === 'error').map(d => d.plan));
    const publishable: PlanModel[] = [];
    let refused = false;
    for (const plan of plans) {
        const label = planLabel(plan, report);
        if (!plan.masterplan) {
            process.stderr.write(`mplan: ${label} has no masterplan declaration; no books written for it\n`);
            refused = true;
            continue;
        }
        if (withErrors.has(label) && !options.force) {
            const own: ValidationReport = {
                ...report,
                diagnostics: report.diagnostics.filter(d => d.plan === label && d.severity === 'error'),
            };
            own.summary = { ...report.summary, errors: own.diagnostics.length, warnings: 0, infos: 0, hints: 0, plans: 1, files: plan.documents.length };
            process.stderr.write(formatReport(own, 'text', { color, version: VERSION }));
            process.stderr.write(`mplan: ${plan.masterplan.name} has errors; no books written for it (use --force to write them anyway)\n`);
            refused = true;
            continue;
        }
        publishable.push(plan);
    }

    // where the files go, and the rule that keeps them away from the sources
    const outDir = path.resolve(options.out);
    // Grouped by plan, book and language, so that each outline is built once for all its formats.
    const planned: PlannedFile[] = publishable.flatMap(plan => books.flatMap(book => langs.flatMap(lang => formats.map(format => ({
        plan,
        book,
        lang,
        format,
        file: path.join(outDir, bookFileName(plan.masterplan!.name, book, lang, format)),
    })))));
    const problem = await checkTargets(planned, plans, outDir);
    if (problem) {
        process.stderr.write(`mplan: ${problem}\n`);
        return EXIT_USAGE;
    }
    const taken = new Map<string, PlanModel>();
    for (const target of planned) {
        const other = taken.get(target.file);
        if (other && other !== target.plan) {
            process.stderr.write(`mplan: two plans are both named ${target.plan.masterplan!.name} (${relative(other.root.fsPath)} and ${relative(target.plan.root.fsPath)}); their books would overwrite each other\n`);
            return EXIT_USAGE;
        }
        taken.set(target.file, target.plan);
    }

    let outline: { key: PlannedFile; book: ReturnType<typeof buildBook> } | undefined;
    for (const target of planned) {
        try {
            if (!outline || outline.key.plan !== target.plan || outline.key.book !== target.book || outline.key.lang !== target.lang) {
                outline = { key: target, book: buildBook(target.plan, target.book, target.lang) };
            }
            const content = await renderBook(outline.book, target.format);
            await writeFileAtomic(target.file, content);
        } catch (error) {
            process.stderr.write(`mplan: cannot write ${relative(target.file)}: ${(error as Error).message}\n`);
            return EXIT_USAGE;
        }
        process.stdout.write(`wrote ${relative(target.file)}\n`);
    }
    return refused ? EXIT_PROBLEMS : EXIT_OK;
}

function planLabel(plan: PlanModel, report: ValidationReport): string {
    const root = relative(plan.root.fsPath);
    return report.plans.find(p => p.root === root)?.name ?? plan.masterplan?.name ?? root;
}

/** A path as the user would type it: relative to the current folder when below it, else absolute. */
function relative(file: string): string {
    const rel = path.relative(process.cwd(), file);
    if (rel.startsWith('..') || path.isAbsolute(rel)) return file;
    return rel.split(path.sep).join('/') || '.';
}

/** The real path of a file or folder (symbolic links resolved), of its nearest existing folder for a path not there yet. */
async function realPath(file: string): Promise<string> {
    try {
        return await fs.realpath(file);
    } catch {
        const parent = path.dirname(file);
        return parent === file ? file : path.join(await realPath(parent), path.basename(file));
    }
}

/**
 * The rule that keeps books away from sources. An output folder may lie inside a plan's folder
 * (`examples/tabalong/books` is fine) but may not be a folder that holds the plan's sources
 * itself (`--out examples/tabalong` would mix books with the `.mplan` files), and no target may
 * end in `.mplan` or be an existing source file of any loaded plan. Returns what is wrong, if anything.
 */
export async function checkTargets(planned: readonly { file: string }[], plans: readonly PlanModel[], outDir: string): Promise<string | undefined> {
    // Compared by their real paths, so that a symbolic link to a plan's folder is that folder.
    const sources = new Set(await Promise.all(plans.flatMap(plan => plan.documents.filter(d => d.uri.scheme === 'file').map(d => realPath(d.uri.fsPath)))));
    const sourceFolders = new Set([...sources].map(file => path.dirname(file)));
    if (sourceFolders.has(await realPath(outDir))) {
        return `refusing to write books into ${relative(outDir) || '.'}: it holds .mplan sources of the plan; choose another --out folder (e.g. ${relative(path.join(outDir, 'books'))})`;
    }
    for (const target of planned) {
        if (target.file.toLowerCase().endsWith(PLAN_EXTENSION) || sources.has(await realPath(target.file))) {
            return `refusing to overwrite the source ${relative(target.file)}`;
        }
        try {
            const stat = await fs.stat(target.file);
            if (stat.isDirectory()) return `cannot write ${relative(target.file)}: it is a folder`;
        } catch {
            // does not exist yet: fine
        }
    }
    return undefined;
}
