import { GrammarAST, isCompositeCstNode, type AstNode, type CstNode } from 'langium';
import { AbstractFormatter, Formatting, type FormattingAction } from 'langium/lsp';
import { isDocument, isOwner } from '../language/generated/ast.js';
import { ownCstNode } from '../language/cst-utils.js';

/** Keywords that join the parts of a value, never start a property. */
const JOINERS = new Set([',', '..', ':', '.', 'en', 'of']);

/**
 * The one canonical layout of a plan:
 * - top-level declarations separated by one blank line (consecutive owners may stay together);
 * - `{` at the end of the declaration's line, its contents indented by four spaces, one property
 *   or nested declaration per line, `}` on a line of its own;
 * - one-line declarations (owners, RPJMD programs, indicators, readiness items) on one line,
 *   parts separated by one space;
 * - `a, b` in lists, `2020..2029` in ranges, `2021: Rp 800 juta` in budgets.
 * Comments are kept. Formatting a formatted plan changes nothing.
 */
export class MasterplanFormatter extends AbstractFormatter {
    protected format(node: AstNode): void {
        if (isDocument(node)) {
            this.formatDocumentLevel(node.elements);
            return;
        }
        const f = this.getNodeFormatter(node);
        const open = f.keyword('{');
        const close = f.keyword('}');
        const isBlock = directKeyword(node, '{') !== undefined;
        const insideBlock = node.$container !== undefined && !isDocument(node.$container) && directKeyword(node.$container, '{') !== undefined;

        // Spacing between the parts of any declaration or value.
        // A list may continue on the next line, indented.
        f.keywords(',').prepend(Formatting.noSpace()).append(continuation(isBlock ? 2 : 1));
        f.keywords('..').surround(Formatting.noSpace());
        f.keywords(':').prepend(Formatting.noSpace()).append(Formatting.oneSpace());
        f.keywords('.').surround(Formatting.noSpace());

        if (insideBlock && LINE_DECLARATIONS.has(node.$type)) {
            // A nested declaration (programme, indicator, mission…) starts its own line, one level in;
            // the indentation holds for everything inside it.
            // Blank lines the author put between declarations stay.
            f.node(node).prepend(Formatting.indent({ allowMore: true }));
        }
        if (isBlock) {
            open.prepend(Formatting.oneSpace());
            close.prepend(Formatting.newLine());
            // Every property of a block starts a line, one level in.
            const properties = propertyKeywords(node);
            if (properties.length > 0) f.cst(properties).prepend(Formatting.indent({ allowMore: true }));
        }
        // Comments: one on the line of the code before it stays there; others go where the next line goes.
        for (const comment of comments(node)) {
            const previous = comment.previous;
            if (previous && previous.range.end.line === comment.node.range.start.line) {
                f.cst([comment.node]).prepend(Formatting.oneSpace());
            } else if (isBlock && comment.insideBraces) {
                f.cst([comment.node]).prepend(Formatting.indent({ allowMore: true }));
            }
        }
        // Everything else on the declaration's lines: one space between tokens.
        const inline = inlineTokens(node, isBlock);
        if (inline.length > 0) f.cst(inline).prepend(Formatting.oneSpace());
        // In a one-line declaration, a property may go on a continuation line, indented.
        if (!isBlock) {
            const continued = directChildren(node).slice(1).filter(c => GrammarAST.isKeyword(c.grammarSource) && !JOINERS.has(c.grammarSource.value));
            if (continued.length > 0) f.cst(continued).prepend(continuation(1));
        }
    }

    private formatDocumentLevel(elements: readonly AstNode[]): void {
        elements.forEach((element, index) => {
            const f = this.getNodeFormatter(element);
            if (index === 0) {
                f.node(element).prepend(Formatting.noIndent());
            } else if (isOwner(element) && isOwner(elements[index - 1])) {
                f.node(element).prepend(Formatting.fit(Formatting.newLine(), Formatting.newLines(2)));
            } else {
                f.node(element).prepend(Formatting.newLines(2));
            }
        });
    }
}

function directChildren(node: AstNode): CstNode[] {
    const cst = ownCstNode(node);
    return cst && isCompositeCstNode(cst) ? cst.content.filter(c => !c.hidden) : [];
}

/** Either one space, or a continuation line indented `tabs` levels deeper than the declaration. */
function continuation(tabs: number): FormattingAction {
    return Formatting.fit(Formatting.oneSpace(), { options: {}, moves: [{ tabs, lines: 1 }] });
}

/** The comments among a node's own tokens, each with the token before it. */
function comments(node: AstNode): Array<{ node: CstNode; previous?: CstNode; insideBraces: boolean }> {
    const cst = ownCstNode(node);
    if (!cst || !isCompositeCstNode(cst)) return [];
    const result: Array<{ node: CstNode; previous?: CstNode; insideBraces: boolean }> = [];
    let previous: CstNode | undefined;
    let open = false;
    for (const child of cst.content) {
        if (child.hidden) {
            if (/^\/[/*]/.test(child.text)) result.push({ node: child, previous, insideBraces: open });
            continue;
        }
        if (GrammarAST.isKeyword(child.grammarSource) && child.grammarSource.value === '{') open = true;
        if (GrammarAST.isKeyword(child.grammarSource) && child.grammarSource.value === '}') open = false;
        previous = child;
    }
    return result;
}

function directKeyword(node: AstNode, keyword: string): CstNode | undefined {
    return directChildren(node).find(c => GrammarAST.isKeyword(c.grammarSource) && c.grammarSource.value === keyword);
}

/** The keywords between a block's braces that begin a property (`owner`, `years`, `budget` …). */
function propertyKeywords(node: AstNode): CstNode[] {
    const children = directChildren(node);
    const open = children.findIndex(c => GrammarAST.isKeyword(c.grammarSource) && c.grammarSource.value === '{');
    const result: CstNode[] = [];
    for (let i = open + 1; i < children.length; i++) {
        const source = children[i].grammarSource;
        if (GrammarAST.isKeyword(source) && source.value !== '}' && !JOINERS.has(source.value)) result.push(children[i]);
    }
    return result;
}

/**
 * The tokens of the declaration's own lines that follow another token on the same line: in a block,
 * those before `{` and the values after each property keyword; in a one-line declaration, all but the first.
 */
function inlineTokens(node: AstNode, isBlock: boolean): CstNode[] {
    const children = directChildren(node);
    const result: CstNode[] = [];
    const open = isBlock ? children.findIndex(c => GrammarAST.isKeyword(c.grammarSource) && c.grammarSource.value === '{') : children.length;
    for (let i = 1; i < children.length; i++) {
        const source = children[i].grammarSource;
        if (GrammarAST.isKeyword(source) && (JOINERS.has(source.value) || source.value === '{' || source.value === '}')) continue;
        const previous = children[i - 1].grammarSource;
        if (GrammarAST.isKeyword(previous) && [',', '..', ':', '.'].includes(previous.value)) continue;
        if (i < open) {
            result.push(children[i]);
            continue;
        }
        // Inside a block: a value that follows its property keyword (or a previous value) stays on that line.
        if (!GrammarAST.isKeyword(source) && !isNestedDeclaration(children[i])) result.push(children[i]);
    }
    return result;
}

/** Declarations that sit on lines of their own inside a block. */
const LINE_DECLARATIONS = new Set(['Indicator', 'Programme', 'QuickWin', 'RpjmdMission', 'RpjmdGoal', 'RpjmdObjective', 'RpjmdProgram', 'Aspect', 'ReadinessItem', 'Dimension', 'Element']);

/** A child that is itself a declaration of a block (starts its own line). */
function isNestedDeclaration(cst: CstNode): boolean {
    return LINE_DECLARATIONS.has(cst.astNode.$type) && cst.astNode.$cstNode !== undefined && ownCstNode(cst.astNode) !== undefined && (cst.astNode.$cstNode === cst || ownCstNode(cst.astNode) === cst);
}
