import { DefaultLangiumDocumentFactory, type LangiumSharedCoreServices, type ParseResult, type URI, type AstNode } from 'langium';
import type { CancellationToken } from 'vscode-languageserver';
import { describeUnreadable } from './input-guard.js';

/**
 * Parses documents, except those that are not plan text at all (binary data, enormous files): they
 * get an empty syntax tree, so that they cost nothing, and the document validator reports them.
 */
export class MasterplanDocumentFactory extends DefaultLangiumDocumentFactory {
    constructor(services: LangiumSharedCoreServices) {
        super(services);
    }

    protected override parse<T extends AstNode>(uri: URI, text: string, options?: unknown): ParseResult<T> {
        return super.parse(uri, describeUnreadable(text)?.fatal ? '' : text, options as never);
    }

    protected override parseAsync<T extends AstNode>(uri: URI, text: string, cancellationToken: CancellationToken): Promise<ParseResult<T>> {
        return super.parseAsync(uri, describeUnreadable(text)?.fatal ? '' : text, cancellationToken);
    }
}
