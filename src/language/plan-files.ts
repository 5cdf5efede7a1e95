import { existsSync, promises as fs, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { createHash } from 'node:crypto';

// Finding plan files and telling plans apart from their text alone, before anything is parsed. This
// module must not import Langium: a `mplan validate --cache` run whose plans are all unchanged loads
// only this, the cache and the report formats (see scripts/build.mjs).

/** A `masterplan` declaration at the start of a line: how files are told apart before parsing. */
const MASTERPLAN_DECLARATION = /(^|\n)[ \t\uFEFF]*masterplan\s+[A-Za-z_]/;

/** Whether a text declares a masterplan. */
export function declaresMasterplanText(text: string): boolean {
    // Most files never contain the word: a plain search rules them out before the expression runs
    // (the expression alone was 1 % of validating a 12 MB plan, and runs on every keystroke).
    return text.includes('masterplan') && MASTERPLAN_DECLARATION.test(text);
}

/** The file extension of plan files. */
export const PLAN_EXTENSION = '.mplan';

/**
 * Whether plan files are looked for in a folder of this name: not in `node_modules`, nor in hidden
 * folders (`.git`, `.vscode`…). The command line and the language server ask the same question, so
 * that a plan is the same files in both.
 */
export function isSearchedFolder(name: string): boolean {
    return name !== 'node_modules' && !name.startsWith('.');
}

export interface FoundFiles {
    /** Absolute paths of the plan files found, sorted: those under the paths given, and the rest of the plans they belong to. */
    readonly files: string[];
    /** Absolute paths of the plan files under the paths given, sorted (what `format` rewrites). */
    readonly selected: string[];
    /** Paths given that do not exist. */
    readonly missing: string[];
    /** Paths given, and folders found, that cannot be read, with the reason (a path that is no file nor folder, a folder without permission). */
    readonly unreadable: Array<{ path: string; message: string }>;
}

/**
 * Reads plan files, each once. Finding the files of a plan means reading them (which folder declares
 * the `masterplan`?); a command that then needs their text gets it from the same reader instead of
 * reading every file a second time. Reads are synchronous: a command line has nothing else to do
 * meanwhile, and reading the 4 374 files of a corpus took 40-60 ms so, against 270-430 ms through
 * `fs.promises` with 32 reads in flight.
 */
export class PlanFileReader {
    private readonly files = new Map<string, ReadFile | { error: Error }>();

    /** With `digests`, the SHA-256 of each file's bytes is taken as it is read (see {@link digest}). */
    constructor(private readonly options: { digests?: boolean } = {}) {}

    /** The text of a file, or the error reading it raised, the same on every call. */
    readSync(file: string): string {
        const entry = this.entry(file);
        if (entry.text === undefined) {
            entry.text = decodePlanFile(entry.bytes!);
            entry.bytes = undefined;
        }
        return entry.text;
    }

    /** Throws the error reading the file raised, if any. */
    check(file: string): void {
        this.entry(file);
    }

    /**
     * The bytes of a file, exactly as on disk (for a command that must write back exactly what it read,
     * `format`): those read already while the text was not asked for, else read again.
     */
    bytes(file: string): Buffer {
        return this.entry(file).bytes ?? readFileSync(file);
    }

    /**
     * Whether the file declares a `masterplan` (asked once per file). Most files do not contain the
     * word at all, which their bytes tell without decoding them: a run that finds every plan cached
     * never decodes a file.
     */
    declares(file: string): boolean {
        const entry = this.entry(file);
        if (entry.declares === undefined) {
            const unlikely = entry.text === undefined && entry.bytes!.indexOf(MASTERPLAN_WORD) < 0;
            entry.declares = !unlikely && declaresMasterplanText(this.readSync(file));
        }
        return entry.declares;
    }

    /** The SHA-256 (hex) of the file's bytes; only for a reader made with `digests`. */
    digest(file: string): string {
        const { digest } = this.entry(file);
        if (digest === undefined) throw new Error('PlanFileReader: digests were not asked for');
        return digest;
    }

    private entry(file: string): ReadFile {
        let entry = this.files.get(file);
        if (!entry) {
            try {
                const bytes = readFileSync(file);
                entry = { bytes, digest: this.options.digests ? createHash('sha256').update(bytes).digest('hex') : undefined };
            } catch (error) {
                entry = { error: error as Error };
            }
            this.files.set(file, entry);
        }
        if ('error' in entry) throw entry.error;
        return entry;
    }

    /** The texts of the files that can be read (the loader reports the others). */
    textsOf(files: readonly string[]): Map<string, string> {
        const texts = new Map<string, string>();
        for (const file of files) {
            try {
                texts.set(file, this.readSync(file));
            } catch {
                // reported by whoever loads the file
            }
        }
        return texts;
    }
}

/** The word every `masterplan` declaration holds, as the bytes of UTF-8 text. */
const MASTERPLAN_WORD = Buffer.from('masterplan');

/** A file read: its bytes until its text is asked for, then its text. */
interface ReadFile {
    bytes?: Buffer;
    text?: string;
    digest?: string;
    declares?: boolean;
}

/**
 * Finds the plan files for the given paths: every `.mplan` file under each path, and, when a path
 * lies inside a plan (its folder or one above declares a `masterplan`), every file of that plan, so
 * that references resolve as they would in the editor. The search for a plan above a path never
 * leaves the repository the path is in (the folder holding `.git`), and for a path in no repository
 * it never goes above the current folder. Files are read through `reader`, which keeps their text
 * for the caller.
 */
export async function findPlanFiles(paths: string[], reader = new PlanFileReader()): Promise<FoundFiles> {
    const files = new Set<string>();
    const selected = new Set<string>();
    const missing: string[] = [];
    const unreadable: FoundFiles['unreadable'] = [];
    const declares = new Map<string, boolean>();
    const declaresCached = (folder: string) => {
        let result = declares.get(folder);
        if (result === undefined) declares.set(folder, result = declaresMasterplan(folder, reader));
        return result;
    };
    for (const given of paths) {
        // Folders as real paths (symbolic links resolved), as the current folder is: so that a path reached
        // through a link is compared with it rightly, and a file is never loaded twice under two names. A
        // file keeps the name it was given (a link to a plan file is reported as the link).
        let absolute: string;
        let stat;
        try {
            const resolved = path.resolve(given);
            stat = statSync(resolved);
            absolute = stat.isDirectory() ? realpathSync(resolved) : path.join(realpathSync(path.dirname(resolved)), path.basename(resolved));
        } catch {
            missing.push(given);
            continue;
        }
        if (stat.isDirectory()) {
            const below = new Set<string>();
            collect(absolute, below, unreadable);
            for (const file of below) {
                files.add(file);
                selected.add(file);
            }
            // Files whose plan root lies above the given folder: load that whole plan, so that their
            // references resolve as in the editor (`mplan validate plan/pillars` checks the plan).
            const needsAncestor = [...below].some(file => !hasRootWithin(path.dirname(file), absolute, declaresCached));
            const root = needsAncestor ? enclosingPlanRoot(absolute, searchLimit(absolute), declaresCached) : undefined;
            if (root) collect(root, files, unreadable);
        } else if (absolute.endsWith(PLAN_EXTENSION)) {
            if (!stat.isFile()) {
                // A pipe or a device would be read forever.
                unreadable.push({ path: given, message: 'not a regular file' });
                continue;
            }
            files.add(absolute);
            selected.add(absolute);
            // A single file is checked with the whole plan it belongs to, whether its root is its own folder or one above.
            const folder = path.dirname(absolute);
            const root = declaresCached(folder) ? folder : enclosingPlanRoot(folder, searchLimit(folder), declaresCached);
            if (root) collect(root, files, unreadable);
        }
    }
    return { files: [...files].sort(), selected: [...selected].sort(), missing, unreadable };
}

/** Whether a folder between `folder` and `top` (both included) declares a masterplan. */
function hasRootWithin(folder: string, top: string, declares: (folder: string) => boolean): boolean {
    let current = folder;
    for (;;) {
        if (declares(current)) return true;
        if (current === top) return false;
        const parent = path.dirname(current);
        if (parent === current) return false;
        current = parent;
    }
}

/**
 * The highest folder a search for plans above the folder `from` may look in: the top of the
 * repository `from` is in (a folder holding `.git`); for a folder in no repository, the current folder
 * if `from` lies inside it, or else `from` itself (no search above it). So a run never reads files of
 * another repository, or of folders above the one it was started in.
 */
function searchLimit(from: string): string {
    for (let current = from; ;) {
        if (existsSync(path.join(current, '.git'))) return current;
        const parent = path.dirname(current);
        if (parent === current) break;
        current = parent;
    }
    const cwd = process.cwd();
    return isInside(from, cwd) ? cwd : from;
}

function isInside(file: string, folder: string): boolean {
    const relative = path.relative(folder, file);
    return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** The nearest folder above `from` (a file or folder), up to `limit`, holding a file that declares a `masterplan`. */
function enclosingPlanRoot(from: string, limit: string, declares: (folder: string) => boolean): string | undefined {
    let current = from;
    while (current !== limit && isInside(current, limit)) {
        const parent = path.dirname(current);
        if (parent === current) return undefined;
        current = parent;
        if (declares(current)) return current;
    }
    return undefined;
}

/** Whether a folder holds a plan file that declares a `masterplan`. */
function declaresMasterplan(folder: string, reader: PlanFileReader): boolean {
    let entries;
    try {
        entries = readdirSync(folder, { withFileTypes: true });
    } catch {
        return false;
    }
    return entries.some(entry => {
        if (!entry.isFile() || !entry.name.endsWith(PLAN_EXTENSION)) return false;
        try {
            return reader.declares(path.join(folder, entry.name));
        } catch {
            return false; // an unreadable file is reported when it is loaded
        }
    });
}

/** Adds the plan files under a folder; folders that cannot be listed are added to `unreadable`. */
function collect(folder: string, into: Set<string>, unreadable: FoundFiles['unreadable']): void {
    let entries;
    try {
        entries = readdirSync(folder, { withFileTypes: true });
    } catch (error) {
        unreadable.push({ path: folder, message: (error as Error).message });
        return;
    }
    for (const entry of entries) {
        const full = path.join(folder, entry.name);
        if (entry.isDirectory()) {
            if (isSearchedFolder(entry.name)) collect(full, into, unreadable);
        } else if (entry.isFile() && entry.name.endsWith(PLAN_EXTENSION)) {
            into.add(full);
        }
    }
}

/**
 * Groups files by the plan they belong to, from their text alone (before parsing), as PlanRoots
 * will: the nearest folder at or above a file holding a file that declares a `masterplan`; a file
 * with none forms a group of its own folder. Keys are root folders; files stay sorted.
 */
export function groupByPlan(files: Iterable<string>, declares: (file: string) => boolean): Map<string, string[]> {
    const roots = new Set<string>();
    const sorted = [...files].sort();
    for (const file of sorted) {
        if (declares(file)) roots.add(path.dirname(file));
    }
    const groups = new Map<string, string[]>();
    for (const file of sorted) {
        let folder = path.dirname(file);
        let root: string | undefined;
        for (;;) {
            if (roots.has(folder)) { root = folder; break; }
            const parent = path.dirname(folder);
            if (parent === folder) break;
            folder = parent;
        }
        const key = root ?? path.dirname(file);
        let group = groups.get(key);
        if (!group) groups.set(key, group = []);
        group.push(file);
    }
    return groups;
}

/** Reads a plan file as text: UTF-8, a byte-order mark dropped, invalid bytes kept visible as U+FFFD. */
export async function readPlanFile(file: string): Promise<string> {
    return decodePlanFile(await fs.readFile(file));
}

function decodePlanFile(bytes: Uint8Array): string {
    return new TextDecoder('utf-8', { fatal: false, ignoreBOM: false }).decode(bytes);
}
