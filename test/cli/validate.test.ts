import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { DIAGNOSTIC_CODES } from '../../src/validation/codes.js';
import { projectPath } from '../helpers.js';
import { mplan } from './run.js';

const temp = mkdtempSync(path.join(tmpdir(), 'mplan-cli-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('mplan validate', () => {
    test('the Tabalong example is clean: exit 0 and only the summary line', () => {
        const result = mplan(['validate', 'examples/tabalong']);
        expect(result.status).toBe(0);
        expect(result.stdout).toBe('0 errors, 0 warnings in 11 files (1 plan)\n');
        expect(result.stderr).toBe('');
    });

    test('the broken examples: exit 1, every code present in JSON, sorted by file and line', () => {
        const result = mplan(['validate', 'examples/broken', '--format', 'json']);
        expect(result.status).toBe(1);
        const report = JSON.parse(result.stdout);
        expect(report.version).toBe(1);
        const codes = new Set(report.diagnostics.map((d: { code: string }) => d.code));
        for (const { code } of DIAGNOSTIC_CODES) expect(codes, code).toContain(code);
        const keys = report.diagnostics.map((d: { file: string; line: number; column: number }) => [d.file, d.line, d.column]);
        const sorted = [...keys].sort((a, b) => a[0].localeCompare(b[0]) || a[1] - b[1] || a[2] - b[2]);
        expect(keys).toEqual(sorted);
        const first = report.diagnostics[0];
        expect(Object.keys(first).sort()).toEqual(['code', 'column', 'endColumn', 'endLine', 'file', 'line', 'message', 'plan', 'severity']);
        expect(first.file).toMatch(/^examples\/broken\//);
        expect(first.line).toBeGreaterThanOrEqual(1);
        expect(first.column).toBeGreaterThanOrEqual(1);
        expect(Object.keys(report.summary).sort()).toEqual(['errors', 'files', 'hints', 'infos', 'plans', 'warnings']);
        expect(report.summary.errors).toBe(report.diagnostics.filter((d: { severity: string }) => d.severity === 'error').length);
        const plan = report.plans.find((p: { root: string }) => p.root === 'examples/broken/unresolved-reference');
        expect(Object.keys(plan).sort()).toEqual(['counts', 'files', 'name', 'root', 'title']);
        expect(Object.keys(plan.counts).sort()).toEqual(['objectives', 'owners', 'pillars', 'programmes', 'quickWins']);
    });

    test('text output: file:line:col severity code message, summary last, no colour when piped', () => {
        const result = mplan(['validate', 'examples/broken/invalid-money']);
        expect(result.status).toBe(1);
        const lines = result.stdout.trimEnd().split('\n');
        expect(lines[0]).toMatch(/^examples\/broken\/invalid-money\/masterplan\.mplan:\d+:\d+ error invalid-money `M` means miliar/);
        expect(lines.at(-1)).toBe('1 error, 0 warnings in 1 file (1 plan)');
        expect(result.stdout).not.toContain('\x1b[');
    });

    test('colour can be forced, and NO_COLOR always wins', () => {
        expect(mplan(['validate', 'examples/broken/invalid-money'], { env: { FORCE_COLOR: '1' } }).stdout).toContain('\x1b[');
        expect(mplan(['validate', 'examples/broken/invalid-money'], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } }).stdout).not.toContain('\x1b[');
    });

    test('--max-warnings turns warnings into a failure', () => {
        expect(mplan(['validate', 'examples/broken/unaligned']).status).toBe(0);
        expect(mplan(['validate', 'examples/broken/unaligned', '--max-warnings', '1']).status).toBe(0);
        const strict = mplan(['validate', 'examples/broken/unaligned', '--max-warnings', '0']);
        expect(strict.status).toBe(1);
        expect(strict.stderr).toContain('more than --max-warnings 0');
    });

    test('usage and I/O problems exit 2', () => {
        const missing = mplan(['validate', 'no/such/folder']);
        expect(missing.status).toBe(2);
        expect(missing.stderr).toContain('no such file or folder: no/such/folder');
        expect(mplan(['validate', '--format', 'xml', 'examples/tabalong']).status).toBe(2);
        expect(mplan(['validate', '--max-warnings', 'many']).status).toBe(2);
        expect(mplan(['validate', 'docs']).status).toBe(2);
    });

    test('sarif: 2.1.0 with one rule per code, results pointing at files and regions', () => {
        const result = mplan(['validate', 'examples/broken/dependency-cycle', '--format', 'sarif']);
        expect(result.status).toBe(1);
        const sarif = JSON.parse(result.stdout);
        expect(sarif.version).toBe('2.1.0');
        const run = sarif.runs[0];
        expect(run.tool.driver.name).toBe('mplan');
        expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(DIAGNOSTIC_CODES.map(c => c.code));
        expect(run.results).toHaveLength(3);
        for (const r of run.results) {
            expect(r.ruleId).toBe('dependency-cycle');
            expect(run.tool.driver.rules[r.ruleIndex].id).toBe('dependency-cycle');
            expect(r.level).toBe('error');
            const location = r.locations[0].physicalLocation;
            expect(location.artifactLocation.uri).toBe('examples/broken/dependency-cycle/masterplan.mplan');
            expect(location.region.startLine).toBeGreaterThan(0);
        }
    });

    test('github: workflow commands with escaped properties', () => {
        const result = mplan(['validate', 'examples/broken/objective-not-served', 'examples/broken/unaligned', '--format', 'github']);
        const lines = result.stdout.trimEnd().split('\n');
        expect(lines.some(l => /^::notice file=examples\/broken\/objective-not-served\/masterplan\.mplan,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=objective-not-served::No programme/.test(l))).toBe(true);
        expect(lines.some(l => l.startsWith('::warning file=examples/broken/unaligned/'))).toBe(true);
        expect(lines.at(-1)).toMatch(/^0 errors, 1 warning, 1 info in \d+ files \(2 plans\)$/);
    });

    test('plans checked in a pool of workers give exactly the report of one thread', () => {
        const pooled = mplan(['validate', 'examples', '--format', 'json', '--workers', '2']);
        const single = mplan(['validate', 'examples', '--format', 'json', '--workers', '1']);
        expect(pooled.status).toBe(1);
        expect(pooled.stdout).toBe(single.stdout);
        expect(JSON.parse(pooled.stdout).summary.plans).toBeGreaterThan(20);
        expect(mplan(['validate', 'examples', '--workers', '0']).status).toBe(2);
    });

    test('a path inside a plan checks the whole plan, so references still resolve', () => {
        const result = mplan(['validate', 'examples/tabalong/pillars/governance.mplan']);
        expect(result.status).toBe(0);
        expect(result.stdout).toMatch(/in 11 files \(1 plan\)/);
    });

    test('two copies of a plan side by side are two independent plans', () => {
        const root = path.join(temp, 'side-by-side');
        cpSync(projectPath('examples', 'tabalong'), path.join(root, 'a'), { recursive: true });
        cpSync(projectPath('examples', 'tabalong'), path.join(root, 'b'), { recursive: true });
        const result = mplan(['validate', root, '--format', 'json']);
        expect(result.status).toBe(0);
        const report = JSON.parse(result.stdout);
        expect(report.plans).toHaveLength(2);
        expect(report.diagnostics).toEqual([]);
    });
});

describe('mplan init', () => {
    test('writes a plan with six pillars that validates with no diagnostics at all', () => {
        const dir = path.join(temp, 'garut');
        const init = mplan(['init', dir, '--region', 'Kabupaten Garut']);
        expect(init.status).toBe(0);
        expect(init.stdout).toContain('pillars/governance.mplan');
        const result = mplan(['validate', dir, '--format', 'json']);
        expect(result.status).toBe(0);
        const report = JSON.parse(result.stdout);
        expect(report.diagnostics).toEqual([]);
        expect(report.plans[0]).toMatchObject({ name: 'Garut', title: 'Masterplan Smart City Kabupaten Garut', counts: { pillars: 6, programmes: 6, quickWins: 6 } });
    });

    test('refuses to write into a folder that already holds plan files', () => {
        const dir = path.join(temp, 'twice');
        expect(mplan(['init', dir]).status).toBe(0);
        const again = mplan(['init', dir]);
        expect(again.status).toBe(2);
        expect(again.stderr).toContain('already holds plan files');
    });

    test('refuses a plan name that is not an identifier', () => {
        const result = mplan(['init', path.join(temp, 'bad'), '--name', '9lives']);
        expect(result.status).toBe(2);
    });
});
