/**
 * The language server keeps the editor's text as the truth while a document is open, and keeps going
 * whatever the editor opens and closes: untitled buffers, files of other extensions switched to the
 * language, documents closed and opened again at once, files deleted on disk while open, and file
 * events for folders outside the workspace. Drives the built server over stdio (client.ts) on a
 * temporary copy of examples/tabalong.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DocumentSymbol, Hover, SymbolInformation } from 'vscode-languageserver';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { LspClient, hoverText } from './client.js';
import { projectPath } from '../helpers.js';

const SERVER = projectPath('out', 'lsp', 'main.cjs');

let client: LspClient;
let tmp: string;
const planDir = () => path.join(tmp, 'tabalong');
const uriOf = (file: string) => pathToFileURL(file).toString();
const planUri = (relative: string) => uriOf(path.join(planDir(), relative));
const versions = new Map<string, number>();
const settle = (ms = 800) => new Promise(resolve => setTimeout(resolve, ms));

function didOpen(uri: string, text: string): void {
    versions.set(uri, 1);
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'masterplan', version: 1, text } });
}

function didChange(uri: string, text: string): void {
    const version = (versions.get(uri) ?? 1) + 1;
    versions.set(uri, version);
    client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
}

const didClose = (uri: string) => client.notify('textDocument/didClose', { textDocument: { uri } });
const symbols = async (query: string) => (await client.request<SymbolInformation[]>('workspace/symbol', { query })).map(s => s.name);

/** The hover on `owner Dishub` in living.mplan: the proof that the server still answers, and answers right. */
async function dishubHover(): Promise<string> {
    const uri = planUri('pillars/living.mplan');
    const text = readFileSync(path.join(planDir(), 'pillars', 'living.mplan'), 'utf8');
    const lines = text.slice(0, text.indexOf('owner Dishub') + 'owner Di'.length).split('\n');
    return hoverText(await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: lines.length - 1, character: lines.at(-1)!.length } }));
}

const UNSAVED_PILLAR = 'pillar Unsaved "Unsaved" dimension Governance {\n    quickwin Hantu "Hantu" {\n        owner Diskominfo\n        year 2021\n    }\n}\n';

describe('open documents in the language server', () => {
    beforeAll(async () => {
        if (!existsSync(SERVER)) throw new Error('the server is not built: run `npm run build` first (`npm test` builds before it tests).');
        tmp = mkdtempSync(path.join(os.tmpdir(), 'mplan-open-'));
        cpSync(projectPath('examples', 'tabalong'), planDir(), { recursive: true });
        cpSync(projectPath('examples', 'tabalong'), path.join(tmp, 'outside', 'lain'), { recursive: true });
        client = LspClient.start(process.execPath, [SERVER, '--stdio'], { timeout: 10_000 });
        await client.request('initialize', {
            processId: process.pid,
            rootUri: uriOf(planDir()),
            workspaceFolders: [{ uri: uriOf(planDir()), name: 'tabalong' }],
            capabilities: {},
        }, 20_000);
        client.notify('initialized', {});
        didOpen(planUri('pillars/living.mplan'), readFileSync(path.join(planDir(), 'pillars', 'living.mplan'), 'utf8'));
        await client.waitForDiagnostics(planUri('pillars/living.mplan'), () => true, 20_000);
    }, 40_000);

    afterAll(async () => {
        if (client) expect(await client.shutdown(5_000)).toBe(0);
        if (tmp) rmSync(tmp, { recursive: true, force: true });
    }, 15_000);

    test('untitled buffers and files of other extensions, opened and closed one after another: the server lives on', async () => {
        const uris = ['untitled:Untitled-1', 'untitled:Untitled-2', uriOf(path.join(tmp, 'notes.txt')), 'untitled:Untitled-3', uriOf(path.join(tmp, 'notes2.txt'))];
        for (const uri of uris) {
            didOpen(uri, UNSAVED_PILLAR);
            await client.request('textDocument/documentSymbol', { textDocument: { uri } });
            didClose(uri);
        }
        await settle();
        expect(client.running).toBe(true);
        expect(await dishubHover()).toContain('Dinas Perhubungan');
        expect(client.stderr).not.toMatch(/no services for the extension/);
    }, 30_000);

    test('a document closed and opened again at once, while another is edited, stays in the workspace', async () => {
        const uri = planUri('pillars/zz-unsaved.mplan'); // never on disk
        const living = planUri('pillars/living.mplan');
        const livingText = readFileSync(path.join(planDir(), 'pillars', 'living.mplan'), 'utf8');
        didOpen(uri, UNSAVED_PILLAR);
        await client.waitForDiagnostics(uri, () => true, 10_000);
        for (let round = 0; round < 10; round++) {
            didChange(living, `${livingText}\n// edit ${round}\n`);
            didClose(uri);
            didOpen(uri, UNSAVED_PILLAR);
            await settle(150);
            const outline = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
            expect(outline.map(s => s.name), `round ${round}`).toEqual(['Unsaved']);
        }
        await settle();
        expect(await symbols('Hantu')).toContain('Hantu');
        didClose(uri);
        await settle();
        expect(await symbols('Hantu')).not.toContain('Hantu');
    }, 60_000);

    test('an open document whose file, or folder, is deleted on disk keeps its names until it is closed', async () => {
        const file = path.join(planDir(), 'pillars', 'economy.mplan');
        const uri = uriOf(file);
        didOpen(uri, readFileSync(file, 'utf8'));
        await client.waitForDiagnostics(uri, () => true, 10_000);
        const outline = () => client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
        const names = (await outline()).flatMap(s => [s.name, ...(s.children ?? []).map(c => c.name)]);
        const programme = (await outline())[0].children![0].name; // a name no other file declares
        unlinkSync(file);
        client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 3 }] });
        client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(path.join(planDir(), 'pillars')), type: 3 }] });
        await settle(1500);
        expect((await outline()).flatMap(s => [s.name, ...(s.children ?? []).map(c => c.name)])).toEqual(names);
        expect(await symbols(programme)).toContain(programme);
        // A closed document of that folder was dropped: living.mplan is open, governance.mplan is not.
        expect(await dishubHover()).toContain('Dinas Perhubungan');
        didClose(uri);
        await settle(1500);
        expect(await symbols(programme)).not.toContain(programme);
    }, 30_000);

    test('a file event for a folder outside the workspace loads nothing from it', async () => {
        client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(path.join(tmp, 'outside')), type: 2 }, { uri: uriOf(tmp), type: 1 }] });
        await settle(1500);
        // The copy outside declares the same names: inside the workspace, each is declared once.
        const found = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'LangsatManis' });
        expect(found.map(s => s.location.uri).filter(uri => uri.includes('/outside/'))).toEqual([]);
        expect(client.running).toBe(true);
    }, 30_000);

    test('a file event for a plan file outside the workspace folders (a folder added later) is followed', async () => {
        const uri = uriOf(path.join(tmp, 'outside', 'lain', 'owners.mplan'));
        client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 1 }] });
        await settle(1500);
        const found = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'Dishub' });
        expect(found.map(s => s.location.uri)).toContain(uri);
    }, 30_000);
});
