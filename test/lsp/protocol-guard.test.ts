/**
 * The language server against malformed messages (src/lsp/protocol-guard.ts, message-shapes.ts,
 * frame-check.ts, file-system-provider.ts): the bundled server over stdio, abused the way an
 * independent probe did, and after every abuse asked a normal hover, whose answer must still be right.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, truncateSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic, Hover, Position } from 'vscode-languageserver';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { LspClient, LspResponseError, hoverText } from './client.js';
import { projectPath } from '../helpers.js';
import { MAX_FILE_CHARS } from '../../src/language/input-guard.js';

/** The size above which the server refuses to read a file (MAX_FILE_BYTES in input-guard.ts: three UTF-8 bytes per character at most). */
const MAX_FILE_BYTES = 3 * MAX_FILE_CHARS;

const SERVER = projectPath('out', 'lsp', 'main.cjs');
const SERVER_NOT_INITIALIZED = -32002;
const INVALID_REQUEST = -32600;
const INVALID_PARAMS = -32602;

let tmp: string;
const planDir = () => path.join(tmp, 'tabalong');
const uriOf = (file: string) => pathToFileURL(file).toString();
const LIVING = () => uriOf(path.join(planDir(), 'pillars', 'living.mplan'));
const livingText = () => readFileSync(path.join(planDir(), 'pillars', 'living.mplan'), 'utf8');
const dishubTitle = () => /^owner Dishub "([^"]+)"/m.exec(readFileSync(path.join(planDir(), 'owners.mplan'), 'utf8'))![1];

function positionOf(text: string, needle: string, offset = 0): Position {
    const index = text.indexOf(needle);
    if (index < 0) throw new Error(`'${needle}' not found`);
    const before = text.slice(0, index + offset).split('\n');
    return { line: before.length - 1, character: before[before.length - 1].length };
}

const initializeParams = () => ({
    processId: process.pid,
    clientInfo: { name: 'mplan-protocol-guard-test' },
    rootUri: uriOf(planDir()),
    workspaceFolders: [{ uri: uriOf(planDir()), name: 'tabalong' }],
    capabilities: { workspace: { configuration: true }, textDocument: { hover: { contentFormat: ['markdown', 'plaintext'] } } },
});

function spawnServer(): LspClient {
    return LspClient.start(process.execPath, [SERVER, '--stdio'], {
        timeout: 10_000,
        configuration: section => (section === 'masterplan' ? { books: { language: 'id' } } : null),
    });
}

/** A server that is initialized and has living.mplan open (and built). */
async function startedServer(): Promise<LspClient> {
    const client = spawnServer();
    try {
        await client.request('initialize', initializeParams(), 20_000);
        client.notify('initialized', {});
        client.notify('textDocument/didOpen', { textDocument: { uri: LIVING(), languageId: 'masterplan', version: 1, text: livingText() } });
        await client.waitForDiagnostics(LIVING(), () => true, 20_000);
    } catch (error) {
        client.kill();
        throw new Error(`the server did not start: ${(error as Error).message}\nstderr: ${client.stderr}`);
    }
    return client;
}

/** The server is alive and its copy of living.mplan is intact: a hover on `owner Dishub` shows the owner's title. */
async function expectHealthyHover(client: LspClient): Promise<void> {
    expect(client.running, `the server exited; stderr: ${client.stderr.slice(-2000)}`).toBe(true);
    const position = positionOf(livingText(), 'owner Dishub', 'owner Dis'.length);
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: LIVING() }, position });
    expect(hoverText(hover)).toContain(dishubTitle());
}

/** The error a request is answered with (fails if it is answered with a result). */
async function errorOf(promise: Promise<unknown>): Promise<LspResponseError> {
    try {
        const result = await promise;
        throw new Error(`expected an error answer, got ${JSON.stringify(result)}`);
    } catch (error) {
        if (!(error instanceof LspResponseError)) throw error;
        return error;
    }
}

beforeAll(() => {
    if (!existsSync(SERVER)) throw new Error('out/lsp/main.cjs is missing: run `npm run build` first.');
    tmp = mkdtempSync(path.join(os.tmpdir(), 'mplan-guard-'));
    cpSync(projectPath('examples', 'tabalong'), planDir(), { recursive: true });
});

afterAll(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('malformed parameters', () => {
    let client: LspClient;
    beforeAll(async () => { client = await startedServer(); }, 40_000);
    afterAll(async () => {
        if (client) expect(await client.shutdown()).toBe(0);
    }, 15_000);

    test('a didOpen, didChange, didClose or didSave with malformed parameters is ignored and logged; the server lives and its text stays intact', async () => {
        const logs: string[] = [];
        client.onNotification('window/logMessage', params => logs.push((params as { message: string }).message));
        const other = uriOf(path.join(planDir(), 'pillars', 'zz-other.mplan'));
        const document = (fields: Record<string, unknown>) => ({ textDocument: { uri: other, languageId: 'masterplan', version: 1, text: '', ...fields } });
        for (const text of [undefined, null, 42, { a: 1 }]) client.notify('textDocument/didOpen', document({ text }));
        client.notify('textDocument/didOpen', document({ uri: 7 }));
        client.notify('textDocument/didOpen', document({ version: 'one' }));
        client.notify('textDocument/didOpen', document({ languageId: null }));
        client.notify('textDocument/didOpen', { textDocument: null });
        client.notify('textDocument/didOpen', null);

        const at = positionOf(livingText(), 'owner Dishub', 'owner '.length);
        const change = (contentChanges: unknown, version: unknown = 2) => client.notify('textDocument/didChange', { textDocument: { uri: LIVING(), version }, contentChanges });
        change([{ range: { start: { line: null, character: at.character }, end: at }, text: 'x' }]);
        change([{ range: { start: { line: at.line, character: -1 }, end: at }, text: 'x' }]);
        change([{ range: { start: { line: 1.5, character: 0 }, end: at }, text: 'x' }]);
        change([{ range: { start: at, end: { line: '3', character: 0 } }, text: 'x' }]);
        change([{ range: {}, text: 'x' }]);
        change([{ range: null, text: 'x' }]);
        change([{ range: { start: at, end: at } }]);
        change([{ text: null }]);
        change([{ range: { start: at, end: at }, text: 'x' }, 'y']);
        change(null);
        change([{ text: 'pillar Broken' }], null);
        client.notify('textDocument/didChange', { textDocument: null, contentChanges: [{ text: '' }] });
        client.notify('textDocument/didClose', { textDocument: null });
        client.notify('textDocument/didClose', { textDocument: { uri: 5 } });
        client.notify('textDocument/didSave', { textDocument: { uri: LIVING() }, text: 3 });
        client.notify('textDocument/didSave', null);

        // Had any change gone through, the owner reference would have moved or broken.
        await expectHealthyHover(client);
        const diagnostics = await client.waitForDiagnostics(LIVING(), () => true, 1_000);
        expect(diagnostics.filter(d => d.code === 'unresolved-reference' || d.code === 'syntax-error')).toEqual([]);
        for (const method of ['didOpen', 'didChange', 'didClose', 'didSave']) {
            expect(logs.filter(message => message.includes(`textDocument/${method} notification with malformed parameters`)), method).toHaveLength(1);
        }
        // A well-formed incremental change still goes through.
        client.notify('textDocument/didChange', { textDocument: { uri: LIVING(), version: 2 }, contentChanges: [{ range: { start: at, end: at }, text: 'x' }] });
        await client.waitForDiagnostics(LIVING(), d => d.some(x => x.code === 'unresolved-reference'), 10_000, true);
        client.notify('textDocument/didChange', { textDocument: { uri: LIVING(), version: 3 }, contentChanges: [{ text: livingText() }] });
        await client.waitForDiagnostics(LIVING(), d => !d.some(x => x.code === 'unresolved-reference'), 10_000, true);
        await expectHealthyHover(client);
    });

    test('requests with malformed parameters are answered InvalidParams (-32602) with a message', async () => {
        const uri = LIVING();
        const position = positionOf(livingText(), 'owner Dishub', 'owner Dis'.length);
        const cases: Array<[string, unknown]> = [
            ['textDocument/hover', { textDocument: { uri }, position: null }],
            ['textDocument/hover', { textDocument: { uri }, position: { line: -1, character: 0 } }],
            ['textDocument/hover', { textDocument: { uri }, position: { line: 1.5, character: 0 } }],
            ['textDocument/hover', { textDocument: { uri } }],
            ['textDocument/hover', { textDocument: null, position }],
            ['textDocument/hover', { textDocument: { uri: 42 }, position }],
            ['textDocument/hover', null],
            ['textDocument/definition', { textDocument: { uri }, position: { line: 0 } }],
            ['textDocument/completion', { textDocument: { uri }, position: { line: null, character: 0 } }],
            ['textDocument/references', { textDocument: { uri }, position, context: null }],
            ['textDocument/rename', { textDocument: { uri }, position, newName: null }],
            ['textDocument/codeAction', { textDocument: { uri }, range: {}, context: { diagnostics: [] } }],
            ['textDocument/codeAction', { textDocument: { uri }, range: { start: null, end: null }, context: { diagnostics: [] } }],
            ['textDocument/codeAction', { textDocument: { uri }, range: { start: position, end: position }, context: null }],
            ['textDocument/documentSymbol', { textDocument: null }],
            ['textDocument/documentSymbol', null],
            ['textDocument/formatting', { textDocument: { uri }, options: null }],
            ['textDocument/semanticTokens/full', { textDocument: {} }],
            ['workspace/symbol', { query: null }],
            ['workspace/symbol', null],
            ['masterplan/bookHtml', null],
            ['masterplan/bookHtml', { uri, book: 4, language: 'id' }],
            ['masterplan/bookHtml', { uri, book: 2, language: 'fr' }],
            ['masterplan/bookOutline', null],
            ['masterplan/bookOutline', { uri: null, book: 1, language: 'en' }],
        ];
        for (const [method, params] of cases) {
            const error = await errorOf(client.request(method, params));
            expect({ method, params, code: error.code }).toEqual({ method, params, code: INVALID_PARAMS });
            expect(error.message).toMatch(/Invalid parameters of .*: params/);
        }
        await expectHealthyHover(client);
        // Well-formed custom requests are still served.
        const book = await client.request<{ html?: string }>('masterplan/bookHtml', { uri, book: 1, language: 'id' }, 30_000);
        expect(book.html).toContain('<');
    }, 60_000);

    test('a body that is not JSON (framed correctly) is skipped; the server reads on', async () => {
        const body = Buffer.from('{"jsonrpc": "2.0", "id": 1, "method": ', 'utf8');
        client.writeRaw(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
        await expectHealthyHover(client);
    });
});

describe('the lifecycle', () => {
    test('before initialize: requests get ServerNotInitialized, notifications are dropped; initialize checks its parameters and comes once; after shutdown: InvalidRequest', async () => {
        const client = spawnServer();
        try {
            const position = positionOf(livingText(), 'owner Dishub', 'owner Dis'.length);
            // Before initialize (the server answered nothing at all here before).
            expect((await errorOf(client.request('textDocument/hover', { textDocument: { uri: LIVING() }, position }, 5_000))).code).toBe(SERVER_NOT_INITIALIZED);
            expect((await errorOf(client.request('workspace/symbol', { query: 'Dishub' }, 5_000))).code).toBe(SERVER_NOT_INITIALIZED);
            expect((await errorOf(client.request('shutdown', null, 5_000))).code).toBe(SERVER_NOT_INITIALIZED);
            // A document opened before initialize is not opened: its text would break the owner reference.
            const broken = livingText().replace(/owner Dishub\b/g, 'owner Nobody');
            client.notify('textDocument/didOpen', { textDocument: { uri: LIVING(), languageId: 'masterplan', version: 1, text: broken } });
            // initialize with parameters it cannot use.
            for (const params of [null, {}, { processId: 'me', capabilities: {} }, { capabilities: {}, workspaceFolders: [{ uri: 3 }] }]) {
                const error = await errorOf(client.request('initialize', params, 5_000));
                expect({ params, code: error.code }).toEqual({ params, code: INVALID_PARAMS });
            }
            await client.request('initialize', initializeParams(), 20_000);
            expect((await errorOf(client.request('initialize', initializeParams(), 5_000))).code).toBe(INVALID_REQUEST);
            client.notify('initialized', {});
            // The early didOpen was dropped: the server read living.mplan from disk, where Dishub is right.
            await expectHealthyHover(client);
            client.notify('textDocument/didOpen', { textDocument: { uri: LIVING(), languageId: 'masterplan', version: 1, text: livingText() } });
            await expectHealthyHover(client);

            expect(await client.request('shutdown', null)).toBeNull();
            expect((await errorOf(client.request('textDocument/hover', { textDocument: { uri: LIVING() }, position }, 5_000))).code).toBe(INVALID_REQUEST);
            expect((await errorOf(client.request('shutdown', null, 5_000))).code).toBe(INVALID_REQUEST);
            client.notify('exit');
            expect(await client.exited$()).toBe(0);
        } finally {
            client.kill();
        }
    }, 60_000);

    test('exit before initialize ends the server (code 1: no shutdown came first)', async () => {
        const client = spawnServer();
        try {
            client.notify('exit');
            expect(await client.exited$()).toBe(1);
        } finally {
            client.kill();
        }
    });
});

describe('a frame with a broken header', () => {
    const headers: Array<[string, string]> = [
        ['no Content-Length', 'Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n'],
        ['Content-Length: abc', 'Content-Length: abc\r\n\r\n'],
        ['Content-Length: -5', 'Content-Length: -5\r\n\r\n'],
        ['a line without a colon', 'Content-Length 20\r\n\r\n'],
    ];
    test.each(headers)('%s: the server says so on stderr and exits with a non-zero code', async (_, header) => {
        const client = await startedServer();
        try {
            await expectHealthyHover(client);
            client.writeRaw(header + '{"jsonrpc":"2.0","id":99,"method":"textDocument/hover","params":{}}');
            const timeout = new Promise<'still running'>(resolve => setTimeout(() => resolve('still running'), 5_000));
            const code = await Promise.race([client.exited$(), timeout]);
            expect(code).not.toBe('still running');
            expect(code).not.toBe(0);
            expect(client.stderr).toMatch(/mplan lsp: the client sent .*(Content-Length|colon)/);
        } finally {
            client.kill();
        }
    }, 40_000);
});

describe('documents read from disk that are not plan files', () => {
    let client: LspClient;
    let outside: string;
    const highlight = (uri: string) => client.request('textDocument/documentHighlight', { textDocument: { uri }, position: { line: 0, character: 0 } }, 15_000);
    /** A document read for a request is built with the next build: report the file changed on disk, and read its diagnostics. */
    const unreadable = (uri: string) => {
        client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 2 }] });
        return client.waitForDiagnostics(uri, (d: Diagnostic[]) => d.some(x => x.code === 'unreadable-file'), 15_000);
    };

    beforeAll(async () => {
        outside = path.join(tmp, 'outside');
        mkdirSync(outside);
        // One in the workspace too, which the server loads as it starts.
        writeFileSync(path.join(planDir(), 'zz-big.mplan'), '');
        truncateSync(path.join(planDir(), 'zz-big.mplan'), MAX_FILE_BYTES + 1);
        client = await startedServer();
    }, 40_000);
    afterAll(async () => {
        if (client) expect(await client.shutdown()).toBe(0);
    }, 15_000);

    test.skipIf(process.platform === 'win32')('a link to /dev/zero or to the server\'s own stdin is not read: an empty answer and an unreadable-file diagnostic', async () => {
        for (const [name, target] of [['zero.mplan', '/dev/zero'], ['stdin.mplan', '/dev/stdin']]) {
            const link = path.join(outside, name);
            symlinkSync(target, link);
            const started = Date.now();
            const result = await highlight(uriOf(link));
            expect(result === null || (Array.isArray(result) && result.length === 0), JSON.stringify(result)).toBe(true);
            expect(Date.now() - started).toBeLessThan(5_000);
            const [diagnostic] = await unreadable(uriOf(link));
            expect(diagnostic.message).toContain('not a regular file');
            await expectHealthyHover(client);
        }
    }, 40_000);

    test.skipIf(process.platform === 'win32')('a named pipe is not opened (it would wait for a writer forever)', async () => {
        const fifo = path.join(outside, 'pipe.mplan');
        const made = spawnSync('mkfifo', [fifo]);
        if (made.status !== 0) return; // no mkfifo here
        expect(await highlight(uriOf(fifo))).toSatisfy((r: unknown) => r === null || (Array.isArray(r) && r.length === 0));
        expect((await unreadable(uriOf(fifo)))[0].message).toContain('not a regular file');
        await expectHealthyHover(client);
    }, 40_000);

    test('a file above the size limit in the workspace is not read as the server starts: it gets an unreadable-file diagnostic', async () => {
        const uri = uriOf(path.join(planDir(), 'zz-big.mplan'));
        const diagnostics = await client.waitForDiagnostics(uri, (d: Diagnostic[]) => d.length > 0, 15_000);
        expect(diagnostics.map(d => d.code)).toEqual(['unreadable-file']);
        expect(diagnostics[0].message).toContain('bytes, more than');
        await expectHealthyHover(client);
    }, 40_000);

    test('a file above the size limit is not read', async () => {
        const big = path.join(outside, 'big.mplan');
        writeFileSync(big, '');
        truncateSync(big, MAX_FILE_BYTES + 1); // sparse: no disk space used
        expect(await highlight(uriOf(big))).toSatisfy((r: unknown) => r === null || (Array.isArray(r) && r.length === 0));
        const [diagnostic] = await unreadable(uriOf(big));
        expect(diagnostic.message).toContain(`${(MAX_FILE_BYTES + 1).toLocaleString('en')} bytes`);
        await expectHealthyHover(client);
    }, 40_000);
});
