import { CancellationToken } from 'vscode-languageserver';
import { DefaultLangiumDocumentFactory, DocumentState, type LangiumDocument, type LangiumSharedCoreServices, type Mutable, type ParseResult, type URI, type AstNode } from 'langium';
import { describeUnreadable, UnreadableFileError } from './input-guard.js';

/** Why a document was not parsed, kept on its parse result for the document validator. */
export const PARSE_FAILURE = Symbol('mplan.parseFailure');
/** Why a file was not read at all (UnreadableFileError), kept on its (empty) parse result for the document validator. */
export const READ_REFUSED = Symbol('mplan.readRefused');

/** A parse result that may carry the reason it is empty. */
export type GuardedParseResult<T extends AstNode = AstNode> = ParseResult<T> & { [PARSE_FAILURE]?: string; [READ_REFUSED]?: string };

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

    /** A file the file system provider refuses to read (a device, an enormous file) becomes an empty document. */
    override async fromUri<T extends AstNode = AstNode>(uri: URI, cancellationToken = CancellationToken.None): Promise<LangiumDocument<T>> {
        let text: string;
        try {
            text = await this.fileSystemProvider.readFile(uri);
        } catch (error) {
            if (!(error instanceof UnreadableFileError)) throw error;
            return this.createLangiumDocument(this.refused<T>(uri, error), uri, undefined, '');
        }
        return this.createAsync<T>(uri, text, cancellationToken);
    }

    /** The same when a closed document is read again from disk and the file has become unreadable. */
    override async update<T extends AstNode = AstNode>(document: Mutable<LangiumDocument<T>>, cancellationToken: CancellationToken): Promise<LangiumDocument<T>> {
        try {
            return await super.update(document, cancellationToken);
        } catch (error) {
            if (!(error instanceof UnreadableFileError)) throw error;
            const textDocument = this.createTextDocumentGetter(document.uri, '');
            Object.defineProperty(document, 'textDocument', { get: textDocument, configurable: true });
            document.parseResult = this.refused<T>(document.uri, error);
            (document.parseResult.value as Mutable<AstNode>).$document = document;
            document.state = DocumentState.Parsed;
            return document;
        }
    }

    private refused<T extends AstNode>(uri: URI, error: UnreadableFileError): ParseResult<T> {
        const result = super.parse<T>(uri, '', undefined) as GuardedParseResult<T>;
        result[READ_REFUSED] = error.reason;
        return result;
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
