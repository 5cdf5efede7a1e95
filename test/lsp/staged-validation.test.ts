/**
 * How the language server re-validates after a keystroke (src/language/document-builder.ts): the
 * edited file first, with its `fast` checks and its plan diagnostics carried over with the text, then
 * the plan checks over the whole plan. Real server over stdio, real plan files; the end state is
 * compared with a fresh validation of the same texts, as `mplan validate` would report it.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic, Position } from 'vscode-languageserver';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { LspClient } from './client.js';
import { projectPath, validateFiles } from '../helpers.js';

const SERVER = projectPath('out', 'lsp', 'main.cjs');

let client: LspClient;
let tmp: string;
const open = new Map<string, { text: string; version: number }>();
/** Every publication, in order of arrival. */
const published: Array<{ uri: string; diagnostics: Diagnostic[] }> = [];

const planDir = () => path.join(tmp, 'plan');
const fileOf = (name: string) => path.join(planDir(), name);
const uriOf = (name: string) => pathToFileURL(fileOf(name)).toString();
const codes = (diagnostics: Diagnostic[]) => diagnostics.map(d => String(d.code)).sort();
const carried = (d: Diagnostic) => (d.data as { carried?: boolean } | undefined)?.carried === true;

function didOpen(name: string): void {
    const text = readFileSync(fileOf(name), 'utf8');
    open.set(uriOf(name), { text, version: 1 });
    client.notify('textDocument/didOpen', { textDocument: { uri: uriOf(name), languageId: 'masterplan', version: 1, text } });
}

/** An incremental change: inserts `text` at `at` (or replaces up to `end`). */
function edit(name: string, at: Position, text: string, end: Position = at): void {
    const doc = open.get(uriOf(name))!;
    const offset = (p: Position) => doc.text.split('\n').slice(0, p.line).reduce((n, line) => n + line.length + 1, 0) + p.character;
    doc.text = doc.text.slice(0, offset(at)) + text + doc.text.slice(offset(end));
    doc.version++;
    client.notify('textDocument/didChange', { textDocument: { uri: uriOf(name), version: doc.version }, contentChanges: [{ range: { start: at, end }, text }] });
}

function positionOf(name: string, needle: string, offset = 0): Position {
    const text = open.get(uriOf(name))!.text;
    const index = text.indexOf(needle);
    if (index < 0) throw new Error(`'${needle}' not in ${name}`);
    const before = text.slice(0, index + offset).split('\n');
    return { line: before.length - 1, character: before[before.length - 1].length };
}

/** What a fresh validation of the current texts reports, per file: code and start line. */
async function freshValidation(): Promise<Map<string, string[]>> {
    const files: Record<string, string> = {};
    for (const name of ['masterplan.mplan', 'more-owners.mplan']) files[`/plan/${name}`] = open.get(uriOf(name))!.text;
    const result = await validateFiles(files);
    return new Map([...result.diagnostics].map(([file, list]) => [path.basename(file), summary(list)]));
}

const summary = (list: Diagnostic[]) => list.map(d => `${d.code}@${d.range.start.line}:${d.range.start.character}`).sort();

/** Resolves when the server has been quiet (no publication) for `ms`. */
async function settled(ms = 600): Promise<void> {
    let count = -1;
    while (count !== published.length) {
        count = published.length;
        await new Promise(resolve => setTimeout(resolve, ms));
    }
}

describe('validation after a keystroke', () => {
    beforeAll(async () => {
        tmp = mkdtempSync(path.join(os.tmpdir(), 'mplan-staged-'));
        // Two files of one plan: `Dishub` is declared in both (duplicate-name, a plan check).
        cpSync(projectPath('examples', 'broken', 'duplicate-name'), planDir(), { recursive: true });
        client = LspClient.start(process.execPath, [SERVER, '--stdio'], { timeout: 10_000, configuration: () => null });
        client.onNotification('textDocument/publishDiagnostics', params => {
            const { uri, diagnostics } = params as { uri: string; diagnostics: Diagnostic[] };
            published.push({ uri, diagnostics });
        });
        await client.request('initialize', {
            processId: process.pid,
            rootUri: pathToFileURL(planDir()).toString(),
            workspaceFolders: [{ uri: pathToFileURL(planDir()).toString(), name: 'plan' }],
            capabilities: { textDocument: { publishDiagnostics: {} } },
        }, 20_000);
        client.notify('initialized', {});
        didOpen('masterplan.mplan');
        didOpen('more-owners.mplan');
        await client.waitForDiagnostics(uriOf('more-owners.mplan'), d => codes(d).includes('duplicate-name'), 20_000);
        await settled();
    }, 40_000);

    afterAll(async () => {
        if (client) await client.shutdown(5_000);
        if (tmp) rmSync(tmp, { recursive: true, force: true });
    });

    test('the edited file is published at once with its plan diagnostics moved along, then confirmed by the plan checks', async () => {
        const name = 'more-owners.mplan';
        const before = client.diagnostics.get(uriOf(name))!;
        const duplicate = before.find(d => d.code === 'duplicate-name')!;
        expect(carried(duplicate)).toBe(false);
        const from = published.length;
        // Two new lines above the declaration: the diagnostic must move down two lines.
        edit(name, { line: 0, character: 0 }, '// dipindah\n// ke bawah\n');
        await client.waitForDiagnostics(uriOf(name), d => d.some(x => x.code === 'duplicate-name' && !carried(x)), 10_000, true);
        await settled();
        const mine = published.slice(from).filter(p => p.uri === uriOf(name));
        // First publication: the fast pass, with the duplicate carried over to its new line.
        const first = mine[0].diagnostics.find(d => d.code === 'duplicate-name')!;
        expect(carried(first)).toBe(true);
        expect(first.range.start.line).toBe(duplicate.range.start.line + 2);
        expect(first.range).toEqual({ start: { ...duplicate.range.start, line: duplicate.range.start.line + 2 }, end: { ...duplicate.range.end, line: duplicate.range.end.line + 2 } });
        // Last publication: the plan checks' own verdict, nothing carried, nothing twice.
        const last = mine[mine.length - 1].diagnostics;
        expect(last.filter(carried)).toEqual([]);
        expect(summary(last)).toEqual((await freshValidation()).get(name));
    });

    test('an edit that touches a carried diagnostic drops it until the plan checks speak', async () => {
        const name = 'more-owners.mplan';
        const from = published.length;
        // Rename the duplicate: the carried diagnostic covered the name being edited.
        edit(name, positionOf(name, 'owner Dishub', 'owner Dishub'.length), 'Laut');
        await client.waitForDiagnostics(uriOf(name), d => !d.some(x => x.code === 'duplicate-name'), 10_000, true);
        await settled();
        const mine = published.slice(from).filter(p => p.uri === uriOf(name));
        expect(mine.every(p => !p.diagnostics.some(d => d.code === 'duplicate-name'))).toBe(true);
        // `DishubLaut` is declared but used nowhere: an unused-owner warning from the plan pass.
        const fresh = await freshValidation();
        expect(fresh.get(name)!.some(s => s.startsWith('unused-owner'))).toBe(true);
        expect(summary(client.diagnostics.get(uriOf(name))!)).toEqual(fresh.get(name));
        expect(summary(client.diagnostics.get(uriOf('masterplan.mplan'))!)).toEqual(fresh.get('masterplan.mplan'));
    });

    test('an edit in one file re-runs the plan checks of the others (an owner becomes unused in another file, then used again)', async () => {
        const name = 'masterplan.mplan';
        const other = 'more-owners.mplan';
        // Use the renamed owner from the masterplan file: its unused-owner warning in the other file goes.
        const at = positionOf(name, 'partners Diskominfo', 'partners Diskominfo'.length);
        edit(name, at, ', DishubLaut');
        await client.waitForDiagnostics(uriOf(other), d => !codes(d).includes('unused-owner'), 10_000);
        await settled();
        let fresh = await freshValidation();
        expect(summary(client.diagnostics.get(uriOf(other))!)).toEqual(fresh.get(other));
        expect(summary(client.diagnostics.get(uriOf(name))!)).toEqual(fresh.get(name));
        // And back.
        edit(name, at, '', { line: at.line, character: at.character + ', DishubLaut'.length });
        await client.waitForDiagnostics(uriOf(other), d => codes(d).includes('unused-owner'), 10_000);
        await settled();
        fresh = await freshValidation();
        expect(summary(client.diagnostics.get(uriOf(other))!)).toEqual(fresh.get(other));
    });

    test('a book asked for right after a keystroke shows the plan with it, and plansChanged comes once per edit, after the plan pass', async () => {
        const name = 'masterplan.mplan';
        const changes: string[][] = [];
        client.onNotification('masterplan/plansChanged', params => changes.push((params as { uris: string[] }).uris));
        await settled();
        changes.length = 0;
        for (const word of ['Satu', 'Dua', 'Tiga']) {
            const at = positionOf(name, '"e-Office', '"e-Office'.length);
            edit(name, at, ` ${word}`);
            const answer = await client.request<{ html?: string }>('masterplan/bookHtml', { uri: uriOf(name), book: 2, language: 'id' });
            expect(answer.html).toContain(`e-Office ${word}`);
        }
        await settled();
        // Every notification is a plan pass, covering both files; none for the edited file alone.
        expect(changes.length).toBeGreaterThan(0);
        for (const uris of changes) expect(uris.sort()).toEqual([uriOf('masterplan.mplan'), uriOf('more-owners.mplan')].sort());
    });

    test('a burst of keystrokes ends in the same diagnostics as a fresh validation, none twice', async () => {
        const name = 'masterplan.mplan';
        const at = positionOf(name, '"Portal informasi publik"', 1);
        for (const letter of 'abcdefghij') {
            edit(name, at, letter);
            await new Promise(resolve => setTimeout(resolve, 15));
        }
        await settled();
        const fresh = await freshValidation();
        for (const file of ['masterplan.mplan', 'more-owners.mplan']) {
            const current = client.diagnostics.get(uriOf(file))!;
            expect(current.filter(carried), file).toEqual([]);
            expect(summary(current), file).toEqual(fresh.get(file));
            expect(new Set(summary(current)).size, file).toBe(current.length);
        }
    });
});
