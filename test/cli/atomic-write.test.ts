import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { projectPath } from '../helpers.js';
import { mplan } from './run.js';

const temp = mkdtempSync(path.join(tmpdir(), 'mplan-atomic-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** Every file below a folder, relative, with its bytes. */
function snapshot(folder: string): Map<string, Buffer> {
    const files = new Map<string, Buffer>();
    for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
        if (entry.isFile()) {
            const full = path.join(entry.parentPath, entry.name);
            files.set(path.relative(folder, full), readFileSync(full));
        }
    }
    return files;
}

function killedAfter(args: string[], cwd: string, ms: number): Promise<void> {
    return new Promise(resolve => {
        const child = spawn(process.execPath, [projectPath('bin', 'mplan.js'), ...args], { cwd, stdio: 'ignore' });
        const timer = setTimeout(() => child.kill('SIGKILL'), ms);
        child.on('exit', () => {
            clearTimeout(timer);
            resolve();
        });
    });
}

describe('generation killed mid-write', () => {
    test('leaves each book either as it was or as it would be, never torn, and writes nothing outside --out', async () => {
        const root = path.join(temp, 'workspace');
        mkdirSync(path.join(root, '.git'), { recursive: true });
        cpSync(projectPath('examples', 'tabalong'), path.join(root, 'plan'), { recursive: true });
        const args = ['generate', 'plan', '--format', 'docx', '--out', 'books'];

        // The old books, then the plan changes, and the books it would give are made elsewhere.
        expect(mplan(args, { cwd: root }).status).toBe(0);
        const old = snapshot(path.join(root, 'books'));
        const masterplan = path.join(root, 'plan', 'masterplan.mplan');
        writeFileSync(masterplan, readFileSync(masterplan, 'utf8').replace('Masterplan Smart City Kabupaten Tabalong', 'Masterplan Smart City Kabupaten Tabalong (revisi)'));
        expect(mplan([...args.slice(0, -1), 'expected'], { cwd: root }).status).toBe(0);
        const fresh = snapshot(path.join(root, 'expected'));
        rmSync(path.join(root, 'expected'), { recursive: true });
        const sources = snapshot(path.join(root, 'plan'));

        // Kill the generation at moments spread over its run, again and again.
        for (const ms of [150, 350, 550, 750, 950, 1200, 1500, 1900, 2400]) {
            await killedAfter(args, root, ms);
            const books = snapshot(path.join(root, 'books'));
            for (const [name, bytes] of books) {
                if (/^\..*\.tmp$/.test(path.basename(name))) continue; // a temporary file the kill left behind
                const matches = bytes.equals(old.get(name) ?? Buffer.alloc(0)) || bytes.equals(fresh.get(name) ?? Buffer.alloc(0));
                expect(matches, `${name} after a kill at ${ms} ms is neither the old nor the new book`).toBe(true);
            }
            expect([...books.keys()].filter(n => !/^\..*\.tmp$/.test(path.basename(n))).sort()).toEqual([...old.keys()].sort());
        }
        expect(readdirSync(root).sort()).toEqual(['.git', 'books', 'plan']);
        expect(snapshot(path.join(root, 'plan'))).toEqual(sources);

        // A run that completes gives the new books, and clears what the killed runs left behind.
        const leftover = path.join(root, 'books', `.${[...old.keys()][0]}.999999999.0badc0de.tmp`);
        writeFileSync(leftover, 'torn');
        const unrelated = path.join(root, 'books', '.notes.tmp');
        writeFileSync(unrelated, 'mine');
        expect(mplan(args, { cwd: root }).status).toBe(0);
        const final = snapshot(path.join(root, 'books'));
        for (const [name, bytes] of fresh) expect(final.get(name)?.equals(bytes), name).toBe(true);
        expect([...final.keys()].filter(n => n.endsWith('.tmp'))).toEqual(['.notes.tmp']);
    }, 120_000);
});
