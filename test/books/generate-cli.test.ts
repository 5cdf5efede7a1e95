import { spawnSync, execSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PROJECT_ROOT, projectPath } from '../helpers.js';

/** Runs `mplan` as a user would, from the project folder. */
function mplan(...args: string[]) {
    const result = spawnSync(process.execPath, [projectPath('bin', 'mplan.js'), ...args], { cwd: PROJECT_ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const scratch: string[] = [];
function tempDir(): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'mplan-books-'));
    scratch.push(dir);
    return dir;
}

beforeAll(() => {
    // build when the bundle is missing, or older than the `generate` command
    const bundle = projectPath('out', 'cli', 'main.js');
    if (!existsSync(bundle) || !readFileSync(bundle, 'utf8').includes('command("generate")')) {
        execSync('npm run build', { cwd: PROJECT_ROOT, stdio: 'ignore' });
    }
}, 180_000);

afterAll(() => {
    for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

describe('mplan generate', () => {
    test('writes the three books of the example as Markdown, and says what it wrote', () => {
        const out = tempDir();
        const run = mplan('generate', 'examples/tabalong', '--format', 'md', '--out', out);
        expect(run.stderr).toBe('');
        expect(run.status).toBe(0);
        const names = ['Tabalong-book1-id.md', 'Tabalong-book2-id.md', 'Tabalong-book3-id.md'];
        expect(readdirSync(out).sort()).toEqual(names);
        expect(run.stdout.trim().split('\n')).toEqual(names.map(name => `wrote ${path.join(out, name)}`));
        expect(readFileSync(path.join(out, names[1]), 'utf8')).toMatch(/^# Buku II: Masterplan Smart City\n/);
        expect(readFileSync(path.join(out, names[2]), 'utf8')).toContain('Rp 115,23 miliar');
    });

    test('is deterministic: two runs give byte-identical files', () => {
        const first = tempDir();
        const second = tempDir();
        expect(mplan('generate', 'examples/tabalong', '--format', 'md', '--out', first).status).toBe(0);
        expect(mplan('generate', 'examples/tabalong', '--format', 'md', '--out', second).status).toBe(0);
        // and once more over the first run's files
        expect(mplan('generate', 'examples/tabalong', '--format', 'md', '--out', first).status).toBe(0);
        for (const name of readdirSync(first)) {
            expect(readFileSync(path.join(second, name)).equals(readFileSync(path.join(first, name))), name).toBe(true);
        }
        // no temporary files are left behind
        expect(readdirSync(first).filter(name => name.startsWith('.'))).toEqual([]);
    });

    test('--book, --lang and --format json select one English outline', () => {
        const out = tempDir();
        const run = mplan('generate', 'examples/tabalong', '--book', '2', '--lang', 'en', '--format', 'json', '--out', out);
        expect(run.status).toBe(0);
        expect(readdirSync(out)).toEqual(['Tabalong-book2-en.json']);
        const book = JSON.parse(readFileSync(path.join(out, 'Tabalong-book2-en.json'), 'utf8'));
        expect(book.book).toBe(2);
        expect(book.language).toBe('en');
        expect(book.title).toBe('Book II: Smart City Masterplan');
    });

    test('refuses a plan with errors (exit 1, diagnostics printed) unless --force', () => {
        const out = tempDir();
        const refused = mplan('generate', 'examples/broken/invalid-money', '--format', 'md', '--out', out);
        expect(refused.status).toBe(1);
        expect(refused.stderr).toContain('examples/broken/invalid-money/masterplan.mplan:');
        expect(refused.stderr).toContain('invalid-money');
        expect(refused.stderr).toContain('--force');
        expect(refused.stdout).toBe('');
        expect(readdirSync(out)).toEqual([]);

        const forced = mplan('generate', 'examples/broken/invalid-money', '--format', 'md', '--out', out, '--force');
        expect(forced.status).toBe(0);
        expect(readdirSync(out).sort()).toEqual(['Contoh-book1-id.md', 'Contoh-book2-id.md', 'Contoh-book3-id.md']);
    });

    test('refuses to write into a folder that holds the plan\'s sources (exit 2), and writes nothing there', () => {
        const before = readdirSync(projectPath('examples', 'tabalong')).sort();
        const run = mplan('generate', 'examples/tabalong', '--format', 'md', '--out', 'examples/tabalong');
        expect(run.status).toBe(2);
        expect(run.stderr).toContain('refusing to write books into examples/tabalong');
        expect(readdirSync(projectPath('examples', 'tabalong')).sort()).toEqual(before);

        const pillars = mplan('generate', 'examples/tabalong', '--format', 'md', '--out', 'examples/tabalong/pillars');
        expect(pillars.status).toBe(2);
    });

    test('a folder below the plan that holds no sources is fine', () => {
        const name = `books-test-${process.pid}`;
        const out = projectPath('examples', 'tabalong', name);
        try {
            const run = mplan('generate', 'examples/tabalong', '--book', '3', '--format', 'md', '--out', `examples/tabalong/${name}`);
            expect(run.status).toBe(0);
            expect(run.stdout).toBe(`wrote examples/tabalong/${name}/Tabalong-book3-id.md\n`);
        } finally {
            rmSync(out, { recursive: true, force: true });
        }
    });

    test('several formats and languages in one run: every combination, each file as a run of its own writes it', () => {
        const out = tempDir();
        const run = mplan('generate', 'examples/tabalong', '--format', 'md, html,docx', '--lang', 'all', '--out', out);
        expect(run.stderr).toBe('');
        expect(run.status).toBe(0);
        const expected = [1, 2, 3].flatMap(n => ['id', 'en'].flatMap(lang => ['md', 'html', 'docx'].map(ext => `Tabalong-book${n}-${lang}.${ext}`))).sort();
        expect(readdirSync(out).sort()).toEqual(expected);
        const single = tempDir();
        expect(mplan('generate', 'examples/tabalong', '--format', 'docx', '--lang', 'en', '--book', '2', '--out', single).status).toBe(0);
        expect(readFileSync(path.join(out, 'Tabalong-book2-en.docx')).equals(readFileSync(path.join(single, 'Tabalong-book2-en.docx')))).toBe(true);
        const all = tempDir();
        expect(mplan('generate', 'examples/tabalong', '--format', 'all', '--book', '3', '--out', all).status).toBe(0);
        expect(readdirSync(all).sort()).toEqual(['Tabalong-book3-id.docx', 'Tabalong-book3-id.html', 'Tabalong-book3-id.json', 'Tabalong-book3-id.md']);
    });

    test('usage problems exit 2', () => {
        expect(mplan('generate', 'no/such/folder', '--out', tempDir()).status).toBe(2);
        expect(mplan('generate', 'examples/tabalong', '--format', 'pdf', '--out', tempDir()).status).toBe(2);
        expect(mplan('generate', 'examples/tabalong', '--format', 'html,pdf', '--out', tempDir()).status).toBe(2);
        expect(mplan('generate', 'examples/tabalong', '--format', ',', '--out', tempDir()).status).toBe(2);
        expect(mplan('generate', 'examples/tabalong', '--lang', 'fr', '--out', tempDir()).status).toBe(2);
        expect(mplan('generate', 'examples/tabalong', '--book', '4', '--out', tempDir()).status).toBe(2);
    });
});
