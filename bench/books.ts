/**
 * The `generate` measurement: `mplan generate` of every book (`--book all`: I, II and III) in every
 * format of the CLI (md, html, docx, json; `--lang id`, the default) on the ordinary plan: one run
 * with `--format all` (the plan checked once), and one fresh process per format, into a temporary folder. Baseline, in the same run and alternating with it:
 * `mplan validate` of the same plan (generation loads and checks the plan first, and refuses a plan
 * with errors). Target of the issue: all books in all formats in under 1 s in total.
 *
 * To show where a generate run's time goes, a child process (`run.mjs --child books DIR`) also does
 * it in one process with timestamps: load and check the plan (as `mplan generate` does), build the
 * three book outlines, then render them in each format (without writing).
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createCliServices } from '../src/cli/services.js';
import { loadAndValidate, plansOf } from '../src/language/workspace-loader.js';
import { findPlanFiles } from '../src/language/plan-files.js';
import { BOOK_FORMATS, BOOK_NUMBERS, buildBook, renderBook, type BookFormat } from '../src/books/index.js';
import { BUILD, cpuMsOf, fmtBytes, fmtMs, measuredOn, median, reportToParent, round, runChild, runCli, runValidate, type Machine, type ValidateRun } from './util.js';

export const GENERATE_TARGET_MS = 1000;

export interface GeneratePlan {
    label: string;
    dir: string;
    bytes: number;
    files: number;
}

export interface FormatFigures {
    format: BookFormat;
    /** Book files written by one run, and their total size. */
    filesWritten: number;
    bytesWritten: number;
    wallMs: number;
    cpuMs: number;
    maxRss: number;
    wallMsAll: number[];
    /** In the one-process breakdown: rendering the three outlines in this format, and each book's share of it. */
    renderMs: number;
    renderMsPerBook: number[];
}

export interface GenerateResult {
    plan: { label: string; bytes: number; files: number };
    repeats: number;
    language: 'id';
    formats: FormatFigures[];
    /** Sum over the formats of the median wall (and CPU) time. */
    totalWallMs: number;
    totalCpuMs: number;
    /** `generate --format all`: every book in every format in one run. */
    allFormats: { wallMs: number; cpuMs: number; maxRss: number; files: number; bytes: number; wallMsAll: number[] };
    validate: { wallMs: number; cpuMs: number; maxRss: number; wallMsAll: number[] };
    /** One process, medians over the repeats: load and check the plan, build the three outlines; rendering is per format above. */
    inProcess: { loadMs: number; outlinesMs: number; totalMs: number };
    clean: boolean;
    problems: string[];
}

/** Child: load and check the plan as `mplan generate` does, then build and render every book in every format, timed. */
export async function childBooks(dir: string): Promise<void> {
    const t0 = performance.now();
    const { shared, Masterplan } = createCliServices();
    const found = await findPlanFiles([dir]);
    const loaded = await loadAndValidate(shared, found.files);
    const plans = plansOf(Masterplan, loaded.documents);
    if (plans.length !== 1) throw new Error(`expected one plan in ${dir}, found ${plans.length}`);
    const t1 = performance.now();
    const outlines = BOOK_NUMBERS.map(book => buildBook(plans[0], book, 'id'));
    const t2 = performance.now();
    const figures: Record<string, number> = { loadMs: t1 - t0, outlinesMs: t2 - t1 };
    for (const format of BOOK_FORMATS) {
        let bytes = 0;
        figures[`render_${format}`] = 0;
        for (const [i, outline] of outlines.entries()) {
            const a = performance.now();
            const content = await renderBook(outline, format);
            const ms = performance.now() - a;
            figures[`render_${format}_book${BOOK_NUMBERS[i]}`] = ms;
            figures[`render_${format}`] += ms;
            bytes += typeof content === 'string' ? Buffer.byteLength(content) : content.length;
        }
        figures[`bytes_${format}`] = bytes;
    }
    figures.totalMs = performance.now() - t0;
    reportToParent(figures);
}

export async function runGenerateBench(cli: string, plan: GeneratePlan, repeats: number, log: (message: string) => void): Promise<GenerateResult> {
    const temp = mkdtempSync(path.join(os.tmpdir(), 'mplan-bench-generate-'));
    try {
        const validates: ValidateRun[] = [];
        const runs = new Map<BookFormat, Array<{ wallMs: number; cpuMs: number; maxRss: number; files: number; bytes: number }>>(BOOK_FORMATS.map(f => [f, []]));
        const breakdowns: Array<Record<string, number>> = [];
        const allRuns: Array<{ wallMs: number; cpuMs: number; maxRss: number; files: number; bytes: number }> = [];
        const problems: string[] = [];
        for (let r = 0; r < repeats; r++) {
            const validate = await runValidate(cli, plan.dir);
            if (validate.exit !== 0 || validate.summary.errors > 0) problems.push(`validate: exit ${validate.exit}, ${validate.summary.errors} errors`);
            validates.push(validate);
            for (const format of BOOK_FORMATS) {
                // an empty folder each time: the books are written, not overwritten
                const out = path.join(temp, `${format}-${r}`);
                const run = await runCli(cli, ['generate', plan.dir, '--book', 'all', '--format', format, '--lang', 'id', '--out', out]);
                const written = run.code === 0 ? readdirSync(out) : [];
                if (run.code !== 0 || written.length !== BOOK_NUMBERS.length) problems.push(`generate --format ${format}: exit ${run.code}, ${written.length} files; ${run.stderr.slice(0, 300)}`);
                const bytes = written.reduce((sum, f) => sum + statSync(path.join(out, f)).size, 0);
                runs.get(format)!.push({ wallMs: run.wallMs, cpuMs: cpuMsOf(run), maxRss: run.report.maxRss, files: written.length, bytes });
                rmSync(out, { recursive: true, force: true });
            }
            {
                const out = path.join(temp, `all-${r}`);
                const run = await runCli(cli, ['generate', plan.dir, '--book', 'all', '--format', 'all', '--lang', 'id', '--out', out]);
                const written = run.code === 0 ? readdirSync(out) : [];
                if (run.code !== 0 || written.length !== BOOK_NUMBERS.length * BOOK_FORMATS.length) problems.push(`generate --format all: exit ${run.code}, ${written.length} files; ${run.stderr.slice(0, 300)}`);
                const bytes = written.reduce((sum, f) => sum + statSync(path.join(out, f)).size, 0);
                allRuns.push({ wallMs: run.wallMs, cpuMs: cpuMsOf(run), maxRss: run.report.maxRss, files: written.length, bytes });
                rmSync(out, { recursive: true, force: true });
            }
            const breakdown = await runChild([path.join(BUILD, 'run.mjs'), '--child', 'books', plan.dir]);
            if (breakdown.code !== 0 || breakdown.report.totalMs === undefined) problems.push(`in-process breakdown: exit ${breakdown.code}; ${breakdown.stderr.slice(0, 300)}`);
            else breakdowns.push(breakdown.report);
            log(`  generate: validate ${fmtMs(validate.wallMs)}; ${BOOK_FORMATS.map(f => `${f} ${fmtMs(runs.get(f)![r].wallMs)}`).join(', ')}; all formats in one run ${fmtMs(allRuns[r].wallMs)}`);
        }
        const formats: FormatFigures[] = BOOK_FORMATS.map(format => {
            const list = runs.get(format)!;
            return {
                format,
                filesWritten: list[0]?.files ?? 0,
                bytesWritten: list[0]?.bytes ?? 0,
                wallMs: median(list.map(x => x.wallMs)),
                cpuMs: median(list.map(x => x.cpuMs)),
                maxRss: median(list.map(x => x.maxRss)),
                wallMsAll: list.map(x => round(x.wallMs)),
                renderMs: median(breakdowns.map(b => b[`render_${format}`])),
                renderMsPerBook: BOOK_NUMBERS.map(book => median(breakdowns.map(b => b[`render_${format}_book${book}`]))),
            };
        });
        return {
            plan: { label: plan.label, bytes: plan.bytes, files: plan.files },
            repeats,
            language: 'id',
            formats,
            totalWallMs: formats.reduce((sum, f) => sum + f.wallMs, 0),
            totalCpuMs: formats.reduce((sum, f) => sum + f.cpuMs, 0),
            allFormats: {
                wallMs: median(allRuns.map(x => x.wallMs)), cpuMs: median(allRuns.map(x => x.cpuMs)), maxRss: median(allRuns.map(x => x.maxRss)),
                files: allRuns[0]?.files ?? 0, bytes: allRuns[0]?.bytes ?? 0, wallMsAll: allRuns.map(x => round(x.wallMs)),
            },
            validate: { wallMs: median(validates.map(v => v.wallMs)), cpuMs: median(validates.map(v => v.cpuMs)), maxRss: median(validates.map(v => v.maxRss)), wallMsAll: validates.map(v => round(v.wallMs)) },
            inProcess: { loadMs: median(breakdowns.map(b => b.loadMs)), outlinesMs: median(breakdowns.map(b => b.outlinesMs)), totalMs: median(breakdowns.map(b => b.totalMs)) },
            clean: problems.length === 0,
            problems,
        };
    } finally {
        rmSync(temp, { recursive: true, force: true });
    }
}

/** The table for docs/performance.md. */
export function renderGenerate(output: { date: string; command: string; machine: Machine; result: GenerateResult }): string {
    const r = output.result;
    const lines: string[] = [];
    lines.push(measuredOn(output.date, output.machine));
    lines.push(`Command: \`${output.command}\`. \`mplan generate DIR --book all --format all --lang id --out TMP\` on the ${r.plan.label} (${fmtBytes(r.plan.bytes)}, ${r.plan.files} files), all twelve files in one run, and \`--format F\` in a fresh process per format writing Books I, II and III; baseline \`mplan validate DIR --format json\`, alternating with them; medians of ${r.repeats} run${r.repeats === 1 ? '' : 's'}.${r.clean ? '' : ` **Problems:** ${r.problems.join('; ')}`}`);
    lines.push('');
    lines.push('| run | files written | bytes written | wall | wall beyond validate | CPU | peak RSS | rendering in one process (per book) |');
    lines.push('|---|---:|---:|---:|---:|---:|---:|---:|');
    lines.push(`| \`mplan validate\` (baseline) | | | ${fmtMs(r.validate.wallMs)} | | ${fmtMs(r.validate.cpuMs)} | ${fmtBytes(r.validate.maxRss)} | |`);
    for (const f of r.formats) {
        lines.push(`| \`generate --format ${f.format}\` | ${f.filesWritten} | ${fmtBytes(f.bytesWritten)} | ${fmtMs(f.wallMs)} | ${fmtMs(f.wallMs - r.validate.wallMs)} | ${fmtMs(f.cpuMs)} | ${fmtBytes(f.maxRss)} | ${fmtMs(f.renderMs)} (${f.renderMsPerBook.map((ms, i) => `${['I', 'II', 'III'][i]} ${fmtMs(ms)}`).join(', ')}) |`);
    }
    lines.push(`| sum of the four runs above | ${r.formats.reduce((n, f) => n + f.filesWritten, 0)} | ${fmtBytes(r.formats.reduce((n, f) => n + f.bytesWritten, 0))} | ${fmtMs(r.totalWallMs)} | ${fmtMs(r.totalWallMs - r.formats.length * r.validate.wallMs)} | ${fmtMs(r.totalCpuMs)} | | ${fmtMs(r.formats.reduce((n, f) => n + f.renderMs, 0))} |`);
    const a = r.allFormats;
    const met = a.wallMs < GENERATE_TARGET_MS;
    lines.push(`| **all books, all formats: \`generate --format all\`** (target < ${fmtMs(GENERATE_TARGET_MS)}) | ${a.files} | ${fmtBytes(a.bytes)} | **${fmtMs(a.wallMs)}**: ${met ? 'met' : '**not met**'} | ${fmtMs(a.wallMs - r.validate.wallMs)} | ${fmtMs(a.cpuMs)} | ${fmtBytes(a.maxRss)} | |`);
    lines.push('');
    const renderAll = r.formats.reduce((n, f) => n + f.renderMs, 0);
    lines.push(`In one process (\`run.mjs --child books\`, medians): loading and checking the plan as \`mplan generate\` does ${fmtMs(r.inProcess.loadMs)}, building the three book outlines ${fmtMs(r.inProcess.outlinesMs)}, rendering them in all four formats ${fmtMs(renderAll)}; ${fmtMs(r.inProcess.totalMs)} in all (without Node's start and writing the files).`);
    return lines.join('\n');
}
