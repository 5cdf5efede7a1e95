import { planFilesOrExit } from './inputs.js';
import * as path from 'node:path';
import { groupByPlan, PlanFileReader } from '../language/plan-files.js';
import type { ValidationReport } from '../validation/report.js';
import type { validatePlans as ValidatePlans } from './plan-pool.js';
import { cacheText, DEFAULT_CACHE_FILE, mergeReport, notACache, planCacheKey, readCache, type CachedPlan } from '../validation/cache.js';
import { writeFileAtomic } from './write-file.js';
import { formatReport, type ReportFormat } from './formats.js';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE } from './exit-codes.js';
import { VERSION } from './version.js';
import { useColor, Progress } from './terminal.js';

export interface ValidateOptions {
    format: ReportFormat;
    maxWarnings?: number;
    quiet?: boolean;
    /** Re-validate only the plans whose files changed since the last run with a cache. */
    cache?: boolean;
    cacheLocation?: string;
    /** How many worker threads check plans (default: one per core, at most one per plan). */
    workers?: number;
}

interface Outcome {
    report: ValidationReport;
    /** Files that could not be read, or (`writing`) the cache file that could not be written. */
    ioErrors: Array<{ file: string; message: string; writing?: boolean }>;
}

/** Checks plans; the language services are loaded on the first call, not by a run that finds every plan cached. */
async function validatePlans(...args: Parameters<typeof ValidatePlans>): ReturnType<typeof ValidatePlans> {
    const pool = await import('./plan-pool.js');
    return pool.validatePlans(...args);
}

/** Checks the plans of the files (read once, by `reader`), in a pool of workers when there are several. */
async function validateAll(files: string[], reader: PlanFileReader, workers?: number): Promise<Outcome> {
    const { files: ok, ioErrors } = readable(files, reader);
    const results = await validatePlans(groupByPlan(ok, file => reader.declares(file)), process.cwd(), workers, () => reader.textsOf(ok));
    return { report: mergeReport(Object.values(results.parts)), ioErrors: [...ioErrors, ...results.ioErrors] };
}

/** The files that can be read (their text is read once, by `reader`), and the errors of the others. */
function readable(files: string[], reader: PlanFileReader): { files: string[]; ioErrors: Outcome['ioErrors'] } {
    const ok: string[] = [];
    const ioErrors: Outcome['ioErrors'] = [];
    for (const file of files) {
        try {
            reader.check(file);
            ok.push(file);
        } catch (error) {
            ioErrors.push({ file, message: (error as Error).message });
        }
    }
    return { files: ok, ioErrors };
}

/**
 * Validation with the cache: reads and hashes every file, replays the results of the plans whose
 * files are unchanged, checks the others (plans are independent), and writes the cache back.
 */
async function validateWithCache(files: string[], reader: PlanFileReader, cacheFile: string, workers?: number): Promise<Outcome> {
    const baseDir = process.cwd();
    const { files: ok, ioErrors } = readable(files, reader);
    const groups = new Map([...groupByPlan(ok, file => reader.declares(file))].map(([root, group]) => [root, { key: planCacheKey(VERSION, baseDir, group, file => reader.digest(file)), files: group }]));
    const cache = await readCache(cacheFile);
    const stale = new Map([...groups].filter(([root, group]) => cache.plans[root]?.key !== group.key));
    const parts: Record<string, CachedPlan> = {};
    for (const root of groups.keys()) if (!stale.has(root)) parts[root] = cache.plans[root];
    if (stale.size > 0) {
        const texts = () => reader.textsOf([...stale.values()].flatMap(group => group.files));
        const fresh = await validatePlans(new Map([...stale].map(([root, group]) => [root, group.files])), baseDir, workers, texts);
        ioErrors.push(...fresh.ioErrors);
        for (const [root, part] of Object.entries(fresh.parts)) parts[root] = { ...part, key: stale.get(root)!.key };
    }
    if (ioErrors.length === 0) {
        try {
            await writeFileAtomic(cacheFile, cacheText(parts));
        } catch (error) {
            ioErrors.push({ file: cacheFile, message: (error as Error).message, writing: true });
        }
    }
    return { report: mergeReport(Object.values(parts)), ioErrors };
}

/** `mplan validate [paths…]`: loads every plan under the paths, checks it, reports. Returns the exit code. */
export async function runValidate(paths: string[], options: ValidateOptions): Promise<number> {
    if (options.cacheLocation === '') {
        process.stderr.write('mplan: --cache-location needs the path of a file\n');
        return EXIT_USAGE;
    }
    const cached = Boolean(options.cache || options.cacheLocation);
    const reader = new PlanFileReader({ digests: cached });
    const cacheFile = cached ? path.resolve(options.cacheLocation || DEFAULT_CACHE_FILE) : undefined;
    const notCache = cacheFile && await notACache(cacheFile);
    if (notCache) {
        process.stderr.write(`mplan: will not use ${options.cacheLocation ?? DEFAULT_CACHE_FILE} as the cache: ${notCache}\n`);
        return EXIT_USAGE;
    }
    const files = await planFilesOrExit(paths, reader);
    if (typeof files === 'number') return files;
    const progress = new Progress(`Checking ${files.length} files`);
    const { report, ioErrors } = cacheFile
        ? await validateWithCache(files, reader, cacheFile, options.workers)
        : await validateAll(files, reader, options.workers);
    progress.done();
    for (const error of ioErrors) {
        process.stderr.write(`mplan: cannot ${error.writing ? 'write the cache' : 'read'} ${error.file}: ${error.message}\n`);
    }
    if (options.quiet) {
        report.diagnostics = report.diagnostics.filter(d => d.severity === 'error');
    }
    process.stdout.write(formatReport(report, options.format, { color: options.format === 'text' && useColor(process.stdout), version: VERSION }));
    if (ioErrors.length > 0) return EXIT_USAGE;
    const tooManyWarnings = options.maxWarnings !== undefined && report.summary.warnings > options.maxWarnings;
    if (tooManyWarnings && options.format === 'text') {
        process.stderr.write(`mplan: ${report.summary.warnings} warnings, more than --max-warnings ${options.maxWarnings}\n`);
    }
    return report.summary.errors > 0 || tooManyWarnings ? EXIT_PROBLEMS : EXIT_OK;
}
