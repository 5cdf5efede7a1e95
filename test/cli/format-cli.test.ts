import { spawnSync } from 'node:child_process';
import { chmodSync, lchownSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { projectPath } from '../helpers.js';
import { mplan, type RunResult } from './run.js';

// `mplan format` rewrites the user's files: these tests run the built command on real folders and
// look at the bytes, modes and links it leaves on disk.

const temp = mkdtempSync(path.join(tmpdir(), 'mplan-format-'));
afterAll(() => {
    chmodTree(temp);
    rmSync(temp, { recursive: true, force: true });
});

const UNFORMATTED = 'masterplan D "Kota" {\n        region "R"\n}\nowner A "A"   kind agency\n';
const FORMATTED = 'masterplan D "Kota" {\n    region "R"\n}\n\nowner A "A" kind agency\n';
const crlf = (text: string) => text.replace(/\n/g, '\r\n');

/** Whether the tests run as root, who may read and write any file: permission cases then run as `nobody`. */
const isRoot = process.getuid?.() === 0;
const NOBODY = 65534;

let folders = 0;
/** A new folder with the given files (a repository of its own, so no plan root is looked for above it). */
function folder(files: Record<string, string | Buffer> = {}): string {
    const root = path.join(temp, `case-${++folders}`);
    mkdirSync(path.join(root, '.git'), { recursive: true });
    for (const [name, content] of Object.entries(files)) {
        mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
        writeFileSync(path.join(root, name), content);
    }
    return root;
}

/** Runs `mplan` as a user without root's powers: as `nobody` (owning `root`) when the tests run as root. */
function mplanAsUser(args: string[], root: string): RunResult {
    if (!isRoot) return mplan(args, { cwd: root });
    chmodSync(temp, 0o755);
    for (const name of ['', ...readdirSync(root, { recursive: true }).map(String)]) lchownSync(path.join(root, name), NOBODY, NOBODY);
    const env = { ...process.env };
    delete env.NO_COLOR;
    delete env.FORCE_COLOR;
    const result = spawnSync(process.execPath, [projectPath('bin', 'mplan.js'), ...args], { cwd: root, env, encoding: 'utf8', uid: NOBODY, gid: NOBODY, timeout: 120_000 });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Makes every folder below `root` writable again, so that it can be removed. */
function chmodTree(root: string): void {
    chmodSync(root, 0o755);
    for (const entry of readdirSync(root, { withFileTypes: true })) {
        if (entry.isDirectory() && !entry.isSymbolicLink()) chmodTree(path.join(root, entry.name));
    }
}

const bytes = (root: string, name: string) => readFileSync(path.join(root, name));
const text = (root: string, name: string) => readFileSync(path.join(root, name), 'latin1');
const mode = (root: string, name: string) => statSync(path.join(root, name)).mode & 0o7777;
/** Names below a folder that look like temporary files of an atomic write. */
const temporaries = (root: string) => readdirSync(root, { recursive: true }).map(String).filter(name => name.endsWith('.tmp'));

describe('files that are not UTF-8 text', () => {
    // The bytes of files that decode only with losses: a PNG, random bytes, Latin-1 text, UTF-16 with and without a BOM.
    const random = Buffer.alloc(3000);
    for (let i = 0, x = 12345; i < random.length; i++) random[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
    const undecodable: Record<string, Buffer> = {
        'a.mplan': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]),
        'b.mplan': random,
        'c.mplan': Buffer.from('masterplan D "Kota \xe9" {\n        region "R"\n}\n', 'latin1'),
        'd.mplan': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('owner A "A" kind agency', 'utf16le')]),
        'e.mplan': Buffer.from('owner A "A"   kind agency\n', 'utf16le'),
    };

    test('are left byte for byte alone and reported; the other files are formatted; exit 1', () => {
        const root = folder({ ...undecodable, 'ok.mplan': UNFORMATTED });
        const result = mplan(['format', '.'], { cwd: root });
        for (const [name, content] of Object.entries(undecodable)) {
            expect(bytes(root, name).equals(content), name).toBe(true);
            expect(result.stderr).toContain(`mplan: cannot format ${name}: `);
            expect(result.stdout).not.toContain(name);
        }
        expect(result.stderr).toMatch(/cannot format c\.mplan: it is not valid UTF-8/);
        expect(result.stderr).toMatch(/cannot format d\.mplan: it is UTF-16 text/);
        expect(result.stderr).toMatch(/cannot format e\.mplan: it holds binary data/);
        expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
        expect(text(root, 'ok.mplan')).toBe(FORMATTED);
        expect(result.stdout).toBe('formatted ok.mplan\n');
        expect(result.status).toBe(1);
    });

    test('--check reports them too and exits 1, writing nothing', () => {
        const root = folder({ ...undecodable, 'ok.mplan': FORMATTED });
        const result = mplan(['format', '--check', '.'], { cwd: root });
        for (const [name, content] of Object.entries(undecodable)) {
            expect(bytes(root, name).equals(content), name).toBe(true);
            expect(result.stderr).toContain(`mplan: cannot format ${name}: `);
        }
        expect(result.stdout).not.toContain('already formatted');
        expect(result.status).toBe(1);
    });

    test('a valid UTF-8 file holding U+FFFD itself is formatted, the character kept', () => {
        const root = folder({ 'a.mplan': UNFORMATTED.replace('Kota', 'Kota \uFFFD') });
        expect(mplan(['format', '.'], { cwd: root }).status).toBe(0);
        expect(readFileSync(path.join(root, 'a.mplan'), 'utf8')).toBe(FORMATTED.replace('Kota', 'Kota \uFFFD'));
    });
});

describe('line endings and the byte-order mark', () => {
    test('a CRLF file stays all CRLF; formatting it again changes nothing', () => {
        const root = folder({ 'a.mplan': crlf(UNFORMATTED) });
        const result = mplan(['format', '.'], { cwd: root });
        expect(result.status).toBe(0);
        expect(text(root, 'a.mplan')).toBe(crlf(FORMATTED));
        const again = mplan(['format', '--check', '.'], { cwd: root });
        expect(again.stdout).toBe('1 files already formatted\n');
        expect(again.status).toBe(0);
    });

    test('a file with lone CRs, or with mixed line endings, gets LF throughout', () => {
        const root = folder({
            'cr.mplan': UNFORMATTED.replace(/\n/g, '\r'),
            'mixed.mplan': crlf(UNFORMATTED).replace('\r\nowner', '\nowner'),
        });
        expect(mplan(['format', '.'], { cwd: root }).status).toBe(0);
        expect(text(root, 'cr.mplan')).toBe(FORMATTED);
        expect(text(root, 'mixed.mplan')).toBe(FORMATTED);
    });

    test('--check flags a file whose line endings alone would change', () => {
        const mixed = crlf(FORMATTED).replace('\r\nowner', '\nowner');
        const root = folder({ 'mixed.mplan': mixed, 'cr.mplan': FORMATTED.replace(/\n/g, '\r') });
        const result = mplan(['format', '--check', '.'], { cwd: root });
        expect(result.stdout).toBe('cr.mplan: not formatted\nmixed.mplan: not formatted\n');
        expect(result.status).toBe(1);
        expect(text(root, 'mixed.mplan')).toBe(mixed);
    });

    test('a UTF-8 byte-order mark is kept, with LF or CRLF', () => {
        const root = folder({ 'lf.mplan': '\uFEFF' + UNFORMATTED, 'crlf.mplan': '\uFEFF' + crlf(UNFORMATTED), 'done.mplan': '\uFEFF' + FORMATTED });
        const result = mplan(['format', '.'], { cwd: root });
        expect(result.stdout).toBe('formatted crlf.mplan\nformatted lf.mplan\n');
        expect(result.status).toBe(0);
        expect(readFileSync(path.join(root, 'lf.mplan'), 'utf8')).toBe('\uFEFF' + FORMATTED);
        expect(readFileSync(path.join(root, 'crlf.mplan'), 'utf8')).toBe('\uFEFF' + crlf(FORMATTED));
        expect(readFileSync(path.join(root, 'done.mplan'), 'utf8')).toBe('\uFEFF' + FORMATTED);
        expect(mplan(['format', '--check', '.'], { cwd: root }).status).toBe(0);
    });
});

describe('links and permissions', () => {
    test('a symbolic link stays a link; the file it points to is formatted in place, its mode kept', () => {
        const root = folder({ 'shared/real.mplan': UNFORMATTED, 'plan/.keep': '' });
        chmodSync(path.join(root, 'shared/real.mplan'), 0o640);
        symlinkSync('../shared/real.mplan', path.join(root, 'plan/a.mplan'));
        const result = mplan(['format', 'plan/a.mplan'], { cwd: root });
        expect(result.stdout).toBe('formatted plan/a.mplan\n');
        expect(result.status).toBe(0);
        expect(lstatSync(path.join(root, 'plan/a.mplan')).isSymbolicLink()).toBe(true);
        expect(readlinkSync(path.join(root, 'plan/a.mplan'))).toBe('../shared/real.mplan');
        expect(text(root, 'shared/real.mplan')).toBe(FORMATTED);
        expect(mode(root, 'shared/real.mplan')).toBe(0o640);
        expect(temporaries(root)).toEqual([]);
    });

    test('a file keeps its mode', () => {
        const root = folder({ 'private.mplan': UNFORMATTED, 'shared.mplan': UNFORMATTED.replace('owner A', 'owner B') });
        chmodSync(path.join(root, 'private.mplan'), 0o600);
        chmodSync(path.join(root, 'shared.mplan'), 0o664);
        expect(mplan(['format', '.'], { cwd: root }).status).toBe(0);
        expect(text(root, 'private.mplan')).toBe(FORMATTED);
        expect(mode(root, 'private.mplan')).toBe(0o600);
        expect(mode(root, 'shared.mplan')).toBe(0o664);
    });

    test('a read-only file is reported and left alone (exit 2); the others are formatted', () => {
        const root = folder({ 'locked.mplan': UNFORMATTED, 'open.mplan': UNFORMATTED.replace('owner A', 'owner B') });
        chmodSync(path.join(root, 'locked.mplan'), 0o444);
        const result = mplanAsUser(['format', '.'], root);
        expect(result.stderr).toMatch(/^mplan: cannot write locked\.mplan: .*permission denied/im);
        expect(result.stderr).not.toMatch(/\n\s+at /);
        expect(result.stdout).toBe('formatted open.mplan\n');
        expect(result.status).toBe(2);
        expect(text(root, 'locked.mplan')).toBe(UNFORMATTED);
        expect(mode(root, 'locked.mplan')).toBe(0o444);
        expect(text(root, 'open.mplan')).toBe(FORMATTED.replace('owner A', 'owner B'));
    });

    test('a file nobody may write (0444) is refused also for a user who could write it anyway (root)', () => {
        const root = folder({ 'locked.mplan': UNFORMATTED });
        chmodSync(path.join(root, 'locked.mplan'), 0o444);
        const result = mplan(['format', '.'], { cwd: root });
        expect(result.stderr).toMatch(/^mplan: cannot write locked\.mplan: .*read-only/im);
        expect(result.status).toBe(2);
        expect(text(root, 'locked.mplan')).toBe(UNFORMATTED);
    });

    test('in a read-only folder: `cannot write`, exit 2, the file unchanged, no stack trace', () => {
        const root = folder({ 'plan/a.mplan': UNFORMATTED });
        chmodSync(path.join(root, 'plan'), 0o555);
        const result = mplanAsUser(['format', 'plan'], root);
        expect(result.stderr).toMatch(/^mplan: cannot write plan\/a\.mplan: /m);
        expect(result.stderr).not.toMatch(/\n\s+at /);
        expect(result.stdout).toBe('');
        expect(result.status).toBe(2);
        expect(text(root, 'plan/a.mplan')).toBe(UNFORMATTED);
        expect(readdirSync(path.join(root, 'plan'))).toEqual(['a.mplan']);
    });

    test('a file that cannot be read: `cannot read`, exit 2, with and without --check', () => {
        const root = folder({ 'a.mplan': FORMATTED, 'secret.mplan': UNFORMATTED });
        chmodSync(path.join(root, 'secret.mplan'), 0o000);
        for (const args of [['format', '.'], ['format', '--check', '.']]) {
            const result = mplanAsUser(args, root);
            expect(result.stderr, args.join(' ')).toMatch(/^mplan: cannot read secret\.mplan: .*permission denied/im);
            expect(result.stdout).not.toContain('already formatted');
            expect(result.status, args.join(' ')).toBe(2);
        }
        chmodSync(path.join(root, 'secret.mplan'), 0o644);
        expect(text(root, 'secret.mplan')).toBe(UNFORMATTED);
    });
});

