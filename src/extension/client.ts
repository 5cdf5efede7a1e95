/** The language client: runs the bundled server (out/lsp/main.cjs) over IPC and forwards our custom messages. */
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node.js';
import { BookHtmlRequest, PlansChangedNotification, type BookHtmlParams, type BookHtmlResult, type PlansChangedParams } from '../lsp/protocol.js';

export class MasterplanClient implements vscode.Disposable {
    private client: LanguageClient | undefined;
    private readonly plansChanged = new vscode.EventEmitter<PlansChangedParams>();
    private readonly readyChanged = new vscode.EventEmitter<boolean>();
    /** Fires after each build of the server (the preview refreshes on it). */
    readonly onPlansChanged = this.plansChanged.event;
    /** Fires when the server becomes ready (true) or stops (false). */
    readonly onReadyChanged = this.readyChanged.event;
    private subscriptions: vscode.Disposable[] = [];

    constructor(private readonly context: vscode.ExtensionContext, private readonly output: vscode.OutputChannel) {}

    get serverModule(): string {
        return this.context.asAbsolutePath('out/lsp/main.cjs');
    }

    get isRunning(): boolean {
        return this.client?.state === State.Running;
    }

    async start(): Promise<void> {
        if (this.client) return;
        if (!fs.existsSync(this.serverModule)) {
            this.output.appendLine(`[client] language server not found: ${this.serverModule}`);
            void vscode.window.showWarningMessage(vscode.l10n.t('The Masterplan language server is missing from this installation; checks, hovers and the preview are unavailable.'));
            return;
        }
        const run = { module: this.serverModule, transport: TransportKind.ipc };
        const serverOptions: ServerOptions = {
            run,
            debug: { ...run, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
        };
        const watcher = vscode.workspace.createFileSystemWatcher('**/*.mplan');
        this.subscriptions.push(watcher);
        const clientOptions: LanguageClientOptions = {
            documentSelector: [
                { scheme: 'file', language: 'masterplan' },
                { scheme: 'untitled', language: 'masterplan' },
            ],
            synchronize: { fileEvents: watcher },
            outputChannel: this.output,
        };
        const client = new LanguageClient('masterplan', vscode.l10n.t('Masterplan Language Server'), serverOptions, clientOptions);
        this.client = client;
        this.subscriptions.push(client.onDidChangeState(e => this.readyChanged.fire(e.newState === State.Running)));
        try {
            await client.start();
        } catch (error) {
            this.output.appendLine(`[client] the language server did not start: ${String(error)}`);
            void vscode.window.showErrorMessage(vscode.l10n.t('The Masterplan language server did not start: {0}', String(error)));
            return;
        }
        this.subscriptions.push(client.onNotification(PlansChangedNotification, (params: PlansChangedParams) => this.plansChanged.fire(params)));
        this.readyChanged.fire(true);
    }

    async stop(): Promise<void> {
        const client = this.client;
        this.client = undefined;
        for (const s of this.subscriptions) s.dispose();
        this.subscriptions = [];
        if (client && client.state !== State.Stopped) {
            try {
                await client.stop(2000);
            } catch {
                // already gone
            }
        }
    }

    async restart(): Promise<void> {
        await this.stop();
        await this.start();
    }

    /** The book as HTML from the server; undefined when the server is not running. */
    async bookHtml(params: BookHtmlParams, token?: vscode.CancellationToken): Promise<BookHtmlResult | undefined> {
        if (!this.client || !this.isRunning) return undefined;
        return this.client.sendRequest<BookHtmlResult>(BookHtmlRequest, params, token);
    }

    dispose(): void {
        void this.stop();
        this.plansChanged.dispose();
        this.readyChanged.dispose();
    }
}
