import { createCliServices } from './services.js';
import { findPlanFiles, loadAndValidate, plansOf } from '../language/workspace-loader.js';
import { buildReport } from '../validation/report.js';
import { formatReport, type ReportFormat } from './formats.js';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE } from './exit-codes.js';
import { VERSION } from './version.js';
import { useColor, Progress } from './terminal.js';

export interface ValidateOptions {
    format: ReportFormat;
    maxWarnings?: number;
    quiet?: boolean;
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
    const { shared, Masterplan } = createCliServices();
    const loaded = await loadAndValidate(shared, found.files);
    progress.done();
    for (const error of loaded.ioErrors) {
        process.stderr.write(`mplan: cannot read ${error.file}: ${error.message}\n`);
    }
    const report = buildReport(Masterplan, loaded.documents, plansOf(Masterplan, loaded.documents), process.cwd());
    if (options.quiet) {
        report.diagnostics = report.diagnostics.filter(d => d.severity === 'error');
    }
    process.stdout.write(formatReport(report, options.format, { color: options.format === 'text' && useColor(process.stdout), version: VERSION }));
    if (loaded.ioErrors.length > 0) return EXIT_USAGE;
    const tooManyWarnings = options.maxWarnings !== undefined && report.summary.warnings > options.maxWarnings;
    if (tooManyWarnings && options.format === 'text') {
        process.stderr.write(`mplan: ${report.summary.warnings} warnings, more than --max-warnings ${options.maxWarnings}\n`);
    }
    return report.summary.errors > 0 || tooManyWarnings ? EXIT_PROBLEMS : EXIT_OK;
}
