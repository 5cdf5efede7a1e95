/** Small helpers shared by the preview and the commands. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BookNumber } from '../books/outline.js';

export function isBookNumber(value: unknown): value is BookNumber {
    return value === 1 || value === 2 || value === 3;
}

/** The books' names in the user's language (the titles of the books themselves come from the server). */
export function bookTitle(book: BookNumber): { short: string; long: string } {
    switch (book) {
        case 1: return { short: vscode.l10n.t('Book I'), long: vscode.l10n.t('Book I: Regional Readiness Analysis') };
        case 2: return { short: vscode.l10n.t('Book II'), long: vscode.l10n.t('Book II: Smart City Masterplan') };
        case 3: return { short: vscode.l10n.t('Book III'), long: vscode.l10n.t('Book III: Executive Summary') };
    }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
    return text.replace(/[&<>"']/g, c => ESCAPES[c]);
}

const MASTERPLAN_DECLARATION = /^\s*masterplan\s+[_a-zA-Z]\w*/m;

/**
 * The plan root of a file: the nearest folder, from the file's own upwards (not above the workspace
 * folder), that holds a `.mplan` file declaring a `masterplan`. Falls back to the file's folder.
 */
export async function findPlanRoot(file: string): Promise<string> {
    const start = path.dirname(file);
    const workspace = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(file))?.uri.fsPath;
    let dir = start;
    for (let depth = 0; depth < 64; depth++) {
        if (await holdsMasterplan(dir)) return dir;
        const parent = path.dirname(dir);
        if (parent === dir || (workspace !== undefined && path.relative(workspace, dir) === '')) break;
        dir = parent;
    }
    return start;
}

async function holdsMasterplan(dir: string): Promise<boolean> {
    let entries: string[];
    try {
        entries = await fs.readdir(dir);
    } catch {
        return false;
    }
    for (const name of entries.filter(n => n.endsWith('.mplan')).sort()) {
        try {
            const handle = await fs.open(path.join(dir, name), 'r');
            try {
                const buffer = Buffer.alloc(256 * 1024);
                const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
                const text = buffer.subarray(0, bytesRead).toString('utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/[^\n]*/g, '');
                if (MASTERPLAN_DECLARATION.test(text)) return true;
            } finally {
                await handle.close();
            }
        } catch {
            // unreadable: not a plan root by this file
        }
    }
    return false;
}

