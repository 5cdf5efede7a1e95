import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { URI, type LangiumDocument } from 'langium';
import type { Diagnostic } from 'vscode-languageserver';
import type { LangiumSharedServices } from 'langium/lsp';
import type { MasterplanServices } from './module.js';
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
    for (const given of paths) {
        const absolute = path.resolve(given);
        let stat;
        try {
            stat = await fs.stat(absolute);
        } catch {
            missing.push(given);
            continue;
        }
        const folder = stat.isDirectory() ? absolute : path.dirname(absolute);
        const root = (await enclosingPlanRoot(folder)) ?? (stat.isDirectory() ? absolute : undefined);
        if (root) {
            await collect(root, files);
        } else if (absolute.endsWith(PLAN_EXTENSION)) {
            files.add(absolute);
        }
    }
    return { files: [...files].sort(), missing };
}

/** The nearest folder at or above `folder` holding a file that declares a `masterplan`. */
async function enclosingPlanRoot(folder: string): Promise<string | undefined> {
    let current = folder;
    for (;;) {
        if (await declaresMasterplan(current)) return current;
        const parent = path.dirname(current);
        if (parent === current) return undefined;
        current = parent;
    }
}

const MASTERPLAN_DECLARATION = /(^|\n)[ \t\uFEFF]*masterplan\s+[A-Za-z_]/;

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
                    if (MASTERPLAN_DECLARATION.test(buffer.subarray(0, bytesRead).toString('utf8'))) return true;
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
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
        const full = path.join(folder, entry.name);
        if (entry.isDirectory()) {
            if (!SKIPPED_FOLDERS.has(entry.name) && !entry.name.startsWith('.')) await collect(full, into);
        } else if (entry.isFile() && entry.name.endsWith(PLAN_EXTENSION)) {
            into.add(full);
        }
    }
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

/** Loads the files into the workspace and builds them with every check. */
export async function loadAndValidate(shared: LangiumSharedServices, files: string[]): Promise<LoadedWorkspace> {
    const documents: LangiumDocument[] = [];
    const ioErrors: Array<{ file: string; message: string }> = [];
    const factory = shared.workspace.LangiumDocumentFactory;
    const langiumDocuments = shared.workspace.LangiumDocuments;
    for (const file of files) {
        let text: string;
        try {
            text = await readPlanFile(file);
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
    await shared.workspace.DocumentBuilder.build(documents, { validation: true });
    return { documents, ioErrors };
}

/** The diagnostics of a built document. */
export function diagnosticsOf(document: LangiumDocument): Diagnostic[] {
    return document.diagnostics ?? [];
}

/** The plan models of the loaded documents, one per plan, sorted by root folder. */
export function plansOf(services: MasterplanServices, documents: LangiumDocument[]): PlanModel[] {
    const keys = new Set(documents.map(doc => services.plans.PlanRoots.planOf(doc.uri)));
    return [...keys].sort().map(key => services.model.PlanModels.get(key)).filter((m): m is PlanModel => m !== undefined);
}
