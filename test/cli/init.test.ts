import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, test } from 'vitest';
import { newPlanFiles, planNameProblem, regionProblem } from '../../src/language/new-plan.js';
import type { Document, Masterplan } from '../../src/language/generated/ast.js';
import { projectPath, validateFiles } from '../helpers.js';
import { mplan, type RunResult } from './run.js';

const temp = mkdtempSync(path.join(tmpdir(), 'mplan-init-'));
afterAll(() => {
    // A read-only folder of a test must become writable again to be removed.
    for (const dir of readOnly) chmodSync(dir, 0o755);
    rmSync(temp, { recursive: true, force: true });
});
const readOnly: string[] = [];
let count = 0;

/** A new, empty folder for one test. */
function fresh(): string {
    const dir = path.join(temp, `case${++count}`);
    mkdirSync(dir);
    return dir;
}

/** Every entry below `dir` (not following symbolic links), with its kind: what a run changed. */
function tree(dir: string): string[] {
    if (!existsSync(dir) && !isLink(dir)) return [];
    const out: string[] = [];
    const walk = (current: string, prefix: string): void => {
        for (const name of readdirSync(current).sort()) {
            const full = path.join(current, name);
            const stat = lstatSync(full);
            const kind = stat.isSymbolicLink() ? 'link' : stat.isDirectory() ? 'dir' : 'file';
            out.push(`${prefix}${name} ${kind}`);
            if (kind === 'dir') walk(full, `${prefix}${name}/`);
        }
    };
    walk(dir, '');
    return out;
}

function isLink(file: string): boolean {
    try {
        return lstatSync(file).isSymbolicLink();
    } catch {
        return false;
    }
}

/** A refusal: exit 2, one `mplan:` message and no stack trace, nothing on standard output. */
function expectRefused(result: RunResult, message: RegExp | string): void {
    expect(result.stderr).toMatch(/^mplan: /);
    expect(result.stderr).not.toMatch(/\n\s+at |Error:|node:internal/);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
    expect(result.status).toBe(2);
}

/** `mplan validate` on a folder: exit 0 and no diagnostics at all; returns the JSON report. */
function expectClean(dir: string): { plans: Array<{ name: string; title: string }> } {
    const result = mplan(['validate', dir, '--format', 'json']);
    const report = JSON.parse(result.stdout);
    expect(report.diagnostics).toEqual([]);
    expect(result.status).toBe(0);
    return report;
}

describe('mplan init: the target folder is checked before anything is written', () => {
    test('a file where the plan needs a folder (pillars): refused, nothing written', () => {
        const dir = fresh();
        writeFileSync(path.join(dir, 'pillars'), '');
        const before = tree(dir);
        expectRefused(mplan(['init', dir]), /pillars/);
        expect(tree(dir)).toEqual(before);
    });

    test('a folder where the plan writes a file (owners.mplan/): refused, nothing written', () => {
        const dir = fresh();
        mkdirSync(path.join(dir, 'owners.mplan'));
        const before = tree(dir);
        expectRefused(mplan(['init', dir]), /owners\.mplan/);
        expect(tree(dir)).toEqual(before);
    });

    test('a target that is a file: refused, the file untouched', () => {
        const file = path.join(fresh(), 'afile');
        writeFileSync(file, 'keep');
        expectRefused(mplan(['init', file]), /not a folder/);
        expect(readFileSync(file, 'utf8')).toBe('keep');
    });

    test('a target below a file: refused, nothing written', () => {
        const dir = fresh();
        writeFileSync(path.join(dir, 'afile'), 'keep');
        const before = tree(dir);
        expectRefused(mplan(['init', path.join(dir, 'afile', 'plan')]), /afile/);
        expect(tree(dir)).toEqual(before);
    });

    test('a dangling symbolic link named pillars: refused, nothing written', () => {
        const dir = fresh();
        symlinkSync(path.join(dir, 'nowhere'), path.join(dir, 'pillars'));
        const before = tree(dir);
        expectRefused(mplan(['init', dir]), /pillars/);
        expect(tree(dir)).toEqual(before);
        expect(existsSync(path.join(dir, 'nowhere'))).toBe(false);
    });

    test('a dangling symbolic link as the target: refused, nothing written', () => {
        const dir = fresh();
        symlinkSync(path.join(dir, 'nowhere'), path.join(dir, 'plan'));
        const before = tree(dir);
        expectRefused(mplan(['init', path.join(dir, 'plan')]), /plan/);
        expect(tree(dir)).toEqual(before);
    });

    test.skipIf(process.platform === 'win32')('a read-only target folder: refused, nothing written', () => {
        const dir = fresh();
        chmodSync(dir, 0o555);
        readOnly.push(dir);
        // Root may write anywhere: then the run is made as `nobody`, for whom the folder is read-only.
        const asRoot = process.getuid?.() === 0;
        if (asRoot) chmodSync(temp, 0o755);
        const result = asRoot
            ? spawnSync(process.execPath, [projectPath('bin', 'mplan.js'), 'init', dir], { encoding: 'utf8', uid: 65534, gid: 65534, cwd: tmpdir(), timeout: 120_000 })
            : mplan(['init', dir]);
        expectRefused({ status: result.status, stdout: result.stdout, stderr: result.stderr }, /writ/);
        expect(tree(dir)).toEqual([]);
    });

    test('a new folder several levels deep, and a folder holding other files, are fine', () => {
        const deep = path.join(fresh(), 'a', 'b', 'plan');
        expect(mplan(['init', deep]).status).toBe(0);
        expectClean(deep);
        const dir = fresh();
        writeFileSync(path.join(dir, 'README.md'), 'notes');
        mkdirSync(path.join(dir, 'pillars'));
        writeFileSync(path.join(dir, 'pillars', 'notes.txt'), 'notes');
        expect(mplan(['init', dir]).status).toBe(0);
        expectClean(dir);
    });

    test('a write that fails half-way: an mplan: message, exit 2, and the files of the run removed again', () => {
        const dir = fresh();
        writeFileSync(path.join(dir, 'README.md'), 'notes');
        const before = tree(dir);
        const hook = pathToFileURL(projectPath('test', 'cli', 'fail-write.mjs')).href;
        const result = mplan(['init', dir], { env: { NODE_OPTIONS: `--import=${hook}`, MPLAN_FAIL_WRITE: 'economy.mplan' } });
        expect(result.stderr).toMatch(/^mplan: .*economy\.mplan/);
        expect(result.stderr).not.toMatch(/\n\s+at |node:internal/);
        expect(result.status).toBe(2);
        expect(tree(dir)).toEqual(before);
    });
});

describe('mplan init: every option value gives a plan that validates clean, or is refused', () => {
    test.each([
        ['Kota "Q" Town'],
        ['Kabupaten A\\B'],
        ['Kota \\"Q\\"'],
        ['Kota \u201CQ\u201D'],
        ['Kota // not a comment /* nor this */'],
        ['Kota """Blok"""'],
        ['  Kabupaten Garut  '],
        ['Kabupaten Bireuën 🌴'],
    ])('region %j', region => {
        const dir = fresh();
        const init = mplan(['init', dir, '--region', region]);
        expect(init.stderr).toBe('');
        expect(init.status).toBe(0);
        const report = expectClean(dir);
        expect(report.plans[0].title).toBe(`Masterplan Smart City ${region.trim()}`);
    });

    // (A NUL cannot be passed as an argument at all; regionProblem refuses it, see below.)
    test.each([['A\nB'], ['A\rB'], ['A\tB'], ['A\u001bB'], ['A\u2028B'], [''], ['   ']])('region %j is refused, nothing written', region => {
        const dir = path.join(fresh(), 'plan');
        expectRefused(mplan(['init', dir, '--region', region]), /region/);
        expect(existsSync(dir)).toBe(false);
    });

    test.each([['0'], ['99999'], ['1945'], ['2092'], ['1899']])('--start %s is refused, nothing written', start => {
        const dir = path.join(fresh(), 'plan');
        expectRefused(mplan(['init', dir, '--start', start]), /--start/);
        expect(existsSync(dir)).toBe(false);
    });

    test.each([['1946'], ['2091']])('--start %s, the first and last accepted, validates clean', start => {
        const dir = fresh();
        expect(mplan(['init', dir, '--start', start]).status).toBe(0);
        expectClean(dir);
    });

    test.each([['masterplan'], ['pillar'], ['Rp'], ['IDR'], ['Diskominfo'], ['Governance'], ['Bimtek1'], ['RPJMD2026'], ['9lives'], ['kota-bandung']])(
        '--name %s is refused with a name that works', name => {
            const dir = path.join(fresh(), 'plan');
            const result = mplan(['init', dir, '--name', name, '--start', '2027']);
            expectRefused(result, /--name/);
            expect(existsSync(dir)).toBe(false);
            const suggested = /try --name (\w+)/.exec(result.stderr)?.[1];
            expect(suggested, result.stderr).toBeDefined();
            expect(mplan(['init', dir, '--name', suggested!, '--start', '2027']).status).toBe(0);
            expect(expectClean(dir).plans[0].name).toBe(suggested);
        });

    test.each([['governance'], ['bimtek1'], ['rp'], ['IDR']])('a default name from the folder %s that would clash is made unique', folder => {
        const dir = path.join(fresh(), folder);
        expect(mplan(['init', dir]).status).toBe(0);
        expectClean(dir);
    });

    test('every keyword and every name the new plan declares is refused as the plan name, or validates clean', async () => {
        const keywords = new Set([...readFileSync(projectPath('src', 'language', 'masterplan.langium'), 'utf8').matchAll(/'([A-Za-z_]\w*)'/g)].map(m => m[1]));
        expect(keywords.has('masterplan')).toBe(true);
        const startYear = 2027;
        const declared = new Set<string>();
        for (const file of newPlanFiles({ name: 'Contoh', region: 'Kabupaten Contoh', startYear })) {
            for (const m of file.text.matchAll(/^\s*(?:masterplan|owner|rpjmd|mission|goal|objective|program|pillar|programme|quickwin|aspect|workshop) (\w+)/gm)) declared.add(m[1]);
        }
        expect(declared.size).toBeGreaterThan(20);
        const accepted: string[] = [];
        for (const name of [...keywords, ...declared]) {
            if (planNameProblem(name, startYear)) continue;
            accepted.push(name);
            const files = Object.fromEntries(newPlanFiles({ name, region: 'Kabupaten Contoh', startYear }).map(f => [`/plan/${f.path}`, f.text]));
            const result = await validateFiles(files);
            expect(result.codes, name).toEqual([]);
        }
        for (const keyword of keywords) expect(accepted, keyword).not.toContain(keyword);
    });

    test('a region with a control character is refused, one with quotes and backslashes reads back as written', async () => {
        for (const region of ['A\u0000B', 'A\nB', 'A\u007fB', 'A\u0085B', '']) expect(regionProblem(region), JSON.stringify(region)).toBeDefined();
        for (const region of ['Kota "Q"', 'A\\B', 'A\\', '\\"', 'Kota \u201CQ\u201D', '"""', 'Kota ${x}']) {
            expect(regionProblem(region), region).toBeUndefined();
            const files = Object.fromEntries(newPlanFiles({ name: 'Contoh', region, startYear: 2027 }).map(f => [`/plan/${f.path}`, f.text]));
            const result = await validateFiles(files);
            expect(result.codes, region).toEqual([]);
            const masterplan = (result.documents.get('/plan/masterplan.mplan')!.parseResult.value as Document).elements[0] as Masterplan;
            expect(masterplan.region, region).toBe(region);
            expect(masterplan.title, region).toBe(`Masterplan Smart City ${region}`);
        }
    });
});

describe('mplan init: the closing hint', () => {
    test('quotes a path that needs it, so that the command can be pasted', () => {
        const dir = path.join(fresh(), 'my plan');
        const result = mplan(['init', dir]);
        expect(result.status).toBe(0);
        const hint = /Check it with: mplan validate (.*)$/m.exec(result.stdout)?.[1];
        expect(hint).toBe(process.platform === 'win32' ? `"${dir}"` : `'${dir}'`);
    });

    test('leaves a plain path as it is', () => {
        const result = mplan(['init', 'plain'], { cwd: fresh() });
        expect(result.status).toBe(0);
        expect(result.stdout).toMatch(/Check it with: mplan validate plain\n$/);
    });
});
