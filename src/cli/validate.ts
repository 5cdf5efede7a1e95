import { createCliServices } from './services.js';
import * as path from 'node:path';
import { findPlanFiles, groupByPlan, loadAndValidate, plansOf, readPlanFile } from '../language/workspace-loader.js';
import { buildReport, type ValidationReport } from '../validation/report.js';
import { DEFAULT_CACHE_FILE, cachedParts, mergeReport, planCacheKey, readCache, type CachedPlan, type ValidationCache } from '../validation/cache.js';
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
}

interface Outcome {
    report: ValidationReport;
    ioErrors: Array<{ file: string; message: string }>;
}

async function validateAll(files: string[], texts?: ReadonlyMap<string, string>): Promise<Outcome> {
    const { shared, Masterplan } = createCliServices();
    const loaded = await loadAndValidate(shared, files, { texts });
    return { report: buildReport(Masterplan, loaded.documents, plansOf(Masterplan, loaded.documents), process.cwd()), ioErrors: loaded.ioErrors };
}

/**
 * Validation with the cache: reads and hashes every file, replays the results of the plans whose
 * files are unchanged, checks the others (plans are independent), and writes the cache back.
 */
async function validateWithCache(files: string[], cacheFile: string): Promise<Outcome> {
    const baseDir = process.cwd();
    const texts = new Map<string, string>();
    const ioErrors: Outcome['ioErrors'] = [];
    for (const file of files) {
        try {
            texts.set(file, await readPlanFile(file));
        } catch (error) {
            ioErrors.push({ file, message: (error as Error).message });
        }
    }
    const groups = new Map([...groupByPlan(texts)].map(([root, group]) => [root, { key: planCacheKey(VERSION, baseDir, group, texts), files: group }]));
    const cache = await readCache(cacheFile);
    const stale = new Map([...groups].filter(([root, group]) => cache.plans[root]?.key !== group.key));
    const parts: Record<string, CachedPlan> = {};
    for (const root of groups.keys()) if (!stale.has(root)) parts[root] = cache.plans[root];
    if (stale.size > 0) {
        const fresh = await validateAll([...stale.values()].flatMap(g => g.files), texts);
        ioErrors.push(...fresh.ioErrors);
        Object.assign(parts, cachedParts(fresh.report, stale, baseDir));
    }
    if (ioErrors.length === 0) {
        await writeFileAtomic(cacheFile, JSON.stringify({ version: 1, plans: parts } satisfies ValidationCache) + '\n');
    }
    return { report: mergeReport(Object.values(parts)), ioErrors };
}

/** `mplan validate [paths…]`: loads every plan under the paths, checks it, reports. Returns the exit code. */
export async function runValidate(paths: string[], options: ValidateOptions): Promise<number> {
    const given = paths.length > 0 ? paths : ['.'];
    const found = await findPlanFiles(given);
    for (const missing of found.missing) {
        process.stderr.write(`mplan: no such file or folder: ${missing}\n`);
    }
    if (found.missing.length > 0) return EXIT_USAGE;
    if (found.files.length === 0) {
        process.stderr.write(`mplan: no .mplan files found under ${given.join(', ')}\n`);
        return EXIT_USAGE;
    }
    const progress = new Progress(`Checking ${found.files.length} files`);
    const { report, ioErrors } = options.cache || options.cacheLocation
        ? await validateWithCache(found.files, path.resolve(options.cacheLocation ?? DEFAULT_CACHE_FILE))
        : await validateAll(found.files);
    progress.done();
    for (const error of ioErrors) {
        process.stderr.write(`mplan: cannot read ${error.file}: ${error.message}\n`);
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
