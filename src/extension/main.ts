/**
 * The Masterplan extension for VS Code: starts the language server, the live book preview and the
 * commands. Each part lives in its own module; this file only wires them together.
 */
import * as vscode from 'vscode';
import { MasterplanClient } from './client.js';
import { BookPreviewManager } from './preview.js';
import { registerCommands } from './commands.js';

let client: MasterplanClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
    const output = vscode.window.createOutputChannel('Masterplan');
    context.subscriptions.push(output);
    client = new MasterplanClient(context, output);
    context.subscriptions.push(client);
    const previews = new BookPreviewManager(context, client, line => output.appendLine(line));
    context.subscriptions.push(previews);
    registerCommands(context, { client, previews, output });
    await client.start();
}

export async function deactivate(): Promise<void> {
    await client?.stop();
    client = undefined;
}
