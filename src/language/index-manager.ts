import { DefaultIndexManager, type LangiumDocument, type URI } from 'langium';
import type { CancellationToken } from 'vscode-languageserver';

/** How many changes the log keeps; a reader further behind rebuilds what it derived from the index. */
const LOG_LIMIT = 1024;

/**
 * Langium's index of exported names, with a log of which documents' names changed: a reader that
 * derived something from the whole index (the scope provider's name maps per plan) asks what changed
 * since then and updates only that, instead of going through every name of the workspace again after
 * each keystroke.
 */
export class MasterplanIndexManager extends DefaultIndexManager {
    private log: string[] = [];
    /** The generation of the first entry of `log`: everything before it has been forgotten. */
    private logStart = 0;

    /** Counts the changes to the exported names so far. */
    get generation(): number {
        return this.logStart + this.log.length;
    }

    /** The documents whose names changed after `generation`, or undefined when that is no longer known. */
    changedSince(generation: number): Set<string> | undefined {
        if (generation < this.logStart) return undefined;
        return new Set(this.log.slice(generation - this.logStart));
    }

    override removeContent(uri: URI): void {
        super.removeContent(uri);
        this.record(uri.toString());
    }

    override async updateContent(document: LangiumDocument, cancelToken?: CancellationToken): Promise<void> {
        await super.updateContent(document, cancelToken);
        this.record(document.uri.toString());
    }

    private record(uri: string): void {
        if (this.log.length >= LOG_LIMIT) {
            this.logStart += this.log.length;
            this.log = [];
        }
        this.log.push(uri);
    }
}
