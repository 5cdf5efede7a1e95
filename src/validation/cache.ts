import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { ReportedDiagnostic, ReportedPlan, ValidationReport } from './report.js';

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

/** Reads a cache file; a missing or unreadable one is an empty cache. */
export async function readCache(file: string): Promise<ValidationCache> {
    try {
        const data = JSON.parse(await fs.readFile(file, 'utf8')) as ValidationCache;
        if (data && data.version === 1 && typeof data.plans === 'object') return data;
    } catch {
        // a missing or broken cache is rebuilt
    }
    return { version: 1, plans: {} };
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
    const count = (severity: string) => diagnostics.filter(d => d.severity === severity).length;
    return {
        version: 1,
        plans,
        diagnostics,
        summary: { files: parts.reduce((n, p) => n + p.files, 0), plans: plans.length, errors: count('error'), warnings: count('warning'), infos: count('info'), hints: count('hint') },
    };
}

function relativeSlash(baseDir: string, file: string): string {
    return path.relative(baseDir, file).split(path.sep).join('/') || '.';
}
