import { findPlanFiles, type PlanFileReader } from '../language/plan-files.js';
import { EXIT_USAGE } from './exit-codes.js';

/**
 * The plan files for a command's paths (default: the current folder), or the exit code for a usage
 * problem, already explained on standard error: a path that does not exist, or no plan file at all.
 */
export async function planFilesOrExit(paths: string[], reader?: PlanFileReader): Promise<string[] | number> {
    const given = paths.length > 0 ? paths : ['.'];
    const found = await findPlanFiles(given, reader);
    for (const missing of found.missing) process.stderr.write(`mplan: no such file or folder: ${missing}\n`);
    if (found.missing.length > 0) return EXIT_USAGE;
    if (found.files.length === 0) {
        process.stderr.write(`mplan: no .mplan files found under ${given.join(', ')}\n`);
        return EXIT_USAGE;
    }
    return found.files;
}
