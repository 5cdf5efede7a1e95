/**
 * The `cache` measurement: `mplan validate --cache` (src/validation/cache.ts) on the extreme plan and on
 * the corpus, each on a fresh copy in a temporary folder (the generated plans are never edited), with
 * the cache file there too (`--cache-location`). Each repeat runs, in fresh processes, in this order:
 * - `mplan validate DIR --format json` without the cache (for reference: what the cache costs a cold run);
 * - cold: with an empty cache (the file deleted first);
 * - warm: again, nothing changed;
 * - one file changed: the title of the first programme of one pillar file gets a word more (the plan
 *   stays valid), then again; the file is restored at the end of the repeat.
 * Every run must give a clean report of every file. Warm and changed are reported as a share of the
 * cold time of the same run (medians over the repeats), against the targets of the issue: warm at most
 * 5 %, one file changed at most 15 %. The cache is per plan: on a single plan, one changed file checks
 * the whole plan again; in the corpus it checks one plan of hundreds.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fmtBytes, fmtMs, fmtPercent, listFiles, measuredOn, median, round, runValidate, type Machine, type ValidateRun } from './util.js';

export const CACHE_TARGETS = { warm: 0.05, changed: 0.15 };

export interface CachePlan {
    id: string;
    label: string;
    dir: string;
    bytes: number;
    files: number;
    plans: number;
}

interface RunFigures {
    wallMs: number;
    cpuMs: number;
    maxRss: number;
    wallMsAll: number[];
}

export interface CacheResult {
    id: string;
    label: string;
    bytes: number;
    files: number;
    plans: number;
    repeats: number;
    /** The edited file, relative to the plan (or corpus) folder. */
    changedFile: string;
    uncached: RunFigures;
    cold: RunFigures;
    warm: RunFigures;
    changed: RunFigures;
    /** Medians of warm and changed over the median of cold, wall and CPU time. */
    warmRatio: number;
    changedRatio: number;
    warmCpuRatio: number;
    changedCpuRatio: number;
    cacheFileBytes: number;
    /** Every run reported every file, with no errors and no warnings. */
    clean: boolean;
    problems: string[];
}

/** The file to edit: the middle pillar file of the plan (of the middle plan in a corpus), and its edited text. */
function chooseEdit(dir: string): { file: string; edit: (text: string, round: number) => string } {
    const pillars = listFiles(dir).filter(f => /[\\/]pillars[\\/]/.test(f));
    if (pillars.length === 0) throw new Error(`${dir}: no pillar files`);
    const file = pillars[Math.floor(pillars.length / 2)];
    const edit = (text: string, round: number) => {
        const edited = text.replace(/^(\s*programme \w+ "[^"]*)"/m, `$1 tahap ${round + 1}"`);
        if (edited === text) throw new Error(`${file}: no programme title to edit`);
        return edited;
    };
    return { file, edit };
}

function figures(runs: ValidateRun[]): RunFigures {
    return {
        wallMs: median(runs.map(r => r.wallMs)),
        cpuMs: median(runs.map(r => r.cpuMs)),
        maxRss: median(runs.map(r => r.maxRss)),
        wallMsAll: runs.map(r => round(r.wallMs)),
    };
}

export async function runCacheBench(cli: string, plan: CachePlan, repeats: number, log: (message: string) => void): Promise<CacheResult> {
    const temp = mkdtempSync(path.join(os.tmpdir(), 'mplan-bench-cache-'));
    try {
        const dir = path.join(temp, path.basename(plan.dir));
        cpSync(plan.dir, dir, { recursive: true, filter: source => !path.basename(source).startsWith('.manifest') });
        const cacheFile = path.join(temp, 'mplan-cache.json');
        const withCache = ['--cache-location', cacheFile];
        const { file, edit } = chooseEdit(dir);
        const original = readFileSync(file, 'utf8');
        const runs = { uncached: [] as ValidateRun[], cold: [] as ValidateRun[], warm: [] as ValidateRun[], changed: [] as ValidateRun[] };
        const problems: string[] = [];
        const check = (kind: string, run: ValidateRun) => {
            const s = run.summary;
            if (run.exit !== 0 || s.errors > 0 || s.warnings > 0 || s.files !== plan.files) {
                problems.push(`${kind}: exit ${run.exit}, ${s.errors} errors, ${s.warnings} warnings, ${s.files} of ${plan.files} files; ${JSON.stringify(run.diagnostics).slice(0, 300)}`);
            }
            return run;
        };
        for (let r = 0; r < repeats; r++) {
            runs.uncached.push(check('without cache', await runValidate(cli, dir)));
            rmSync(cacheFile, { force: true });
            runs.cold.push(check('cold', await runValidate(cli, dir, withCache)));
            if (!existsSync(cacheFile)) problems.push('cold: no cache file was written');
            runs.warm.push(check('warm', await runValidate(cli, dir, withCache)));
            writeFileSync(file, edit(original, r));
            try {
                runs.changed.push(check('one file changed', await runValidate(cli, dir, withCache)));
            } finally {
                writeFileSync(file, original);
            }
            log(`  cache ${plan.id}: cold ${fmtMs(runs.cold[r].wallMs)}, warm ${fmtMs(runs.warm[r].wallMs)}, one file changed ${fmtMs(runs.changed[r].wallMs)} (without cache ${fmtMs(runs.uncached[r].wallMs)})`);
        }
        const cold = figures(runs.cold);
        const warm = figures(runs.warm);
        const changed = figures(runs.changed);
        return {
            id: plan.id,
            label: plan.label,
            bytes: plan.bytes,
            files: plan.files,
            plans: plan.plans,
            repeats,
            changedFile: path.relative(dir, file).split(path.sep).join('/'),
            uncached: figures(runs.uncached),
            cold,
            warm,
            changed,
            warmRatio: warm.wallMs / cold.wallMs,
            changedRatio: changed.wallMs / cold.wallMs,
            warmCpuRatio: warm.cpuMs / cold.cpuMs,
            changedCpuRatio: changed.cpuMs / cold.cpuMs,
            cacheFileBytes: existsSync(cacheFile) ? statSync(cacheFile).size : 0,
            clean: problems.length === 0,
            problems,
        };
    } finally {
        rmSync(temp, { recursive: true, force: true });
    }
}

/** The table for docs/performance.md. */
export function renderCache(output: { date: string; command: string; machine: Machine; repeats: number; results: CacheResult[] }): string {
    const lines: string[] = [];
    lines.push(measuredOn(output.date, output.machine));
    lines.push(`Command: \`${output.command}\`. \`mplan validate DIR --format json --cache-location FILE\` on a copy of each plan in a temporary folder, every run a fresh process; medians of ${output.repeats} run${output.repeats === 1 ? '' : 's'}, each of them: without the cache, cold (empty cache), warm (nothing changed), one file changed (a word added to a programme title). Shares are of the cold time of the same run; CPU time (user + system, all threads) in brackets.`);
    lines.push('');
    lines.push(`| scenario | size | files | plans | file changed | without cache | cold, empty cache | warm | warm / cold (target ≤ ${fmtPercent(CACHE_TARGETS.warm)}) | one file changed | changed / cold (target ≤ ${fmtPercent(CACHE_TARGETS.changed)}) | cache file | clean |`);
    lines.push('|---|---:|---:|---:|---|---:|---:|---:|---|---:|---|---:|---|');
    const share = (wall: number, cpu: number, target: number) => `**${fmtPercent(wall)}** (CPU ${fmtPercent(cpu)}): ${wall <= target ? 'met' : '**not met**'}`;
    for (const r of output.results) {
        lines.push(`| ${r.label} | ${fmtBytes(r.bytes)} | ${r.files} | ${r.plans} | \`${r.changedFile}\` | ${fmtMs(r.uncached.wallMs)} | ${fmtMs(r.cold.wallMs)} | ${fmtMs(r.warm.wallMs)} | ${share(r.warmRatio, r.warmCpuRatio, CACHE_TARGETS.warm)} | ${fmtMs(r.changed.wallMs)} | ${share(r.changedRatio, r.changedCpuRatio, CACHE_TARGETS.changed)} | ${fmtBytes(r.cacheFileBytes)} | ${r.clean ? 'yes' : `**no**: ${r.problems[0]}`} |`);
    }
    return lines.join('\n');
}
