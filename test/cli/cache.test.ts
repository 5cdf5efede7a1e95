import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, appendFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { projectPath } from '../helpers.js';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { mplan } from './run.js';

const temp = mkdtempSync(path.join(tmpdir(), 'mplan-cache-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function workspace(name: string): string {
    const root = path.join(temp, name);
    mkdirSync(path.join(root, '.git'), { recursive: true });
    cpSync(projectPath('examples', 'tabalong'), path.join(root, 'tabalong'), { recursive: true });
    cpSync(projectPath('examples', 'broken', 'invalid-money'), path.join(root, 'money'), { recursive: true });
    return root;
}

const json = (stdout: string) => JSON.parse(stdout) as { diagnostics: Array<{ file: string; message: string; code: string }>; summary: { files: number; plans: number; errors: number } };

describe('mplan validate --cache', () => {
    test('replays the results of unchanged plans and checks again only the plan whose file changed', () => {
        const root = workspace('replay');
        const first = mplan(['validate', '.', '--cache', '--format', 'json'], { cwd: root });
        expect(first.status).toBe(1);
        const cacheFile = path.join(root, '.mplan-cache');
        expect(existsSync(cacheFile)).toBe(true);
        const fresh = json(first.stdout);

        // Mark the cached message: a run that replays the cache shows the mark.
        const cache = JSON.parse(readFileSync(cacheFile, 'utf8'));
        const moneyPart = Object.entries(cache.plans).find(([key]) => key.endsWith('money'))![1] as { diagnostics: Array<{ message: string }> };
        moneyPart.diagnostics[0].message = 'FROM THE CACHE';
        writeFileSync(cacheFile, JSON.stringify(cache));
        const replayed = json(mplan(['validate', '.', '--cache', '--format', 'json'], { cwd: root }).stdout);
        expect(replayed.diagnostics.map(d => d.message)).toEqual(['FROM THE CACHE']);
        expect(replayed.summary).toEqual(fresh.summary);

        // Change a file of the Tabalong plan: only that plan is checked again; the other stays cached.
        appendFileSync(path.join(root, 'tabalong', 'owners.mplan'), '\nowner Baru "Dinas Baru" kind agency\n');
        const after = json(mplan(['validate', '.', '--cache', '--format', 'json'], { cwd: root }).stdout);
        expect(after.diagnostics.map(d => [d.code, d.message === 'FROM THE CACHE'])).toEqual([
            ['invalid-money', true],
            ['unused-owner', false],
        ]);
        expect(after.summary.files).toBe(fresh.summary.files);
    });

    test('gives the same report as a run without the cache, and --cache-location puts the file elsewhere', () => {
        const root = workspace('same');
        const location = path.join(temp, 'elsewhere', 'cache.json');
        const plain = mplan(['validate', '.', '--format', 'json'], { cwd: root });
        const cold = mplan(['validate', '.', '--cache-location', location, '--format', 'json'], { cwd: root });
        const warm = mplan(['validate', '.', '--cache-location', location, '--format', 'json'], { cwd: root });
        expect(cold.stdout).toBe(plain.stdout);
        expect(warm.stdout).toBe(plain.stdout);
        expect(warm.status).toBe(plain.status);
        expect(existsSync(location)).toBe(true);
        expect(existsSync(path.join(root, '.mplan-cache'))).toBe(false);
    });

    test('a broken cache file is rebuilt, not trusted', () => {
        const root = workspace('broken-cache');
        writeFileSync(path.join(root, '.mplan-cache'), '{ not json');
        const result = mplan(['validate', '.', '--cache', '--format', 'json'], { cwd: root });
        expect(json(result.stdout).summary.errors).toBe(1);
        expect(JSON.parse(readFileSync(path.join(root, '.mplan-cache'), 'utf8')).version).toBe(1);
    });

    test('a run that finds every plan unchanged loads neither the language services nor the book renderers', () => {
        const root = workspace('lazy');
        const hook = pathToFileURL(projectPath('test', 'cli', 'module-log.mjs')).href;
        /** The bundle files of the CLI a run evaluated, with their text. */
        const loaded = (log: string) => {
            const args = ['validate', '.', '--cache', '--format', 'json'];
            mplan(args, { cwd: root, env: { NODE_OPTIONS: `--import=${hook}`, MPLAN_MODULE_LOG: log } });
            return readFileSync(log, 'utf8').split('\n').filter(url => url.startsWith('file:') && url.includes('/out/cli/'))
                .map(url => readFileSync(fileURLToPath(url), 'utf8'));
        };
        // The bundle names its sources in comments (`// node_modules/langium/lib/…`).
        const cold = loaded(path.join(temp, 'lazy-cold.log'));
        expect(cold.some(text => text.includes('node_modules/langium/'))).toBe(true);
        const warm = loaded(path.join(temp, 'lazy-warm.log'));
        expect(warm.length).toBeGreaterThan(0);
        expect(warm.filter(text => text.includes('node_modules/langium/') || text.includes('src/books/'))).toEqual([]);
    });
});
