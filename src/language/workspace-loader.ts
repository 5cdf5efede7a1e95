import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { URI, type LangiumDocument } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { MasterplanServices } from './module.js';
import { declaresMasterplanText } from './plan-roots.js';
import type { PlanModel } from '../model/plan-model.js';

/** The file extension of plan files. */
export const PLAN_EXTENSION = '.mplan';

/** Folders never searched for plans. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.hg', '.svn', 'out', 'dist']);

export interface FoundFiles {
    /** Absolute paths of the plan files found, sorted. */
    readonly files: string[];
    /** Paths given that do not exist. */
    readonly missing: string[];
}

/**
 * Finds the plan files for the given paths: every `.mplan` file under each path, and, when a path
 * lies inside a plan (a folder above it declares a `masterplan`), every file of that plan, so
 * that references resolve as they would in the editor.
 */
export async function findPlanFiles(paths: string[]): Promise<FoundFiles> {
    const files = new Set<string>();
    const missing: string[] = [];
    const declares = new Map<string, Promise<boolean>>();
    const declaresCached = (folder: string) => {
        let result = declares.get(folder);
        if (!result) declares.set(folder, result = declaresMasterplan(folder));
        return result;
    };
    for (const given of paths) {
        const absolute = path.resolve(given);
        let stat;
        try {
            stat = await fs.stat(absolute);
        } catch {
            missing.push(given);
            continue;
        }
        const below = new Set<string>();
        if (stat.isDirectory()) await collect(absolute, below);
        else if (absolute.endsWith(PLAN_EXTENSION)) below.add(absolute);
        for (const file of below) files.add(file);
        // Files whose plan root lies above the given path: load that whole plan, so that their
        // references resolve as in the editor (`mplan validate plan/pillars` checks the plan).
        const top = stat.isDirectory() ? absolute : path.dirname(absolute);
        // Every file asked at once (a corpus has a thousand folders); a folder is read once, however many ask.
        const rooted = await Promise.all([...below].map(file => hasRootWithin(path.dirname(file), top, declaresCached)));
        const needsAncestor = rooted.includes(false);
        if (needsAncestor) {
            const root = await enclosingPlanRoot(path.dirname(top), declaresCached);
            if (root) await collect(root, files);
        }
    }
    return { files: [...files].sort(), missing };
}

/** Whether a folder between `folder` and `top` (both included) declares a masterplan. */
async function hasRootWithin(folder: string, top: string, declares: (folder: string) => Promise<boolean>): Promise<boolean> {
    let current = folder;
    for (;;) {
        if (await declares(current)) return true;
        if (current === top) return false;
        const parent = path.dirname(current);
        if (parent === current) return false;
        current = parent;
    }
}

/**
 * The nearest folder at or above `folder` holding a file that declares a `masterplan`. The search
 * does not leave the repository: it stops at a folder holding `.git`, or at the file system's root.
 */
async function enclosingPlanRoot(folder: string, declares: (folder: string) => Promise<boolean>): Promise<string | undefined> {
    let current = folder;
    for (;;) {
        if (await declares(current)) return current;
        const parent = path.dirname(current);
        if (parent === current || (await exists(path.join(current, '.git')))) return undefined;
        current = parent;
    }
}

async function exists(file: string): Promise<boolean> {
    try {
        await fs.access(file);
        return true;
    } catch {
        return false;
    }
}


async function declaresMasterplan(folder: string): Promise<boolean> {
    let entries;
    try {
        entries = await fs.readdir(folder, { withFileTypes: true });
    } catch {
        return false;
    }
    for (const entry of entries) {
        if (entry.isFile() && entry.name.endsWith(PLAN_EXTENSION)) {
            try {
                const handle = await fs.open(path.join(folder, entry.name));
                try {
                    const { buffer, bytesRead } = await handle.read(Buffer.alloc(65536), 0, 65536, 0);
                    if (declaresMasterplanText(buffer.subarray(0, bytesRead).toString('utf8'))) return true;
                } finally {
                    await handle.close();
                }
            } catch {
                // unreadable files are reported when loaded
            }
        }
    }
    return false;
}

async function collect(folder: string, into: Set<string>): Promise<void> {
    let entries;
    try {
        entries = await fs.readdir(folder, { withFileTypes: true });
    } catch {
        return;
    }
    const subfolders: Array<Promise<void>> = [];
    for (const entry of entries) {
        const full = path.join(folder, entry.name);
        if (entry.isDirectory()) {
            // Subfolders are listed at once; the caller sorts what is found.
            if (!SKIPPED_FOLDERS.has(entry.name) && !entry.name.startsWith('.')) subfolders.push(collect(full, into));
        } else if (entry.isFile() && entry.name.endsWith(PLAN_EXTENSION)) {
            into.add(full);
        }
    }
    await Promise.all(subfolders);
}

/**
 * Groups files by the plan they belong to, from their text alone (before parsing), as PlanRoots
 * will: the nearest folder at or above a file holding a file that declares a `masterplan`; a file
 * with none forms a group of its own folder. Keys are root folders; files stay sorted.
 */
export function groupByPlan(texts: ReadonlyMap<string, string>): Map<string, string[]> {
    const roots = new Set<string>();
    for (const [file, text] of texts) {
        if (declaresMasterplanText(text)) roots.add(path.dirname(file));
    }
    const groups = new Map<string, string[]>();
    for (const file of [...texts.keys()].sort()) {
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
    const bytes = await fs.readFile(file);
    return new TextDecoder('utf-8', { fatal: false, ignoreBOM: false }).decode(bytes);
}

export interface LoadedWorkspace {
    readonly documents: LangiumDocument[];
    /** Files that could not be read, with the reason. */
    readonly ioErrors: Array<{ file: string; message: string }>;
}

/** Loads the files into the workspace and builds them, with every check unless told otherwise. */
export async function loadAndValidate(shared: LangiumSharedServices, files: string[], options: { validation?: boolean; texts?: ReadonlyMap<string, string> } = {}): Promise<LoadedWorkspace> {
    const documents: LangiumDocument[] = [];
    const ioErrors: Array<{ file: string; message: string }> = [];
    const factory = shared.workspace.LangiumDocumentFactory;
    const langiumDocuments = shared.workspace.LangiumDocuments;
    for (const file of files) {
        let text: string;
        try {
            text = options.texts?.get(file) ?? await readPlanFile(file);
        } catch (error) {
            ioErrors.push({ file, message: (error as Error).message });
            continue;
        }
        const uri = URI.file(file);
        if (langiumDocuments.hasDocument(uri)) langiumDocuments.deleteDocument(uri);
        const document = factory.fromString(text, uri);
        langiumDocuments.addDocument(document);
        documents.push(document);
    }
    await shared.workspace.DocumentBuilder.build(documents, { validation: options.validation ?? true });
    return { documents, ioErrors };
}

/** The plan models of the loaded documents, one per plan, sorted by root folder. */
export function plansOf(services: MasterplanServices, documents: LangiumDocument[]): PlanModel[] {
    const keys = new Set(documents.map(doc => services.plans.PlanRoots.planOf(doc.uri)));
    return [...keys].sort().map(key => services.model.PlanModels.get(key)).filter((m): m is PlanModel => m !== undefined);
}
