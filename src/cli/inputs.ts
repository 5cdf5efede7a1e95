import { findPlanFiles, type PlanFileReader } from '../language/plan-files.js';
import { EXIT_USAGE } from './exit-codes.js';

/**
 * The plan files for a command's paths (default: the current folder), or the exit code for a usage
 * problem, already explained on standard error: a path that does not exist, a path or folder that
 * cannot be read, or no plan file at all. With `wholePlans` (the default) a path inside a plan
 * brings the rest of its plan along; without it (`format`), only the files under the paths given.
 */
export async function planFilesOrExit(paths: string[], reader?: PlanFileReader, options: { wholePlans?: boolean } = {}): Promise<string[] | number> {
    const given = paths.length > 0 ? paths : ['.'];
    const found = await findPlanFiles(given, reader);
    for (const missing of found.missing) process.stderr.write(`mplan: no such file or folder: ${missing}\n`);
    for (const { path, message } of found.unreadable) process.stderr.write(`mplan: cannot read ${path}: ${message}\n`);
    if (found.missing.length > 0 || found.unreadable.length > 0) return EXIT_USAGE;
    const files = options.wholePlans === false ? found.selected : found.files;
    if (files.length === 0) {
        process.stderr.write(`mplan: no .mplan files found under ${given.join(', ')}\n`);
        return EXIT_USAGE;
    }
    return files;
}
