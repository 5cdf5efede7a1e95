/**
 * A tiny LSP client over stdio, for protocol-level tests of the bundled language server: it starts
 * the server as a child process, frames JSON-RPC messages with `Content-Length` headers, matches
 * responses to requests by id (each request with a timeout), answers the few requests a server sends
 * to its client, collects notifications (`textDocument/publishDiagnostics` by URI), and shuts the
 * server down (`shutdown`, `exit`), killing it when it does not go.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import type { Diagnostic, Hover, PublishDiagnosticsParams } from 'vscode-languageserver';

/** A JSON-RPC error answer, as a rejected request's reason. */
export class LspResponseError extends Error {
    constructor(readonly method: string, readonly code: number, message: string, readonly data?: unknown) {
        super(`${method} failed (${code}): ${message}`);
        this.name = 'LspResponseError';
    }
}

interface Pending {
    method: string;
    resolve: (value: unknown) => void;
    reject: (reason: Error) => void;
    timer: NodeJS.Timeout;
}

interface Waiter {
    uri: string;
    predicate: (diagnostics: Diagnostic[]) => boolean;
    resolve: (diagnostics: Diagnostic[]) => void;
}

export interface LspClientOptions {
    /** Default timeout of a request, in milliseconds. */
    timeout?: number;
    cwd?: string;
    /** What the client answers to `workspace/configuration` for a section (undefined: null). */
    configuration?: (section: string | undefined) => unknown;
}

export interface JsonRpcMessage {
    jsonrpc: '2.0';
    id?: number | string | null;
    method?: string;
    params?: unknown;
    result?: unknown;
    error?: { code: number; message: string; data?: unknown };
}

export class LspClient {
    private readonly process: ChildProcessWithoutNullStreams;
    private buffer = Buffer.alloc(0);
    private nextId = 1;
    private readonly pending = new Map<number, Pending>();
    private readonly waiters: Waiter[] = [];
    private readonly handlers = new Map<string, Array<(params: unknown) => void>>();
    private exitPromise: Promise<number | null>;
    private exited = false;
    /** Every notification received, in order. */
    readonly notifications: Array<{ method: string; params: unknown }> = [];
    /** Requests the server sent to this client (method names), in order. */
    readonly serverRequests: string[] = [];
    /** The latest diagnostics published per document URI. */
    readonly diagnostics = new Map<string, Diagnostic[]>();
    /** How many times diagnostics were published per URI. */
    readonly publishCount = new Map<string, number>();
    /** What the server wrote to stderr (for failure messages). */
    stderr = '';
    readonly defaultTimeout: number;

    private constructor(command: string, args: string[], private readonly options: LspClientOptions) {
        this.defaultTimeout = options.timeout ?? 10_000;
        this.process = spawn(command, args, { cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
        this.process.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
        this.process.stderr.on('data', (chunk: Buffer) => { this.stderr += chunk.toString('utf8'); });
        // Writing to a server that died must not crash the test process.
        this.process.stdin.on('error', () => undefined);
        this.exitPromise = new Promise(resolve => {
            this.process.on('exit', code => {
                this.exited = true;
                for (const [id, pending] of this.pending) {
                    clearTimeout(pending.timer);
                    pending.reject(new Error(`the server exited (code ${code}) before answering ${pending.method}${this.stderr ? `; stderr: ${this.stderr.slice(-2000)}` : ''}`));
                    this.pending.delete(id);
                }
                resolve(code);
            });
            this.process.on('error', error => {
                this.exited = true;
                this.stderr += `\nspawn error: ${error.message}`;
                resolve(null);
            });
        });
    }

    /** Starts a server process, e.g. `LspClient.start('node', ['out/lsp/main.cjs', '--stdio'])`. */
    static start(command: string, args: string[], options: LspClientOptions = {}): LspClient {
        return new LspClient(command, args, options);
    }

    get pid(): number | undefined {
        return this.process.pid;
    }

    /** Whether the server process is still running. */
    get running(): boolean {
        return !this.exited && this.process.exitCode === null && this.process.signalCode === null;
    }

    /** Sends a request and waits for its answer; rejects on an error answer, a timeout or the server's exit. */
    request<R = unknown>(method: string, params?: unknown, timeout = this.defaultTimeout): Promise<R> {
        if (!this.running) return Promise.reject(new Error(`cannot send ${method}: the server is not running`));
        const id = this.nextId++;
        return new Promise<R>((resolve, reject) => {
            const timer = setTimeout(() => {
                this.pending.delete(id);
                this.send({ jsonrpc: '2.0', method: '$/cancelRequest', params: { id } });
                reject(new Error(`${method} timed out after ${timeout} ms`));
            }, timeout);
            this.pending.set(id, { method, resolve: resolve as (value: unknown) => void, reject, timer });
            this.send({ jsonrpc: '2.0', id, method, params });
        });
    }

    /** Sends a notification. */
    notify(method: string, params?: unknown): void {
        if (this.running) this.send({ jsonrpc: '2.0', method, params });
    }

    /** Calls `handler` for every notification of this method from now on. */
    onNotification(method: string, handler: (params: unknown) => void): void {
        const list = this.handlers.get(method) ?? [];
        list.push(handler);
        this.handlers.set(method, list);
    }

    /**
     * Resolves with the diagnostics of a document once they satisfy `predicate`: at once if the latest
     * ones already do (unless `fresh` asks for a publication after this call), else at the next that does.
     */
    waitForDiagnostics(uri: string, predicate: (diagnostics: Diagnostic[]) => boolean = () => true, timeout = this.defaultTimeout, fresh = false): Promise<Diagnostic[]> {
        const current = this.diagnostics.get(uri);
        if (!fresh && current && predicate(current)) return Promise.resolve(current);
        return new Promise<Diagnostic[]>((resolve, reject) => {
            const waiter: Waiter = {
                uri,
                predicate,
                resolve: diagnostics => { clearTimeout(timer); resolve(diagnostics); },
            };
            const timer = setTimeout(() => {
                const index = this.waiters.indexOf(waiter);
                if (index >= 0) this.waiters.splice(index, 1);
                reject(new Error(`no matching diagnostics for ${uri} within ${timeout} ms; latest: ${JSON.stringify(this.diagnostics.get(uri) ?? null)}`));
            }, timeout);
            this.waiters.push(waiter);
        });
    }

    /** `shutdown`, then `exit`; kills the process if it has not exited within `timeout`. Returns the exit code. */
    async shutdown(timeout = 5_000): Promise<number | null> {
        if (this.running) {
            try {
                await this.request('shutdown', null, timeout);
                this.notify('exit');
            } catch {
                // Fall through to the kill below.
            }
        }
        const timer = new Promise<'timeout'>(resolve => setTimeout(() => resolve('timeout'), timeout).unref());
        const result = await Promise.race([this.exitPromise, timer]);
        if (result === 'timeout') {
            this.kill();
            return this.exitPromise;
        }
        return result;
    }

    /** Ends the server process at once (and rejects what is still pending). */
    kill(): void {
        if (this.running) this.process.kill('SIGKILL');
        for (const [id, pending] of this.pending) {
            clearTimeout(pending.timer);
            pending.reject(new Error(`${pending.method} abandoned: the client killed the server`));
            this.pending.delete(id);
        }
    }

    /** Resolves with the exit code when the process has ended. */
    exited$(): Promise<number | null> {
        return this.exitPromise;
    }

    /** Writes bytes to the server's input as they are, framing or no framing (for tests of broken frames). */
    writeRaw(bytes: string | Buffer): void {
        if (this.running) this.process.stdin.write(bytes);
    }

    private send(message: JsonRpcMessage): void {
        const body = Buffer.from(JSON.stringify(message), 'utf8');
        this.process.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
    }

    /** Splits the byte stream into messages: headers up to a blank line, then `Content-Length` bytes. */
    private receive(chunk: Buffer): void {
        this.buffer = Buffer.concat([this.buffer, chunk]);
        for (;;) {
            const headerEnd = this.buffer.indexOf('\r\n\r\n');
            if (headerEnd < 0) return;
            const headers = this.buffer.subarray(0, headerEnd).toString('ascii');
            const match = /^Content-Length:\s*(\d+)\s*$/im.exec(headers);
            if (!match) {
                // Not a frame: drop the garbage up to the blank line and go on.
                this.buffer = this.buffer.subarray(headerEnd + 4);
                continue;
            }
            const length = Number(match[1]);
            const start = headerEnd + 4;
            if (this.buffer.length < start + length) return;
            const body = this.buffer.subarray(start, start + length).toString('utf8');
            this.buffer = this.buffer.subarray(start + length);
            let message: JsonRpcMessage;
            try {
                message = JSON.parse(body) as JsonRpcMessage;
            } catch {
                this.stderr += `\n[client] unparseable message: ${body.slice(0, 200)}`;
                continue;
            }
            this.dispatch(message);
        }
    }

    private dispatch(message: JsonRpcMessage): void {
        if (message.method !== undefined && message.id !== undefined && message.id !== null) {
            this.answerServerRequest(message);
        } else if (message.method !== undefined) {
            this.notifications.push({ method: message.method, params: message.params });
            if (message.method === 'textDocument/publishDiagnostics') {
                const params = message.params as PublishDiagnosticsParams;
                this.diagnostics.set(params.uri, params.diagnostics);
                this.publishCount.set(params.uri, (this.publishCount.get(params.uri) ?? 0) + 1);
                for (const waiter of [...this.waiters]) {
                    if (waiter.uri === params.uri && waiter.predicate(params.diagnostics)) {
                        this.waiters.splice(this.waiters.indexOf(waiter), 1);
                        waiter.resolve(params.diagnostics);
                    }
                }
            }
            for (const handler of this.handlers.get(message.method) ?? []) handler(message.params);
        } else if (typeof message.id === 'number') {
            const pending = this.pending.get(message.id);
            if (!pending) return; // timed out already
            this.pending.delete(message.id);
            clearTimeout(pending.timer);
            if (message.error) {
                pending.reject(new LspResponseError(pending.method, message.error.code, message.error.message, message.error.data));
            } else {
                pending.resolve(message.result ?? null);
            }
        }
    }

    /** The server asks the client: configuration, capability registration, progress tokens, edits. */
    private answerServerRequest(message: JsonRpcMessage): void {
        this.serverRequests.push(message.method!);
        let result: unknown = null;
        if (message.method === 'workspace/configuration') {
            const items = (message.params as { items?: Array<{ section?: string }> } | undefined)?.items ?? [];
            result = items.map(item => this.options.configuration?.(item.section) ?? null);
        } else if (message.method === 'workspace/applyEdit') {
            result = { applied: false };
        }
        this.send({ jsonrpc: '2.0', id: message.id, result });
    }
}

/** The text of a hover answer (markdown, plain, or a list of either), '' for none. */
export function hoverText(hover: Hover | null): string {
    if (!hover) return '';
    const contents = hover.contents;
    if (typeof contents === 'string') return contents;
    if (Array.isArray(contents)) return contents.map(c => (typeof c === 'string' ? c : c.value)).join('\n');
    return contents.value;
}
