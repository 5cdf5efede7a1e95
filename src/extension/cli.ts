/** Runs the bundled `mplan` command line (out/cli/main.js) in a child process, with the extension host's Node. */
import { fork } from 'node:child_process';
import * as fs from 'node:fs';
import * as vscode from 'vscode';

export interface CliResult {
    code: number;
    stdout: string;
    stderr: string;
}

export function cliPath(context: vscode.ExtensionContext): string {
    return context.asAbsolutePath('out/cli/main.js');
}

export function runCli(context: vscode.ExtensionContext, args: string[], cwd: string, token?: vscode.CancellationToken): Promise<CliResult> {
    const script = cliPath(context);
    if (!fs.existsSync(script)) {
        return Promise.resolve({ code: 2, stdout: '', stderr: `mplan: ${script} is missing from this installation\n` });
    }
    return new Promise(resolve => {
        // In VS Code the extension host is Electron run as Node; the child must be too.
        const child = fork(script, args, {
            cwd,
            env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', NO_COLOR: '1', FORCE_COLOR: '0' },
            execArgv: [],
            silent: true,
        });
        let stdout = '';
        let stderr = '';
        child.stdout?.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk; });
        child.stderr?.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
        const cancel = token?.onCancellationRequested(() => child.kill());
        child.on('error', error => {
            cancel?.dispose();
            resolve({ code: 2, stdout, stderr: stderr + String(error) + '\n' });
        });
        child.on('close', code => {
            cancel?.dispose();
            resolve({ code: code ?? 2, stdout, stderr });
        });
    });
}
