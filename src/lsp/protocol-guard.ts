/**
 * Stands between the client and the server's handlers (Langium's and ours): every message the
 * connection reads passes `handleMessage` first (vscode-jsonrpc's message strategy), which
 *
 * - follows the LSP lifecycle: before `initialize`, a request is answered ServerNotInitialized
 *   (-32002) and a notification dropped (except `exit`); after `shutdown`, a request is answered
 *   InvalidRequest (-32600) and a notification dropped (except `exit`); a second `initialize` is an
 *   InvalidRequest too;
 * - answers a request whose parameters a handler could not read (see message-shapes.ts) with
 *   InvalidParams (-32602) and a message saying what is wrong, instead of an internal error;
 * - drops a notification whose parameters are malformed (a `didOpen` without text, a `didChange`
 *   with a `null` line), logging it to the client's console once per method, so that it neither
 *   crashes the server nor corrupts its copy of a document.
 *
 * And over stdio it watches the framing of the input (frame-check.ts): a header the reader cannot
 * recover from ends the server with a message on stderr and exit code 1.
 */
import { writeSync } from 'node:fs';
import { ErrorCodes, ResponseError, type Connection, type ConnectionOptions, type Message } from 'vscode-languageserver/node.js';
import { FrameChecker } from './frame-check.js';
import { notificationParamsProblem, requestParamsProblem } from './message-shapes.js';

/**
 * The method a refused request is handed on as, so that the connection answers it with its own id
 * (and cancellation and tracing work as for any request). Only requests this guard refused are
 * answered with their error: a client that sends this method itself gets MethodNotFound.
 */
const REFUSED = 'masterplan/$refusedRequest';

interface Refusal {
    code: number;
    message: string;
}

interface JsonRpcFields {
    id?: unknown;
    method?: unknown;
    params?: unknown;
}

type Lifecycle = 'new' | 'running' | 'shutDown';

export class ProtocolGuard {
    private state: Lifecycle = 'new';
    private connection: Connection | undefined;
    private readonly refusals = new WeakSet<Refusal>();
    private readonly warned = new Set<string>();

    /** Options for `createConnection`: the message strategy that sees every message first. */
    readonly connectionOptions: ConnectionOptions = {
        messageStrategy: { handleMessage: (message, next) => this.handleMessage(message, next) },
    };

    /** Call once the connection exists, before it listens: answers refused requests, and logs to its console. */
    attach(connection: Connection): void {
        this.connection = connection;
        connection.onRequest(REFUSED, (params: unknown) => {
            const refusal = params as Refusal;
            if (typeof params === 'object' && params !== null && this.refusals.has(refusal)) return new ResponseError(refusal.code, refusal.message);
            return new ResponseError(ErrorCodes.MethodNotFound, `Unhandled method ${REFUSED}`);
        });
    }

    /**
     * Over stdio, watches the framing of the client's bytes (call after the connection listens): a
     * frame vscode-jsonrpc cannot recover from ends the process with a message on stderr and exit code 1.
     */
    watchStdinFraming(argv: readonly string[] = process.argv): void {
        if (!argv.slice(2).includes('--stdio')) return;
        const checker = new FrameChecker();
        process.stdin.on('data', (chunk: Buffer) => {
            const problem = checker.push(chunk);
            if (problem) fatal(`the client sent ${problem}; the message stream cannot be read any further`);
        });
    }

    handleMessage(message: Message, next: (message: Message) => void): void {
        const { id, method, params } = message as JsonRpcFields;
        if (typeof method !== 'string') {
            next(message); // a response to a request of ours, or something the connection reports as invalid
            return;
        }
        if (typeof id === 'number' || typeof id === 'string') {
            const refusal = this.refusalOf(method, params);
            if (!refusal) {
                next(message);
                return;
            }
            this.refusals.add(refusal);
            next({ jsonrpc: '2.0', id, method: REFUSED, params: refusal } as Message);
            return;
        }
        if (id !== undefined) {
            next(message); // `id: null` and the like: invalid, the connection says so
            return;
        }
        if (method === 'exit') {
            next(message);
            return;
        }
        if (this.state !== 'running') return; // LSP: notifications before initialize (and after shutdown) are dropped
        const problem = notificationParamsProblem(method, params);
        if (problem) {
            this.warnOnce(method, `Ignored a ${method} notification with malformed parameters (${problem}); reported once per method.`);
            return;
        }
        next(message);
    }

    /** Why a request is not handed to its handler (and so what it is answered), or undefined when it is. */
    private refusalOf(method: string, params: unknown): Refusal | undefined {
        if (this.state === 'shutDown') {
            return { code: ErrorCodes.InvalidRequest, message: `The server is shutting down: after shutdown it accepts only the exit notification, not ${method}.` };
        }
        if (this.state === 'new' && method !== 'initialize') {
            return { code: ErrorCodes.ServerNotInitialized, message: `The server is not initialized: send initialize before ${method}.` };
        }
        if (this.state === 'running' && method === 'initialize') {
            return { code: ErrorCodes.InvalidRequest, message: 'The server is already initialized: initialize may be sent only once.' };
        }
        const problem = requestParamsProblem(method, params);
        if (problem) return { code: ErrorCodes.InvalidParams, message: `Invalid parameters of ${method}: ${problem}.` };
        if (method === 'initialize') this.state = 'running';
        if (method === 'shutdown') this.state = 'shutDown';
        return undefined;
    }

    private warnOnce(kind: string, message: string): void {
        if (this.warned.has(kind)) return;
        this.warned.add(kind);
        this.connection?.console.warn(message);
    }
}

/** Ends the server at once: on stderr (console.error goes to the client over stdio), exit code 1. */
function fatal(message: string): never {
    try {
        writeSync(2, `mplan lsp: ${message}. The language server stops (exit code 1).\n`);
    } catch {
        // stderr is gone too: exit all the same
    }
    process.exit(1);
}
