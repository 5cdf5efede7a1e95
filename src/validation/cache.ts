import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { countSeverities, type ReportedDiagnostic, type ReportedPlan, type ValidationReport } from './report.js';

/**
 * The validation cache of `mplan validate --cache`: for each plan, a key made of the tool's version,
 * the folder the report is relative to, and the path and content hash of every file of the plan,
 * with the part of the report that plan produced. Plans are independent, so a plan whose files are
 * unchanged is not checked again; a changed file costs the re-validation of its own plan only.
 */
export interface ValidationCache {
    version: 1;
    plans: Record<string, CachedPlan>;
}

export interface CachedPlan {
    key: string;
    plan?: ReportedPlan;
    diagnostics: ReportedDiagnostic[];
    files: number;
}

export const DEFAULT_CACHE_FILE = '.mplan-cache';

/** The key of a plan's group of files, from the hash of each file's content (`digestOf`). */
export function planCacheKey(tool: string, baseDir: string, files: readonly string[], digestOf: (file: string) => string): string {
    const hash = createHash('sha256');
    hash.update(`${tool}\n${baseDir}\n`);
    for (const file of [...files].sort()) {
        hash.update(`${path.relative(baseDir, file)}\n${digestOf(file)}\n`);
    }
    return hash.digest('hex');
}

/** Reads a cache file; a missing or unreadable one is an empty cache, and a plan whose entry is not well formed is checked again. */
export async function readCache(file: string): Promise<ValidationCache> {
    const cache: ValidationCache = { version: 1, plans: {} };
    let data: unknown;
    try {
        data = JSON.parse(await fs.readFile(file, 'utf8'));
    } catch {
        return cache; // a missing or broken cache is rebuilt
    }
    const plans = (data as { version?: unknown; plans?: unknown } | null)?.plans;
    if ((data as { version?: unknown }).version !== 1 || !isObject(plans)) return cache;
    for (const [root, entry] of Object.entries(plans)) {
        if (isCachedPlan(entry)) cache.plans[root] = entry;
    }
    return cache;
}

/**
 * Why a file may not serve as the cache, if so: it is there and is not one (`--cache-location`
 * pointing at a plan file, a README, a device…). A cache file starts as `cacheText` writes it; a
 * missing or empty file may become one, and so may a file of the default name (a broken cache).
 */
export async function notACache(file: string): Promise<string | undefined> {
    let stat;
    try {
        stat = await fs.stat(file); // before opening it: opening a pipe would wait for a writer
    } catch (error) {
        return (error as NodeJS.ErrnoException).code === 'ENOENT' ? undefined : (error as Error).message;
    }
    if (stat.isDirectory()) return 'it is a folder';
    if (!stat.isFile()) return 'it is not a regular file';
    if (file.toLowerCase().endsWith('.mplan')) return 'it is a plan file';
    if (stat.size === 0 || path.basename(file) === DEFAULT_CACHE_FILE) return undefined;
    let handle;
    try {
        handle = await fs.open(file, 'r');
    } catch (error) {
        return (error as Error).message;
    }
    try {
        const head = Buffer.alloc(CACHE_START.length);
        await handle.read(head, 0, head.length, 0);
        return head.toString('utf8') === CACHE_START ? undefined : 'it is not a validation cache; remove it or choose another --cache-location';
    } finally {
        await handle.close();
    }
}

/** The text of a cache file. */
export function cacheText(plans: Record<string, CachedPlan>): string {
    return JSON.stringify({ version: 1, plans } satisfies ValidationCache) + '\n';
}

const CACHE_START = '{"version":1,';

function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCachedPlan(value: unknown): value is CachedPlan {
    if (!isObject(value) || typeof value.key !== 'string' || typeof value.files !== 'number' || !Array.isArray(value.diagnostics)) return false;
    if (value.plan !== undefined && !(isObject(value.plan) && typeof value.plan.root === 'string')) return false;
    return value.diagnostics.every(d => isObject(d) && typeof d.file === 'string' && typeof d.line === 'number' && typeof d.column === 'number'
        && typeof d.code === 'string' && typeof d.message === 'string' && (d.severity === 'error' || d.severity === 'warning' || d.severity === 'info' || d.severity === 'hint'));
}

/** Splits a report into the cached parts of the plans it covers (by each plan's files). */
export function cachedParts(report: ValidationReport, groups: ReadonlyMap<string, { key: string; files: readonly string[] }>, baseDir: string): Record<string, CachedPlan> {
    const parts: Record<string, CachedPlan> = {};
    const rootOfFile = new Map<string, string>();
    for (const [root, group] of groups) {
        for (const file of group.files) rootOfFile.set(relativeSlash(baseDir, file), root);
        parts[root] = { key: group.key, diagnostics: [], files: group.files.length, plan: report.plans.find(p => p.root === relativeSlash(baseDir, root)) };
    }
    for (const diagnostic of report.diagnostics) {
        const root = rootOfFile.get(diagnostic.file);
        if (root) parts[root].diagnostics.push(diagnostic);
    }
    return parts;
}

/** Puts cached and fresh parts together into one report, sorted as `buildReport` sorts. */
export function mergeReport(parts: readonly CachedPlan[]): ValidationReport {
    const diagnostics = parts.flatMap(p => p.diagnostics)
        .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.code.localeCompare(b.code));
    const plans = parts.map(p => p.plan).filter((p): p is ReportedPlan => p !== undefined).sort((a, b) => a.root.localeCompare(b.root));
    return {
        version: 1,
        plans,
        diagnostics,
        summary: { files: parts.reduce((n, p) => n + p.files, 0), plans: plans.length, ...countSeverities(diagnostics) },
    };
}

function relativeSlash(baseDir: string, file: string): string {
    return path.relative(baseDir, file).split(path.sep).join('/') || '.';
}
