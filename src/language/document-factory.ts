import { DefaultLangiumDocumentFactory, type LangiumSharedCoreServices, type ParseResult, type URI, type AstNode } from 'langium';
import type { CancellationToken } from 'vscode-languageserver';
import { describeUnreadable } from './input-guard.js';

/** Why a document was not parsed, kept on its parse result for the document validator. */
export const PARSE_FAILURE = Symbol('mplan.parseFailure');

/** A parse result that may carry the reason it is empty. */
export type GuardedParseResult<T extends AstNode = AstNode> = ParseResult<T> & { [PARSE_FAILURE]?: string };

/**
 * Parses documents, except those that are not plan text at all (binary data, enormous files): they
 * get an empty syntax tree, so that they cost nothing, and the document validator reports them.
 * Should the parser itself fail on some input, the document gets an empty tree and a diagnostic,
 * and the rest of the workspace goes on.
 */
export class MasterplanDocumentFactory extends DefaultLangiumDocumentFactory {
    constructor(services: LangiumSharedCoreServices) {
        super(services);
    }

    protected override parse<T extends AstNode>(uri: URI, text: string, options?: unknown): ParseResult<T> {
        const guarded = describeUnreadable(text)?.fatal ? '' : text;
        try {
            return super.parse(uri, guarded, options as never);
        } catch (error) {
            return this.failed(uri, error, options);
        }
    }

    protected override async parseAsync<T extends AstNode>(uri: URI, text: string, cancellationToken: CancellationToken): Promise<ParseResult<T>> {
        const guarded = describeUnreadable(text)?.fatal ? '' : text;
        try {
            return await super.parseAsync(uri, guarded, cancellationToken);
        } catch (error) {
            if ((error as { name?: string })?.name === 'OperationCancelled' || cancellationToken.isCancellationRequested) throw error;
            return this.failed(uri, error, undefined);
        }
    }

    private failed<T extends AstNode>(uri: URI, error: unknown, options: unknown): ParseResult<T> {
        const result = super.parse<T>(uri, '', options as never) as GuardedParseResult<T>;
        result[PARSE_FAILURE] = error instanceof Error ? error.message : String(error);
        return result;
    }
}
