import { setInterruptionPeriod } from 'langium';
import { startLanguageServer } from 'langium/lsp';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node.js';
import { createMasterplanServices } from '../language/module.js';
import { GuardedNodeFileSystemProvider } from './file-system-provider.js';
import { ProtocolGuard } from './protocol-guard.js';
import { registerCustomRequests } from './requests.js';

/**
 * The Masterplan language server over stdio (or the transport given on the command line):
 * `mplan lsp`, or `node out/lsp/main.cjs --stdio` as the VS Code extension starts it.
 */
export function startServer(): void {
    // Builds pause for other work every 5 ms instead of Langium's 10: a keystroke or a request that
    // arrives during a plan's second pass waits for the next pause.
    setInterruptionPeriod(5);
    // Every message passes the guard before a handler sees it: lifecycle, malformed parameters.
    const guard = new ProtocolGuard();
    const connection = createConnection(ProposedFeatures.all, guard.connectionOptions);
    guard.attach(connection);
    // Files that are not open are read from disk only if they are regular files of a sensible size.
    const { shared, Masterplan } = createMasterplanServices({ connection, fileSystemProvider: () => new GuardedNodeFileSystemProvider() });
    registerCustomRequests(connection, shared, Masterplan);
    startLanguageServer(shared);
    guard.watchStdinFraming();
    // A failure no handler caught is a bug to report in the log, not a reason to take every open
    // document's checks away from the user (the editor restarts a dead server only a few times).
    process.on('unhandledRejection', reason => connection.console.error(`Unhandled failure: ${reason instanceof Error ? reason.stack ?? reason.message : String(reason)}`));
}

startServer();
