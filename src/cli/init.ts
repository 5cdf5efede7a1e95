import { constants, promises as fs } from 'node:fs';
import * as path from 'node:path';
import {
    existingPlanFiles, FIRST_START_YEAR, LAST_START_YEAR, newPlanFiles, planNameProblem, regionProblem, suggestPlanName, toIdentifier,
    type NewPlanFile,
} from '../language/new-plan.js';
import { MAX_YEAR, MIN_YEAR } from '../model/periods.js';
import { writeFileAtomic } from './write-file.js';
import { EXIT_OK, EXIT_USAGE } from './exit-codes.js';

export interface InitOptions {
    name?: string;
    region?: string;
    start?: number;
}

/**
 * `mplan init [dir]`: writes a new plan that validates clean; never overwrites a file. Options that
 * would give a plan with diagnostics, and a target where a file could not be written, are refused
 * (exit 2) before anything is written; a write that fails all the same removes what the run wrote.
 */
export async function runInit(dir: string, options: InitOptions): Promise<number> {
    const target = path.resolve(dir);
    const folderName = path.basename(target);

    const startYear = options.start ?? new Date().getFullYear() + 1;
    if (!Number.isSafeInteger(startYear) || startYear < FIRST_START_YEAR || startYear > LAST_START_YEAR) {
        return usage(`--start ${startYear} is not a year a new plan can start in: give one from ${FIRST_START_YEAR} to ${LAST_START_YEAR} `
            + `(the plan's years, from the year before the start to the ninth after it, must lie within ${MIN_YEAR}..${MAX_YEAR})`);
    }
    const region = options.region !== undefined ? options.region.trim() : `Kabupaten ${toIdentifier(folderName)}`;
    const badRegion = regionProblem(region);
    if (badRegion) return usage(`--region ${JSON.stringify(options.region)}: ${badRegion}`);
    let name: string;
    if (options.name !== undefined) {
        const badName = planNameProblem(options.name, startYear);
        if (badName) return usage(`--name ${JSON.stringify(options.name)}: ${badName}; try --name ${suggestPlanName(options.name, startYear)}`);
        name = options.name;
    } else {
        name = suggestPlanName(options.region ?? folderName, startYear);
    }
    const files = newPlanFiles({ name, region, startYear });

    const checked = await checkTarget(target, dir);
    if (typeof checked === 'string') return usage(checked);
    const existing = await existingPlanFiles(target);
    if (existing.length > 0) {
        const clashes = files.filter(f => existing.includes(f.path));
        const shown = clashes.length > 0 ? clashes.map(f => f.path) : existing.slice(0, 5);
        process.stderr.write(`mplan: ${dir} already holds plan files (${shown.join(', ')}); choose an empty or new folder\n`);
        return EXIT_USAGE;
    }
    const inTheWay = await checkEntries(target, dir, files);
    if (inTheWay) return usage(inTheWay);
    const newFolders = [...checked, ...await missingFolders(target, files)];

    const written: string[] = [];
    for (const file of files) {
        const full = path.join(target, ...file.path.split('/'));
        try {
            await writeFileAtomic(full, file.text);
        } catch (error) {
            await removeAgain(written, newFolders);
            return usage(`could not write ${path.join(dir, file.path)}: ${reason(error)}; the new plan's files were removed again`);
        }
        written.push(full);
    }
    for (const file of files) process.stdout.write(`wrote ${path.join(dir, file.path)}\n`);
    process.stdout.write(`\nA new plan '${name}' for ${region}. Check it with: mplan validate ${shellArgument(dir)}\n`);
    return EXIT_OK;
}

function usage(message: string): number {
    process.stderr.write(`mplan: ${message}\n`);
    return EXIT_USAGE;
}

/**
 * Checks that the plan's folder is one, or can be made: a folder we may write into, or missing below
 * a folder we may write into. Returns the problem, or the folders that the run will create (deepest
 * first), so that a failed run can remove them again.
 */
async function checkTarget(target: string, dir: string): Promise<string | string[]> {
    const toCreate: string[] = [];
    let current = target;
    for (;;) {
        const shown = current === target ? dir : path.relative(process.cwd(), current) || '.';
        let stat;
        try {
            stat = await fs.stat(current);
        } catch (error) {
            const code = (error as NodeJS.ErrnoException).code;
            if (code !== 'ENOENT' && code !== 'ENOTDIR') return `cannot use ${shown}: ${reason(error)}`;
            if (await lstatOrUndefined(current)) return `${shown} is a symbolic link to something that does not exist; remove it or choose another folder`;
            const parent = path.dirname(current);
            if (parent === current) return `cannot use ${dir}: its drive or root does not exist`;
            toCreate.push(current);
            current = parent;
            continue;
        }
        if (!stat.isDirectory()) {
            return current === target
                ? `${dir} is not a folder; give a new or empty folder for the plan`
                : `cannot create ${dir}: ${shown} is a file, not a folder`;
        }
        try {
            await fs.access(current, constants.W_OK | constants.X_OK);
        } catch (error) {
            return `cannot write into ${shown}: ${reason(error)}`;
        }
        return toCreate;
    }
}

/**
 * In an existing plan folder: nothing may stand where a file of the plan goes, and where the plan
 * needs a folder (pillars) there must be a real folder that can be written to, or nothing.
 */
async function checkEntries(target: string, dir: string, files: NewPlanFile[]): Promise<string | undefined> {
    if (!(await lstatOrUndefined(target))) return undefined;
    const seen = new Set<string>();
    for (const file of files) {
        const parts = file.path.split('/');
        for (let i = 1; i <= parts.length; i++) {
            const relative = parts.slice(0, i).join('/');
            if (seen.has(relative)) continue;
            seen.add(relative);
            const shown = path.join(dir, relative);
            const stat = await lstatOrUndefined(path.join(target, ...parts.slice(0, i)));
            if (!stat) break;
            const isFile = i === parts.length;
            if (isFile) return `${shown} already exists${stat.isDirectory() ? ' as a folder' : ''}; choose an empty or new folder`;
            if (stat.isSymbolicLink()) return `${shown} is a symbolic link where the new plan needs a folder of its own; choose an empty or new folder`;
            if (!stat.isDirectory()) return `${shown} is a file where the new plan needs a folder; choose an empty or new folder`;
            try {
                await fs.access(path.join(target, ...parts.slice(0, i)), constants.W_OK | constants.X_OK);
            } catch (error) {
                return `cannot write into ${shown}: ${reason(error)}`;
            }
        }
    }
    return undefined;
}

/** The folders inside the plan folder (pillars) that do not exist yet, deepest first. */
async function missingFolders(target: string, files: NewPlanFile[]): Promise<string[]> {
    const folders = new Set<string>();
    for (const file of files) {
        const parts = file.path.split('/').slice(0, -1);
        for (let i = 1; i <= parts.length; i++) folders.add(path.join(target, ...parts.slice(0, i)));
    }
    const missing: string[] = [];
    for (const folder of folders) if (!(await lstatOrUndefined(folder))) missing.push(folder);
    return missing.sort((a, b) => b.length - a.length);
}

/** Removes the files a failed run wrote, and the folders it created (those only when empty). */
async function removeAgain(files: string[], folders: string[]): Promise<void> {
    for (const file of files) await fs.rm(file, { force: true }).catch(() => undefined);
    for (const folder of [...folders].sort((a, b) => b.length - a.length)) await fs.rmdir(folder).catch(() => undefined);
}

async function lstatOrUndefined(file: string) {
    try {
        return await fs.lstat(file);
    } catch {
        return undefined;
    }
}

/** An I/O error in words, without the Node.js error's syscall and path. */
function reason(error: unknown): string {
    const code = (error as NodeJS.ErrnoException).code;
    switch (code) {
        case 'EACCES': case 'EPERM': return 'permission denied';
        case 'EROFS': return 'the file system is read-only';
        case 'ENOSPC': return 'the disk is full';
        case 'EDQUOT': return 'the disk quota is used up';
        case 'ENAMETOOLONG': return 'the name is too long';
        case 'ELOOP': return 'too many symbolic links';
        case 'EEXIST': return 'something is in the way';
        case 'ENOTDIR': return 'a part of the path is a file, not a folder';
        default: return error instanceof Error ? error.message : String(error);
    }
}

/** A path as one shell argument: as it is when plain, else quoted (and never taken for an option). */
function shellArgument(file: string): string {
    const arg = file.startsWith('-') ? `./${file}` : file;
    const windows = process.platform === 'win32';
    if ((windows ? /^[\w@%+=:,./\\-]+$/ : /^[\w@%+=:,./-]+$/).test(arg)) return arg;
    return windows ? `"${arg}"` : `'${arg.replace(/'/g, `'\\''`)}'`;
}
