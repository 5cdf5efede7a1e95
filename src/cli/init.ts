import * as path from 'node:path';
import { existingPlanFiles, newPlanFiles, toIdentifier } from '../language/new-plan.js';
import { writeFileAtomic } from './write-file.js';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE } from './exit-codes.js';

export interface InitOptions {
    name?: string;
    region?: string;
    start?: number;
}

/** `mplan init [dir]`: writes a new plan that validates clean; never overwrites a file. */
export async function runInit(dir: string, options: InitOptions): Promise<number> {
    const target = path.resolve(dir);
    const folderName = path.basename(target);
    const region = options.region ?? `Kabupaten ${toIdentifier(folderName)}`;
    const name = options.name ?? toIdentifier(options.region ?? folderName);
    if (!/^[A-Za-z_]\w*$/.test(name)) {
        process.stderr.write(`mplan: '${name}' is not a valid plan name (letters, digits and _, not starting with a digit)\n`);
        return EXIT_USAGE;
    }
    const startYear = options.start ?? new Date().getFullYear() + 1;
    const files = newPlanFiles({ name, region, startYear });
    const existing = await existingPlanFiles(target);
    const clashes = files.filter(f => existing.includes(f.path));
    if (existing.length > 0) {
        const shown = clashes.length > 0 ? clashes.map(f => f.path) : existing.slice(0, 5);
        process.stderr.write(`mplan: ${dir} already holds plan files (${shown.join(', ')}); choose an empty or new folder\n`);
        return EXIT_PROBLEMS;
    }
    for (const file of files) {
        await writeFileAtomic(path.join(target, ...file.path.split('/')), file.text);
        process.stdout.write(`wrote ${path.join(dir, file.path)}\n`);
    }
    process.stdout.write(`\nA new plan '${name}' for ${region}. Check it with: mplan validate ${dir}\n`);
    return EXIT_OK;
}
