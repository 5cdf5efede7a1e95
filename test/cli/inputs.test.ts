import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { MAX_CHECK_DIAGNOSTICS } from '../../src/language/document-validator.js';
import { MINIMAL_PLAN, projectPath } from '../helpers.js';
import { mplan } from './run.js';

// Which files a command reads and writes, whatever the paths, the folders around them and the cache
// location it is given; and what it does with a reader that stops reading.

const temp = mkdtempSync(path.join(tmpdir(), 'mplan-inputs-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

let folders = 0;
/** A new folder with the given files (paths relative to it). */
function folder(files: Record<string, string> = {}): string {
    const dir = path.join(temp, `case-${++folders}`);
    mkdirSync(dir, { recursive: true });
    for (const [file, text] of Object.entries(files)) {
        mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        writeFileSync(path.join(dir, file), text);
    }
    return dir;
}

const MASTERPLAN = MINIMAL_PLAN['/plan/masterplan.mplan'];
const PILLARS = MINIMAL_PLAN['/plan/pillars.mplan'];
const STRAY_OWNER = 'owner   Stray "Stray"   kind agency\n';
const OUTER_OWNER = 'owner   Outer "Outer"   kind agency\n';

describe('the files a run reads', () => {
    test('a repository given as the path: nothing above it is read, or formatted', () => {
        const outer = folder({ 'masterplan.mplan': MASTERPLAN, 'secret/owners.mplan': OUTER_OWNER, 'repo/loose/snippet.mplan': STRAY_OWNER });
        const repo = path.join(outer, 'repo');
        mkdirSync(path.join(repo, '.git'));
        const validate = mplan(['validate', '--format', 'json'], { cwd: repo });
        const report = JSON.parse(validate.stdout);
        expect(report.diagnostics.map((d: { file: string }) => d.file)).toEqual(['loose/snippet.mplan', 'loose/snippet.mplan']);
        expect(report.summary.files).toBe(1);
        const format = mplan(['format'], { cwd: repo });
        expect(format.stdout).toBe('formatted loose/snippet.mplan\n');
        expect(readFileSync(path.join(outer, 'secret', 'owners.mplan'), 'utf8')).toBe(OUTER_OWNER);
    });

    test('outside any repository, a run never looks above the folder it was started in', () => {
        const outer = folder({ 'masterplan.mplan': MASTERPLAN, 'secret/owners.mplan': OUTER_OWNER, 'work/loose.mplan': STRAY_OWNER });
        const result = mplan(['validate', '--format', 'json'], { cwd: path.join(outer, 'work') });
        expect(JSON.parse(result.stdout).summary.files).toBe(1);
    });

    test('outside any repository and outside the current folder, a path is checked without looking above it', () => {
        const outer = folder({ 'masterplan.mplan': MASTERPLAN, 'secret/owners.mplan': OUTER_OWNER, 'work/loose.mplan': STRAY_OWNER });
        const elsewhere = folder();
        const result = mplan(['validate', path.join(outer, 'work'), '--format', 'json'], { cwd: elsewhere });
        expect(JSON.parse(result.stdout).summary.files).toBe(1);
    });

    test('a path reached through a symbolic link finds its plan as the same path without the link does', () => {
        const dir = folder();
        cpSync(projectPath('examples', 'tabalong'), path.join(dir, 'real', 'plan'), { recursive: true });
        symlinkSync('real', path.join(dir, 'link'));
        const inLink = path.join(dir, 'link');
        for (const target of [path.join(inLink, 'plan', 'pillars'), path.join(inLink, 'plan', 'pillars', 'living.mplan')]) {
            const result = mplan(['validate', target], { cwd: inLink });
            expect(result.stdout, target).toBe('0 errors, 0 warnings in 11 files (1 plan)\n');
        }
    });

    test('inside a repository, a folder of a plan brings the plan along from above, up to the repository', () => {
        const repo = folder({ 'plan/masterplan.mplan': MASTERPLAN, 'plan/pillars/pillars.mplan': PILLARS });
        mkdirSync(path.join(repo, '.git'));
        const result = mplan(['validate', '.', '--format', 'json'], { cwd: path.join(repo, 'plan', 'pillars') });
        const report = JSON.parse(result.stdout);
        expect(report.summary.files).toBe(2);
        expect(report.plans.map((p: { name: string }) => p.name)).toEqual(['Contoh']);
    });

    test('a single file in the folder of its masterplan is checked with its whole plan', () => {
        const result = mplan(['validate', 'examples/tabalong/owners.mplan']);
        expect(result.stdout).toBe('0 errors, 0 warnings in 11 files (1 plan)\n');
        expect(result.status).toBe(0);
    });

    test('format rewrites only the files it was given, not the rest of their plan', () => {
        const plan = folder({ 'masterplan.mplan': MASTERPLAN, 'owners.mplan': STRAY_OWNER, 'pillars/x.mplan': STRAY_OWNER });
        const result = mplan(['format', 'pillars/x.mplan'], { cwd: plan });
        expect(result.stdout).toBe('formatted pillars/x.mplan\n');
        expect(readFileSync(path.join(plan, 'owners.mplan'), 'utf8')).toBe(STRAY_OWNER);
    });

    test('plan files in folders named out or dist belong to the plan; node_modules and hidden folders do not', () => {
        const plan = folder({
            'masterplan.mplan': MASTERPLAN, 'out/pillars.mplan': PILLARS, 'dist/owners.mplan': STRAY_OWNER,
            'node_modules/x/owners.mplan': OUTER_OWNER, '.hidden/owners.mplan': OUTER_OWNER,
        });
        const report = JSON.parse(mplan(['validate', plan, '--format', 'json']).stdout);
        expect(report.summary.files).toBe(3);
    });

    test('a masterplan declared after a long header is still found', () => {
        const header = `// ${'x'.repeat(100)}\n`.repeat(800); // 83 KB
        const plan = folder({ 'masterplan.mplan': header + MASTERPLAN, 'pillars/pillars.mplan': PILLARS });
        const result = mplan(['validate', 'pillars', '--format', 'json'], { cwd: plan });
        const report = JSON.parse(result.stdout);
        expect(report.plans).toHaveLength(1);
        expect(report.summary.files).toBe(2);
    });

    test('a pipe named like a plan file, given by path, is refused at once instead of read forever', () => {
        const dir = folder();
        const fifo = path.join(dir, 'a.mplan');
        expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
        const started = Date.now();
        const result = mplan(['validate', fifo]);
        expect(Date.now() - started).toBeLessThan(15_000);
        expect(result.status).toBe(2);
        expect(result.stderr).toContain('not a regular file');
    });

    test('a folder that cannot be listed is an error, not a smaller plan', () => {
        const plan = folder({ 'masterplan.mplan': MASTERPLAN, 'pillars/pillars.mplan': PILLARS });
        // Permissions do not hold for root: the run then drops its privileges (setpriv) to an ordinary user.
        const asUser = process.getuid?.() === 0 ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] : [];
        if (asUser.length > 0 && spawnSync('setpriv', ['--version']).status !== 0) return; // no way to be an ordinary user here
        spawnSync('chmod', ['-R', 'a+rX', temp]);
        spawnSync('chmod', ['000', path.join(plan, 'pillars')]);
        try {
            const command = [...asUser, process.execPath, projectPath('bin', 'mplan.js'), 'validate', plan];
            const result = spawnSync(command[0], command.slice(1), { encoding: 'utf8', cwd: tmpdir() });
            expect(result.stderr).toContain(`mplan: cannot read ${path.join(plan, 'pillars')}`);
            expect(result.status).toBe(2);
        } finally {
            spawnSync('chmod', ['755', path.join(plan, 'pillars')]);
        }
    });
});

describe('the cache file', () => {
    const copy = () => {
        const dir = folder();
        cpSync(projectPath('examples', 'tabalong'), path.join(dir, 'plan'), { recursive: true });
        return dir;
    };

    test('a plan file, or any file that is not a cache, is never overwritten', () => {
        const dir = copy();
        const owners = path.join(dir, 'plan', 'owners.mplan');
        const before = readFileSync(owners, 'utf8');
        writeFileSync(path.join(dir, 'notes.txt'), 'my notes\n');
        for (const target of [owners, path.join(dir, 'notes.txt')]) {
            const result = mplan(['validate', 'plan', '--cache-location', target], { cwd: dir });
            expect(result.status).toBe(2);
            expect(result.stderr).toMatch(/it is (not a validation cache|a plan file)/);
        }
        expect(readFileSync(owners, 'utf8')).toBe(before);
        expect(readFileSync(path.join(dir, 'notes.txt'), 'utf8')).toBe('my notes\n');
        expect(mplan(['validate', 'plan', '--cache-location', dir], { cwd: dir }).stderr).toContain('it is a folder');
        expect(mplan(['validate', 'plan', '--cache-location', ''], { cwd: dir }).status).toBe(2);
    });

    test('a cache file written by an earlier run is used, and an empty file may become one', () => {
        const dir = copy();
        writeFileSync(path.join(dir, 'cache.json'), '');
        expect(mplan(['validate', 'plan', '--cache-location', 'cache.json'], { cwd: dir }).status).toBe(0);
        expect(readFileSync(path.join(dir, 'cache.json'), 'utf8')).toMatch(/^\{"version":1,/);
        expect(mplan(['validate', 'plan', '--cache-location', 'cache.json'], { cwd: dir }).stdout).toBe('0 errors, 0 warnings in 11 files (1 plan)\n');
    });

    test('entries of the wrong shape are checked again instead of crashing the run', () => {
        const dir = copy();
        mplan(['validate', 'plan', '--cache-location', 'cache.json'], { cwd: dir });
        const good = JSON.parse(readFileSync(path.join(dir, 'cache.json'), 'utf8'));
        const [root] = Object.keys(good.plans);
        for (const plans of [null, [], { [root]: { ...good.plans[root], diagnostics: null } }, { [root]: { ...good.plans[root], diagnostics: [1, 2] } }, { [root]: { ...good.plans[root], files: 'many' } }]) {
            writeFileSync(path.join(dir, 'cache.json'), JSON.stringify({ version: 1, plans }));
            const result = mplan(['validate', 'plan', '--cache-location', 'cache.json'], { cwd: dir });
            expect(result.stderr, JSON.stringify(plans)).toBe('');
            expect(result.stdout).toBe('0 errors, 0 warnings in 11 files (1 plan)\n');
        }
    });

    test('a cache that cannot be written: the report, a message, exit 2', () => {
        const dir = copy();
        // The cache's folder is a file.
        writeFileSync(path.join(dir, 'afile'), '');
        const result = mplan(['validate', 'plan', '--cache-location', 'afile/cache.json'], { cwd: dir });
        expect(result.status).toBe(2);
        expect(result.stderr).toMatch(/^mplan: .*afile\/cache\.json/);
        expect(result.stderr).not.toContain('    at ');
    });
});

describe('what a run reports and writes', () => {
    test('a file with more problems than are shown still counts them all, and --max-warnings sees them', () => {
        let text = MASTERPLAN;
        for (let i = 0; i < MAX_CHECK_DIAGNOSTICS + 500; i++) text += `owner O${i} "Owner ${i}" kind agency\n`;
        const dir = folder({ 'plan/masterplan.mplan': text });
        const json = mplan(['validate', 'plan', '--format', 'json'], { cwd: dir });
        const report = JSON.parse(json.stdout);
        expect(report.summary.warnings).toBeGreaterThanOrEqual(MAX_CHECK_DIAGNOSTICS + 500); // every owner added is unused
        expect(report.diagnostics.length).toBeLessThan(report.summary.warnings);
        const cached = () => mplan(['validate', 'plan', '--max-warnings', String(MAX_CHECK_DIAGNOSTICS + 100), '--cache-location', 'c.json'], { cwd: dir });
        for (const result of [cached(), cached()]) {
            expect(result.status).toBe(1);
            expect(result.stdout).toContain(`${report.summary.warnings} warnings`);
        }
    });

    test('SARIF file locations are URI references with #, ? and % escaped', () => {
        const dir = folder({ 'plan #1/m?a%b.mplan': STRAY_OWNER });
        const sarif = JSON.parse(mplan(['validate', '.', '--format', 'sarif'], { cwd: dir }).stdout);
        const uris = sarif.runs[0].results.map((r: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) => r.locations[0].physicalLocation.artifactLocation.uri);
        expect(new Set(uris)).toEqual(new Set(['plan%20%231/m%3Fa%25b.mplan']));
    });

    test('books are never written into a plan\'s folder through a symbolic link to it, nor into an empty --out', () => {
        const dir = folder();
        cpSync(projectPath('examples', 'tabalong'), path.join(dir, 'plan'), { recursive: true });
        symlinkSync('plan', path.join(dir, 'link'));
        const files = () => spawnSync('find', ['.'], { cwd: dir, encoding: 'utf8' }).stdout;
        const before = files();
        for (const args of [['plan', '--out', 'link'], ['link', '--out', 'plan'], ['plan', '--out', '']]) {
            const result = mplan(['generate', ...args, '--format', 'md'], { cwd: dir });
            expect(result.status, args.join(' ')).toBe(2);
        }
        expect(files()).toBe(before);
    });

    test('more workers than cores asked for: one per core', () => {
        const result = mplan(['validate', 'examples', '--workers', '1000', '--format', 'json']);
        expect(JSON.parse(result.stdout).summary.plans).toBeGreaterThan(1);
    });

    test('a reader that stops reading: no stack trace, and generate still writes every book', async () => {
        const run = (args: string[]) => new Promise<{ status: number | null; stderr: string }>(resolve => {
            const child = spawn(process.execPath, [projectPath('bin', 'mplan.js'), ...args], { cwd: projectPath(), stdio: ['ignore', 'pipe', 'pipe'] });
            let stderr = '';
            child.stderr.on('data', chunk => { stderr += chunk; });
            child.stdout.once('data', () => child.stdout.destroy()); // `| head -c 1`
            child.on('close', status => resolve({ status, stderr }));
        });
        const validate = await run(['validate', 'examples/broken', '--format', 'json']);
        expect(validate.stderr).toBe('');
        expect(validate.status).toBe(1);
        const out = folder();
        const generate = await run(['generate', 'examples/tabalong', '--format', 'md,html', '--lang', 'all', '--out', out]);
        expect(generate.stderr).toBe('');
        expect(generate.status).toBe(0);
        expect(spawnSync('ls', [out], { encoding: 'utf8' }).stdout.trim().split('\n')).toHaveLength(12);
    });
});
