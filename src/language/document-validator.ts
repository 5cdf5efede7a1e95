import { DefaultDocumentValidator, DocumentValidator, interruptAndCheck, type AstNode, type LangiumDocument, type ParseResult, type ReferenceInfo, type ValidationAcceptor, type ValidationCheck, type ValidationOptions } from 'langium';
import { pushChildren } from './ast-walk.js';
import type { Diagnostic } from 'vscode-languageserver';
import { CancellationToken } from 'vscode-languageserver';
import type { MasterplanServices } from './module.js';
import { closestNames } from './suggest.js';
import { describeUnreadable } from './input-guard.js';
import { PARSE_FAILURE, READ_REFUSED, type GuardedParseResult } from './document-factory.js';

/** What a reference type is called in messages. */
const REFERENCE_WORDS: Record<string, string> = {
    Owner: 'owner',
    Element: 'element',
    Dimension: 'dimension',
    Framework: 'framework',
    Rpjmd: 'RPJMD',
    RpjmdItem: 'RPJMD item',
    RpjmdObjective: 'RPJMD objective',
    Initiative: 'programme or quick win',
    Workshop: 'workshop',
};

/** Token names in parser messages, in the words of the people who write plans. */
const TOKEN_WORDS: Array<[RegExp, string]> = [
    [/'ID'/g, 'a name'],
    [/'STRING'/g, 'a text in double quotes'],
    [/'TEXT_BLOCK'/g, 'a """text block"""'],
    [/'INT'/g, 'a whole number'],
    [/'DECIMAL'/g, 'a number'],
    [/'DATE'/g, 'a date (YYYY-MM-DD)'],
];

/** How many syntax errors one file reports before summing up the rest. */
const MAX_SYNTAX_ERRORS = 25;

/** How many check diagnostics one file reports before summing up the rest. */
export const MAX_CHECK_DIAGNOSTICS = 1000;

/** How many diagnostics of each severity a file has beyond those shown (in the `data` of the last one shown, as `notShown`). */
export type NotShownCounts = Partial<Record<'error' | 'warning' | 'info' | 'hint', number>>;

const SEVERITY_NAMES: Record<number, keyof NotShownCounts> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };

/** The data a diagnostic of an unresolved reference carries, for quick fixes. */
export interface UnresolvedReferenceData {
    code: 'unresolved-reference';
    referenceType: string;
    refText: string;
    suggestions: string[];
}

/**
 * Langium's document validator with stable codes on the built-in diagnostics: lexer and parser
 * errors become `syntax-error` (in plain words, at most a screenful per file), linking errors become
 * `unresolved-reference` with the closest names as suggestions, and files that are not text plans
 * get one `unreadable-file` diagnostic instead of thousands of syntax errors.
 */
export class MasterplanDocumentValidator extends DefaultDocumentValidator {
    private readonly services: MasterplanServices;

    constructor(services: MasterplanServices) {
        super(services);
        this.services = services;
    }

    override async validateDocument(document: LangiumDocument, options: ValidationOptions = {}, cancelToken = CancellationToken.None): Promise<Diagnostic[]> {
        const text = document.textDocument.getText();
        const failure = (document.parseResult as GuardedParseResult)[PARSE_FAILURE];
        const refused = (document.parseResult as GuardedParseResult)[READ_REFUSED];
        const unreadable = refused
            ? { fatal: true, position: { line: 0, character: 0 }, message: refused }
            : failure
            ? { fatal: true, position: { line: 0, character: 0 }, message: `This file could not be parsed (${failure}); it was not checked. Split very long lines or strings, or report the file as a bug.` }
            : describeUnreadable(text);
        if (unreadable?.fatal) {
            return [{
                severity: 1,
                range: { start: unreadable.position, end: unreadable.position },
                message: unreadable.message,
                code: 'unreadable-file',
                source: this.getSource(),
                data: { code: 'unreadable-file' },
            }];
        }
        const diagnostics = await super.validateDocument(document, options, cancelToken);
        const result: Diagnostic[] = [];
        let syntaxErrors = 0;
        for (const diagnostic of diagnostics) {
            const builtinCode = (diagnostic.data as { code?: string } | undefined)?.code;
            if (builtinCode === DocumentValidator.LexingError || builtinCode === DocumentValidator.ParsingError) {
                syntaxErrors++;
                if (syntaxErrors > MAX_SYNTAX_ERRORS) continue;
                diagnostic.code = 'syntax-error';
                diagnostic.message = plainSyntaxMessage(diagnostic.message);
            }
            result.push(diagnostic);
        }
        if (syntaxErrors > MAX_SYNTAX_ERRORS) {
            const last = result.filter(d => d.code === 'syntax-error').at(-1)!;
            last.message += ` (and ${syntaxErrors - MAX_SYNTAX_ERRORS} more syntax errors in this file)`;
        }
        if (unreadable) {
            result.unshift({
                severity: 1,
                range: { start: unreadable.position, end: unreadable.position },
                message: unreadable.message,
                code: 'unreadable-file',
                source: this.getSource(),
                data: { code: 'unreadable-file' },
            });
        }
        return result;
    }

    /**
     * The checks' diagnostics, at most {@link MAX_CHECK_DIAGNOSTICS} per file (the last one says how
     * many more there are): a file with a hundred thousand problems is better served by the first
     * thousand, and Langium spreads this list into another one, which overflows the stack beyond
     * about 120 000 entries.
     */
    protected override async validateAst(rootNode: AstNode, options: ValidationOptions, cancelToken = CancellationToken.None): Promise<Diagnostic[]> {
        const diagnostics = await super.validateAst(rootNode, options, cancelToken);
        if (diagnostics.length <= MAX_CHECK_DIAGNOSTICS) return diagnostics;
        const shown = diagnostics.slice(0, MAX_CHECK_DIAGNOSTICS);
        // The last one shown carries the counts of the others, so that a report's totals (and
        // `--max-warnings`) still count every problem.
        const notShown: NotShownCounts = {};
        for (let i = MAX_CHECK_DIAGNOSTICS; i < diagnostics.length; i++) {
            const severity = SEVERITY_NAMES[diagnostics[i].severity ?? 1] ?? 'error';
            notShown[severity] = (notShown[severity] ?? 0) + 1;
        }
        const last = shown[shown.length - 1];
        shown[shown.length - 1] = {
            ...last,
            message: `${last.message} (and ${diagnostics.length - MAX_CHECK_DIAGNOSTICS} more problems in this file, not shown)`,
            data: { ...(last.data as object | undefined), notShown },
        };
        return shown;
    }

    /**
     * Runs the checks of every node, as Langium's validator does, over a plain walk of the tree
     * (`pushChildren`, the order of `astNodes`) instead of streams, with the checks of each type
     * looked up once per walk; it checks for cancellation every 256 nodes instead of at each. The walk
     * goes as the checks go, so that no part of it, even on a file of megabytes, keeps other work
     * (the next keystroke, a hover) waiting for more than a few milliseconds.
     */
    protected override async validateAstNodes(rootNode: AstNode, options: ValidationOptions, acceptor: ValidationAcceptor, cancelToken = CancellationToken.None): Promise<void> {
        if (this.profiler?.isActive('validating')) return super.validateAstNodes(rootNode, options, acceptor, cancelToken);
        // The registry answers with a stream per node; the checks of a type are the same for the whole walk.
        const checksByType = new Map<string, ValidationCheck[]>();
        const stack: AstNode[] = [rootNode];
        for (let i = 0; stack.length > 0; i++) {
            if ((i & 255) === 0) await interruptAndCheck(cancelToken);
            const node = stack.pop()!;
            const nodeOptions = this.validateSingleNodeOptions(node, options);
            if (nodeOptions.validateNode) {
                let checks = checksByType.get(node.$type);
                if (!checks) checksByType.set(node.$type, (checks = this.validationRegistry.getChecks(node.$type, options.categories).toArray()));
                for (const check of checks) {
                    // Synchronous checks return nothing (see MasterplanValidationRegistry): no promise to wait for.
                    const pending = check(node, acceptor, cancelToken);
                    if (pending) await pending;
                }
            }
            if (nodeOptions.validateChildren) pushChildren(node, stack);
        }
    }

    /** Lexer errors, converted only as far as they are shown (a binary-like file has millions). */
    protected override processLexingErrors(parseResult: ParseResult, diagnostics: Diagnostic[], options: ValidationOptions): void {
        const errors = parseResult.lexerErrors;
        if (errors.length <= MAX_SYNTAX_ERRORS + 1) {
            super.processLexingErrors(parseResult, diagnostics, options);
            return;
        }
        const shown = { ...parseResult, lexerErrors: errors.slice(0, MAX_SYNTAX_ERRORS), lexerReport: undefined } as ParseResult;
        super.processLexingErrors(shown, diagnostics, options);
        const last = diagnostics[diagnostics.length - 1];
        last.message = `${plainSyntaxMessage(last.message)} (and ${errors.length - MAX_SYNTAX_ERRORS} more unexpected characters in this file)`;
        (last.data as { code?: string }).code = 'mplan-capped';
        last.code = 'syntax-error';
    }

    protected override processLinkingErrors(document: LangiumDocument, diagnostics: Diagnostic[]): void {
        for (const reference of document.references) {
            const error = reference.error;
            if (!error) continue;
            const info = error.info as ReferenceInfo;
            const referenceType = this.services.shared.AstReflection.getReferenceType(info);
            const refText = reference.$refText;
            const suggestions = this.suggest(info, refText);
            const word = REFERENCE_WORDS[referenceType] ?? referenceType;
            let message = `No ${word} named '${refText}' in this plan.`;
            if (suggestions.length > 0) {
                message += ` Did you mean ${suggestions.map(s => `'${s}'`).join(', or ')}?`;
            } else {
                message += ` Declare it, or check the spelling.`;
            }
            const data: UnresolvedReferenceData = { code: 'unresolved-reference', referenceType, refText, suggestions };
            diagnostics.push(this.toDiagnostic('error', message, {
                node: info.container,
                range: reference.$refNode?.range,
                property: info.property,
                index: info.index,
                code: 'unresolved-reference',
                data,
            }));
        }
    }

    private suggest(info: ReferenceInfo, refText: string): string[] {
        try {
            const scope = this.services.references.ScopeProvider.getScope(info);
            // Aliases name the same node as their dimension: suggest each target once.
            const byTarget = new Map<string, string>();
            const candidates = closestNames(refText, scope.getAllElements().map(d => d.name), 10);
            const wanted = new Set(candidates);
            const targets = new Map(scope.getAllElements().filter(d => wanted.has(d.name)).map(d => [d.name, `${d.documentUri.toString()}#${d.path}`]));
            for (const name of candidates) {
                const target = targets.get(name) ?? name;
                if (!byTarget.has(target)) byTarget.set(target, name);
            }
            return [...byTarget.values()].slice(0, 3);
        } catch {
            return [];
        }
    }
}

/**
 * Rewrites Chevrotain's messages ("Expecting: one of these possible Token sequences: 1. [short] …
 * but found: 'soon'") as one plain sentence: "Expected short, medium or long, but found 'soon'."
 */
export function plainSyntaxMessage(message: string): string {
    const word = (token: string) => {
        const trimmed = token.trim();
        for (const [pattern, words] of TOKEN_WORDS) {
            if (`'${trimmed}'`.match(pattern)) return words;
        }
        return `'${trimmed}'`;
    };
    const found = /but found:?\s*(['`])([\s\S]*?)\1\.?\s*$/.exec(message);
    const foundText = found ? (found[2] === '' ? 'the end of the file' : `'${found[2].slice(0, 40)}'`) : undefined;
    const sequences = [...message.matchAll(/\[([^\]\n]+)\]/g)].map(m => m[1].split(',').map(word).join(' '));
    if (sequences.length > 0 && foundText) {
        const unique = [...new Set(sequences)];
        const shown = unique.length > 8 ? [...unique.slice(0, 8), 'others'] : unique;
        const list = shown.length === 1 ? shown[0] : `${shown.slice(0, -1).join(', ')} or ${shown.at(-1)}`;
        return `Expected ${list}, but found ${foundText}.`;
    }
    const single = /^Expecting token of type '([^']+)' but found `([\s\S]*)`\.?$/.exec(message);
    if (single) {
        return `Expected ${word(single[1])}, but found ${single[2] === '' ? 'the end of the file' : `'${single[2].slice(0, 40)}'`}.`;
    }
    const lexing = /^unexpected character: ->(.)<- at offset: \d+, skipped (\d+) characters?\.$/.exec(message);
    if (lexing) {
        return `Unexpected character '${lexing[1]}' (U+${lexing[1].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}); it is not part of the language. Remove it, or put it inside a "quoted text".`;
    }
    let result = message;
    for (const [pattern, words] of TOKEN_WORDS) result = result.replace(pattern, words);
    return result.replace(/\s+/g, ' ').trim();
}
