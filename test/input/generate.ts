/**
 * Inputs for the bad-input and fuzz tests: the example plans read from disk, broken variants of
 * MINIMAL_PLAN, big inputs generated in code (never committed), temporary plan folders, a CLI runner,
 * and token spans for mutating plan text.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { expect } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver';
import { DIAGNOSTIC_CODES } from '../../src/validation/codes.js';
import { MINIMAL_PLAN, projectPath, PROJECT_ROOT } from '../helpers.js';

/** One MiB. */
export const MB = 1024 * 1024;

/**
 * MINIMAL_PLAN with one deliberate mistake in pillars.mplan (`owner Diskominfoo`), so that a test can
 * check that the other files of a plan are still checked next to a bad file.
 */
export const BROKEN_PLAN: Record<string, string> = {
    ...MINIMAL_PLAN,
    '/plan/pillars.mplan': MINIMAL_PLAN['/plan/pillars.mplan'].replace('owner Diskominfo partners', 'owner Diskominfoo partners'),
};
if (BROKEN_PLAN['/plan/pillars.mplan'] === MINIMAL_PLAN['/plan/pillars.mplan']) {
    throw new Error('generate.ts: MINIMAL_PLAN changed; BROKEN_PLAN no longer holds its deliberate mistake');
}

/** The file of BROKEN_PLAN that holds the deliberate `unresolved-reference`. */
export const BROKEN_FILE = '/plan/pillars.mplan';

/** The files of the Tabalong example, by path relative to its folder (forward slashes), sorted. */
export function tabalongFiles(): Record<string, string> {
    const root = projectPath('examples', 'tabalong');
    const files: Record<string, string> = {};
    const walk = (folder: string) => {
        for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
            const full = path.join(folder, entry.name);
            if (entry.isDirectory()) walk(full);
            else if (entry.name.endsWith('.mplan')) files[path.relative(root, full).split(path.sep).join('/')] = readFileSync(full, 'utf8');
        }
    };
    walk(root);
    return files;
}

/** The files of one broken example folder, by name, as bytes (one of them is binary on purpose). */
export function brokenExample(folder: string): Record<string, Buffer> {
    const root = projectPath('examples', 'broken', folder);
    const files: Record<string, Buffer> = {};
    for (const name of readdirSync(root).filter(n => n.endsWith('.mplan')).sort()) {
        files[name] = readFileSync(path.join(root, name));
    }
    return files;
}

/** The names of the broken example folders, sorted. */
export function brokenFolders(): string[] {
    return readdirSync(projectPath('examples', 'broken'), { withFileTypes: true }).filter(e => e.isDirectory()).map(e => e.name).sort();
}

/** LF line ends turned into CRLF (CRLF already present is kept). */
export function toCrlf(text: string): string {
    return text.replace(/\r?\n/g, '\r\n');
}

/** Prefixes a path map's keys with a folder, e.g. `{ 'a.mplan': … }` → `{ '/tab/a.mplan': … }`. */
export function underFolder<T>(folder: string, files: Record<string, T>): Record<string, T> {
    return Object.fromEntries(Object.entries(files).map(([name, text]) => [`${folder}/${name}`, text]));
}

// ---------------------------------------------------------------- bad inputs, generated in code

/** Bytes that are not text: NULs, control characters, high bytes (a deterministic pseudo-random sequence). */
export function binaryBytes(length = 4096): Buffer {
    const bytes = Buffer.alloc(length);
    let seed = 12345;
    for (let i = 0; i < length; i++) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        bytes[i] = i % 16 === 0 ? 0 : seed >> 16 & 0xff;
    }
    // A PNG-like header, as a picture saved with the wrong extension would have.
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bytes, 0);
    return bytes;
}

/** Binary bytes as the editor or a lenient reader would show them: each byte one character. */
export function binaryText(length = 4096): string {
    return binaryBytes(length).toString('latin1');
}

/** A valid owner declaration whose title holds invalid UTF-8 (0xC3 0x28: a lead byte without its continuation). */
export function invalidUtf8Bytes(): Buffer {
    return Buffer.concat([
        Buffer.from('owner Kominfo "Dinas Komunikasi dan Informatika ', 'utf8'),
        Buffer.from([0xc3, 0x28]),
        Buffer.from('" kind agency\nowner Dishub "Dinas Perhubungan" kind agency\n', 'utf8'),
    ]);
}

/** A single line of about `size` characters made of `unit` repeated. */
export function singleLine(unit: string, size = 5 * MB): string {
    return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

/** Owner declarations on one line, about `size` characters. */
export function ownersOnOneLine(size: number): string {
    const parts: string[] = [];
    let length = 0;
    for (let i = 0; length < size; i++) {
        const part = `owner Owner${i} "Dinas ${i}" kind agency `;
        parts.push(part);
        length += part.length;
    }
    return parts.join('');
}

// ---------------------------------------------------------------- timing and checks

/** Runs `action`, returning its result and the milliseconds it took. */
export async function timed<T>(action: () => Promise<T>): Promise<{ result: T; ms: number }> {
    const start = performance.now();
    const result = await action();
    return { result, ms: performance.now() - start };
}

const KNOWN_CODES = new Set(DIAGNOSTIC_CODES.map(c => c.code));

/** Every diagnostic carries a documented code and a range inside its text. */
export function expectWellFormed(file: string, text: string, diagnostics: Diagnostic[]): void {
    const lines = text.split(/\r\n|\r|\n/);
    for (const d of diagnostics) {
        const where = `${file}:${d.range.start.line + 1}:${d.range.start.character + 1} ${String(d.code)} ${d.message.slice(0, 120)}`;
        expect(KNOWN_CODES.has(String(d.code)), `undocumented code: ${where}`).toBe(true);
        for (const p of [d.range.start, d.range.end]) {
            expect(p.line >= 0 && p.line < Math.max(lines.length, 1), `line outside the file: ${where}`).toBe(true);
            expect(p.character >= 0 && p.character <= (lines[p.line]?.length ?? 0), `column outside the line: ${where}`).toBe(true);
        }
    }
}

/** The diagnostics of a file as comparable tuples: code, start line:column, end line:column. */
export function positions(diagnostics: Diagnostic[]): string[] {
    return diagnostics.map(d => `${String(d.code)} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`).sort();
}

// ---------------------------------------------------------------- temporary plan folders and the CLI

const tempFolders: string[] = [];

/** Writes a plan folder under the system temp folder; files by relative path. */
export function writePlanFolder(files: Record<string, string | Buffer>): string {
    const folder = mkdtempSync(path.join(tmpdir(), 'mplan-bad-input-'));
    tempFolders.push(folder);
    for (const [name, content] of Object.entries(files)) {
        const full = path.join(folder, name);
        mkdirSync(path.dirname(full), { recursive: true });
        writeFileSync(full, content);
    }
    return folder;
}

/** Removes the folders written by writePlanFolder. */
export function removePlanFolders(): void {
    for (const folder of tempFolders.splice(0)) rmSync(folder, { recursive: true, force: true });
}

/** MINIMAL_PLAN (or BROKEN_PLAN) as files of a folder: `masterplan.mplan`, `pillars.mplan`. */
export function planFolderFiles(plan: Record<string, string>): Record<string, string> {
    return Object.fromEntries(Object.entries(plan).map(([name, text]) => [name.replace(/^\/plan\//, ''), text]));
}

export interface CliRun {
    code: number | null;
    signal: string | null;
    stdout: string;
    stderr: string;
    ms: number;
}

/** Runs `node bin/mplan.js validate <folder> --format json`, killed after `timeoutMs`. */
export function runCli(folder: string, timeoutMs = 30_000): Promise<CliRun> {
    const start = performance.now();
    return new Promise(resolve => {
        execFile(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'mplan.js'), 'validate', folder, '--format', 'json'], {
            cwd: PROJECT_ROOT, timeout: timeoutMs, maxBuffer: 256 * MB, env: { ...process.env, NO_COLOR: '1' },
        }, (error, stdout, stderr) => {
            const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
            resolve({ code, signal: error?.signal ?? null, stdout, stderr, ms: performance.now() - start });
        });
    });
}

/** A stack frame line, as printed by Node for an uncaught error or by console.error(err). */
export const STACK_FRAME = /^\s+at .+(\(|:\d+)/m;

// ---------------------------------------------------------------- token spans for mutations

export interface Span {
    start: number;
    end: number;
}

/** The keywords of the grammar, read from masterplan.langium. */
export function grammarKeywords(): string[] {
    const grammar = readFileSync(projectPath('src', 'language', 'masterplan.langium'), 'utf8');
    const keywords = new Set<string>();
    for (const match of grammar.matchAll(/'([^'\s]+)'/g)) keywords.add(match[1]);
    return [...keywords].sort();
}

/** Tokens of plan text: strings, text blocks, comments, numbers, names, punctuation. */
const TOKEN = /"""[\s\S]*?"""|"(?:\\.|[^"\\\r\n])*"|\u201C[^\u201D\r\n]*\u201D|\/\*[\s\S]*?\*\/|\/\/[^\r\n]*|\d{4}-\d{2}-\d{2}|\d+(?:[.,]\d+)*|[_a-zA-Z]\w*|\.\.|\S/g;

/** The token spans of a text (a simple lexer: good enough to cut text at token boundaries). */
export function tokenSpans(text: string): Span[] {
    const spans: Span[] = [];
    for (const match of text.matchAll(TOKEN)) spans.push({ start: match.index, end: match.index + match[0].length });
    return spans;
}

/** Line and column (1-based) of an offset, for failure messages. */
export function lineColumn(text: string, offset: number): string {
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    return `${line}:${offset - before.lastIndexOf('\n')}`;
}

export { PROJECT_ROOT };
