/**
 * What the parts of the harness share: where things are, running a child process (the CLI or a
 * `run.mjs --child` mode) and reading what it reports, the machine description, medians, formatting,
 * and rewriting a marked section of docs/performance.md.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

export const ROOT = process.env.MPLAN_BENCH_ROOT ?? process.cwd();
export const CACHE = path.join(ROOT, 'bench', '.cache');
export const BUILD = path.join(CACHE, 'build');

// ------------------------------------------------------------------------------------ children

export interface ChildResult {
    wallMs: number;
    code: number | null;
    stdout: string;
    stderr: string;
    /** What the child reported on its `MPLAN_BENCH` line. */
    report: Record<string, number>;
}

export function runChild(args: string[], env: Record<string, string> = {}): Promise<ChildResult> {
    return new Promise((resolve, reject) => {
        const started = performance.now();
        const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
        const out: Buffer[] = [];
        const err: Buffer[] = [];
        child.stdout.on('data', chunk => out.push(chunk));
        child.stderr.on('data', chunk => err.push(chunk));
        child.on('error', reject);
        child.on('close', code => {
            const wallMs = performance.now() - started;
            const stdout = Buffer.concat(out).toString('utf8');
            const stderr = Buffer.concat(err).toString('utf8');
            const line = /MPLAN_BENCH (\{.*\})/.exec(stderr);
            resolve({ wallMs, code, stdout, stderr, report: line ? JSON.parse(line[1]) : {} });
        });
    });
}

/** The CLI (`mplan ARGS…`), run through a wrapper that reports the peak RSS and CPU time of the process when it exits. */
export function runCli(cli: string, args: string[]): Promise<ChildResult> {
    return runChild([path.join(BUILD, 'rss-wrapper.mjs'), ...args], { MPLAN_BENCH_CLI: cli });
}

/** CPU time (user + system, all threads) of a child run through the wrapper, in milliseconds. */
export function cpuMsOf(result: ChildResult): number {
    return (result.report.user + result.report.system) / 1000;
}

export interface ValidateRun {
    wallMs: number;
    maxRss: number;
    cpuMs: number;
    exit: number | null;
    summary: { errors: number; warnings: number; infos: number; files: number; plans: number };
    diagnostics: Array<{ file: string; line: number; code: string; message: string }>;
}

/** `mplan validate DIR --format json [extra…]` in a fresh process; throws when it gives no report. */
export async function runValidate(cli: string, dir: string, extra: string[] = []): Promise<ValidateRun> {
    const result = await runCli(cli, ['validate', dir, '--format', 'json', ...extra]);
    let summary: ValidateRun['summary'] | undefined;
    let diagnostics: ValidateRun['diagnostics'] = [];
    try {
        const report = JSON.parse(result.stdout);
        summary = report.summary;
        diagnostics = report.diagnostics;
    } catch {
        // reported below
    }
    if (!summary) throw new Error(`mplan validate failed (exit ${result.code}):\n${result.stderr.slice(0, 2000)}`);
    return {
        wallMs: result.wallMs,
        maxRss: result.report.maxRss,
        cpuMs: cpuMsOf(result),
        exit: result.code,
        summary,
        diagnostics: diagnostics.slice(0, 5),
    };
}

/** In a child process: reports figures to the parent on the `MPLAN_BENCH` line, with peak RSS and CPU time. */
export function reportToParent(values: Record<string, number>): void {
    const ru = process.resourceUsage();
    process.stderr.write(`\nMPLAN_BENCH ${JSON.stringify({ ...values, maxRss: ru.maxRSS * 1024, user: ru.userCPUTime, system: ru.systemCPUTime })}\n`);
}

/** Lists plan files as `mplan validate` would (sorted, hidden folders skipped). */
export function listFiles(dir: string, into: string[] = []): string[] {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
        if (entry.name.startsWith('.')) continue;
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) listFiles(full, into);
        else if (entry.name.endsWith('.mplan')) into.push(full);
    }
    return into;
}

// ------------------------------------------------------------------------------------ reporting

export type Machine = ReturnType<typeof machineInfo>;

export function machineInfo() {
    const cpus = os.cpus();
    return {
        cpu: cpus[0]?.model.trim() ?? 'unknown CPU',
        cores: cpus.length,
        memory: `${Math.round(os.totalmem() / 2 ** 30)} GiB RAM`,
        node: process.versions.node,
        os: `${os.type()} ${os.release()}`,
        load: os.loadavg().map(l => l.toFixed(1)).join(', '),
    };
}

/** The first line of a table's section: when, on what, and how loaded the machine was. */
export function measuredOn(date: string, m: Machine): string {
    return `Measured ${date.slice(0, 16).replace('T', ' ')} UTC on ${m.cpu} (${m.cores} cores), ${m.memory}, Node ${m.node}, ${m.os}; load average at the start: ${m.load}.`;
}

/** Writes a results file into bench/results/ and returns its path. */
export function writeResultsFile(name: string, output: unknown): string {
    const file = path.join(ROOT, 'bench', 'results', name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(output, null, 2) + '\n');
    return file;
}

export function median(values: number[]): number {
    const sorted = values.filter(v => typeof v === 'number' && !Number.isNaN(v)).sort((a, b) => a - b);
    if (sorted.length === 0) return NaN;
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function round(n: number): number {
    return Math.round(n * 10) / 10;
}

export function fmtMs(ms: number): string {
    return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}

export function fmtBytes(bytes: number): string {
    return bytes >= 1e9 ? `${(bytes / 1e9).toFixed(2)} GB` : bytes >= 1e6 ? `${(bytes / 1e6).toFixed(bytes >= 1e7 ? 1 : 2)} MB` : bytes >= 1e3 ? `${Math.round(bytes / 1e3)} KB` : `${bytes} B`;
}

/** A share as a percentage, e.g. `3.2 %`. */
export function fmtPercent(ratio: number): string {
    return `${(100 * ratio).toFixed(ratio < 0.1 ? 1 : 0)} %`;
}

export function log(message: string): void {
    process.stderr.write(message + '\n');
}

/** Rewrites the section of docs/performance.md between `<!-- bench:SECTION:begin -->` and its end marker. */
export function updateDocs(section: string, content: string): void {
    const file = path.join(ROOT, 'docs', 'performance.md');
    const begin = `<!-- bench:${section}:begin -->`;
    const end = `<!-- bench:${section}:end -->`;
    let text = existsSync(file) ? readFileSync(file, 'utf8') : `# Performance\n\n${begin}\n${end}\n`;
    if (!text.includes(begin)) text += `\n${begin}\n${end}\n`;
    const before = text.slice(0, text.indexOf(begin) + begin.length);
    const after = text.slice(text.indexOf(end));
    writeFileSync(file, `${before}\n${content}\n${after}`);
}
