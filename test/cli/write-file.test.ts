import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { writeFileAtomic } from '../../src/cli/write-file.js';
import { mplan } from './run.js';

// writeFileAtomic writes what `format`, `generate`, `init` and the validation cache write: like
// fs.writeFile it goes through symbolic links and keeps the file's mode, but atomically.

const temp = mkdtempSync(path.join(tmpdir(), 'mplan-write-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

let folders = 0;
function folder(): string {
    const root = path.join(temp, `case-${++folders}`);
    mkdirSync(path.join(root, '.git'), { recursive: true });
    return root;
}

const mode = (file: string) => statSync(file).mode & 0o7777;
const temporaries = (root: string) => readdirSync(root, { recursive: true }).map(String).filter(name => name.endsWith('.tmp'));

describe('writeFileAtomic', () => {
    test('writes through a chain of symbolic links, relative and absolute; the links stay', async () => {
        const root = folder();
        mkdirSync(path.join(root, 'real'));
        mkdirSync(path.join(root, 'links'));
        writeFileSync(path.join(root, 'real', 'file.txt'), 'old');
        symlinkSync(path.join(root, 'real', 'file.txt'), path.join(root, 'links', 'absolute'));
        symlinkSync('absolute', path.join(root, 'links', 'relative'));
        // A leftover of a killed run beside the real file is cleared; none is left beside the link.
        writeFileSync(path.join(root, 'real', '.file.txt.999999999.0badc0de.tmp'), 'torn');
        await writeFileAtomic(path.join(root, 'links', 'relative'), 'new');
        expect(readlinkSync(path.join(root, 'links', 'relative'))).toBe('absolute');
        expect(readlinkSync(path.join(root, 'links', 'absolute'))).toBe(path.join(root, 'real', 'file.txt'));
        expect(readFileSync(path.join(root, 'real', 'file.txt'), 'utf8')).toBe('new');
        expect(temporaries(root)).toEqual([]);
    });

    test('a link to a file not there yet: the file is created where the link points', async () => {
        const root = folder();
        symlinkSync('target.txt', path.join(root, 'link.txt'));
        await writeFileAtomic(path.join(root, 'link.txt'), 'content');
        expect(lstatSync(path.join(root, 'link.txt')).isSymbolicLink()).toBe(true);
        expect(readFileSync(path.join(root, 'target.txt'), 'utf8')).toBe('content');
    });

    test('a replaced file keeps its mode; a new one gets 0666 less the umask', async () => {
        const root = folder();
        for (const [name, bits] of [['private', 0o600], ['script', 0o755], ['locked', 0o444], ['group', 0o664]] as const) {
            writeFileSync(path.join(root, name), 'old');
            chmodSync(path.join(root, name), bits);
            await writeFileAtomic(path.join(root, name), 'new');
            expect(mode(path.join(root, name)), name).toBe(bits);
            expect(readFileSync(path.join(root, name), 'utf8')).toBe('new');
        }
        const umask = process.umask();
        await writeFileAtomic(path.join(root, 'fresh'), 'new');
        expect(mode(path.join(root, 'fresh'))).toBe(0o666 & ~umask);
    });

    test('a loop of links is an error, and nothing is written', async () => {
        const root = folder();
        symlinkSync('b', path.join(root, 'a'));
        symlinkSync('a', path.join(root, 'b'));
        await expect(writeFileAtomic(path.join(root, 'a'), 'x')).rejects.toThrow(/ELOOP/);
        expect(readdirSync(root).sort()).toEqual(['.git', 'a', 'b']);
    });
});

describe('commands writing through links', () => {
    const PLAN = 'masterplan D "Kota" {\n    region "R"\n}\n';

    test('generate replaces the file a book link points to, keeping the link and the mode', () => {
        const root = folder();
        mkdirSync(path.join(root, 'plan'));
        writeFileSync(path.join(root, 'plan', 'masterplan.mplan'), PLAN);
        mkdirSync(path.join(root, 'books'));
        mkdirSync(path.join(root, 'site'));
        writeFileSync(path.join(root, 'site', 'book.html'), 'old');
        chmodSync(path.join(root, 'site', 'book.html'), 0o640);
        symlinkSync('../site/book.html', path.join(root, 'books', 'D-book2-id.html'));
        const result = mplan(['generate', 'plan', '--book', '2', '--out', 'books'], { cwd: root });
        expect(result.stderr).toBe('');
        expect(result.status).toBe(0);
        expect(readlinkSync(path.join(root, 'books', 'D-book2-id.html'))).toBe('../site/book.html');
        expect(readFileSync(path.join(root, 'site', 'book.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/i);
        expect(mode(path.join(root, 'site', 'book.html'))).toBe(0o640);
        expect(temporaries(root)).toEqual([]);
    });

    test('validate --cache-location writes through a link', () => {
        const root = folder();
        writeFileSync(path.join(root, 'masterplan.mplan'), PLAN);
        mkdirSync(path.join(root, 'cache'));
        symlinkSync('cache/mplan.json', path.join(root, '.mplan-cache'));
        expect(mplan(['validate', '--cache', '.'], { cwd: root }).status).toBe(0);
        expect(lstatSync(path.join(root, '.mplan-cache')).isSymbolicLink()).toBe(true);
        expect(JSON.parse(readFileSync(path.join(root, 'cache', 'mplan.json'), 'utf8')).version).toBe(1);
    });
});
