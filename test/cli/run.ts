import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { projectPath } from '../helpers.js';

export interface RunResult {
    status: number | null;
    stdout: string;
    stderr: string;
}

/** Runs the built `mplan` command (npm test builds it first) in a folder. */
export function mplan(args: string[], options: { cwd?: string; env?: Record<string, string | undefined>; input?: string } = {}): RunResult {
    const bin = projectPath('bin', 'mplan.js');
    if (!existsSync(projectPath('out', 'cli', 'main.js'))) {
        throw new Error('The CLI is not built: run `npm run build` (npm test does).');
    }
    const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...options.env };
    for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
    const result = spawnSync(process.execPath, [bin, ...args], { cwd: options.cwd ?? projectPath(), env: env as NodeJS.ProcessEnv, encoding: 'utf8', input: options.input, timeout: 120_000 });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
