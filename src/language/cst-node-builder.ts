import {
    CstNodeBuilder, createLangiumParser,
    type AstNode, type CompositeCstNode, type CstNode, type GrammarAST, type LangiumCoreServices, type LangiumParser, type LeafCstNode, type RootCstNode,
} from 'langium';
import type { Range } from 'vscode-languageserver';

/** What Chevrotain's tokens carry that a leaf needs (chevrotain is not a direct dependency). */
type Token = Parameters<CstNodeBuilder['addHiddenNodes']>[0][number];

/**
 * A leaf of the syntax tree as Langium's `LeafCstNodeImpl` behaves, in less memory.
 *
 * A 12 MB plan has about a million tokens, and Langium's leaves were most of its memory: each kept
 * the `Range` that `CstUtils.tokenToRange` makes (three objects: a range and two positions, with
 * their numbers boxed by V8, as Chevrotain's tokens hold them as doubles) beside ten fields, some
 * 290 bytes a token, for ranges hardly ever read (diagnostics, hovers and the formatter read some).
 * This leaf keeps seven small fields (80 bytes): the token's start line and column as small
 * integers, from which `range` makes the same range as `tokenToRange` as a fresh object on each
 * read; its length and whether it is hidden in one integer; no `root` (found through the containers).
 * A token on one line (nearly all) ends on its start line, `length - 1` columns further; one that
 * does not (a text block, a comment, white space over lines) is a {@link SpanningLeafCstNode},
 * which keeps Chevrotain's end line and column too.
 */
class CompactLeafCstNode implements LeafCstNode {
    /** Set when the leaf is pushed into its container's `content`. */
    container?: CompositeCstNode = undefined;
    grammarSource?: GrammarAST.AbstractElement;
    readonly tokenType: Token['tokenType'];
    private readonly _offset: number;
    /** `length * 2`, plus 1 when hidden. */
    private readonly lengthAndHidden: number;
    /** Chevrotain's 1-based start line and column of the token. */
    protected readonly line: number;
    protected readonly column: number;

    constructor(token: Token, hidden: boolean, feature: GrammarAST.AbstractElement | undefined) {
        this.grammarSource = feature;
        this.tokenType = token.tokenType;
        // `| 0`: Chevrotain's tokens hold their numbers as doubles (its EOF token has NaN in the same
        // fields); copied as they are, V8 would box every leaf's numbers in heap objects of their own.
        this._offset = token.startOffset | 0;
        this.lengthAndHidden = token.image.length * 2 + (hidden ? 1 : 0);
        this.line = token.startLine! | 0;
        this.column = token.startColumn! | 0;
    }

    get offset(): number {
        return this._offset;
    }

    get length(): number {
        return this.lengthAndHidden >> 1;
    }

    get end(): number {
        return this._offset + this.length;
    }

    get hidden(): boolean {
        return (this.lengthAndHidden & 1) === 1;
    }

    get range(): Range {
        const line = this.line - 1;
        const character = this.column - 1;
        return { start: { character, line }, end: { character: character + this.length, line } };
    }

    get root(): RootCstNode {
        let node = this.container;
        while (node?.container) node = node.container;
        return node as RootCstNode;
    }

    get text(): string {
        return this.root.fullText.substring(this.offset, this.end);
    }

    get astNode(): AstNode {
        const node = this.container?.astNode;
        if (!node) {
            throw new Error('This node has no associated AST element');
        }
        return node;
    }
}

/** A leaf whose token does not end on its start line `length - 1` columns further. */
class SpanningLeafCstNode extends CompactLeafCstNode {
    /** Chevrotain's 1-based end line and its end column (the LSP's exclusive end character). */
    private readonly endLine: number;
    private readonly endColumn: number;

    constructor(token: Token, hidden: boolean, feature: GrammarAST.AbstractElement | undefined) {
        super(token, hidden, feature);
        this.endLine = token.endLine! | 0;
        this.endColumn = token.endColumn! | 0;
    }

    override get range(): Range {
        return { start: { character: this.column - 1, line: this.line - 1 }, end: { character: this.endColumn, line: this.endLine - 1 } };
    }
}

/** A leaf for the token, with the same offset, length, range and token type as Langium's. */
function leafOf(token: Token, hidden: boolean, feature?: GrammarAST.AbstractElement): CompactLeafCstNode {
    const singleLine = token.endLine === token.startLine && token.endColumn === token.startColumn! + token.image.length - 1;
    return singleLine ? new CompactLeafCstNode(token, hidden, feature) : new SpanningLeafCstNode(token, hidden, feature);
}

/**
 * Langium's CST builder with hidden tokens (white space, comments) attached in constant time, and
 * leaves that keep no range objects ({@link CompactLeafCstNode}).
 *
 * Langium 4.2.1 finds a fresh node among its parent's children with `indexOf`, scanning from the
 * first child; the fresh node is the last one, so a file with n declarations costs O(n²) (a file of
 * 80 000 owners took 15 s). Searching from the end makes it O(1), with the same result. Arrays are
 * extended with loops instead of spreads, which overflow the stack for millions of tokens.
 */
export class LinearCstNodeBuilder extends CstNodeBuilder {
    /** As Langium's, with a {@link CompactLeafCstNode}. */
    override buildLeafNode(token: Token, feature?: GrammarAST.AbstractElement): LeafCstNode {
        const leaf = leafOf(token, !feature, feature);
        this.current.content.push(leaf);
        return leaf;
    }

    override addHiddenNodes(tokens: Token[]): void {
        // Langium calls this before every token it consumes, mostly with none.
        if (tokens.length === 0) return;
        const root = (this as unknown as { rootNode: CompositeCstNode }).rootNode;
        const nodes: CstNode[] = [];
        for (const token of tokens) nodes.push(leafOf(token, true));
        let current: CompositeCstNode = this.current;
        if (current.content.length > 0) {
            for (const node of nodes) current.content.push(node);
            return;
        }
        // A fresh node: put the hidden nodes before it, in the first ancestor that has content before it.
        while (current.container) {
            const siblings = current.container.content;
            const index = siblings.lastIndexOf(current);
            if (index > 0) {
                insertAt(siblings, index, nodes);
                return;
            }
            current = current.container;
        }
        insertAt(root.content, 0, nodes);
    }

    /**
     * As Langium's, and then the finished node's children and the AST node's lists are copied into
     * arrays of their exact size: V8 grows an array by half plus 16 slots, so a node with three
     * children or a list of two items kept room for 17 (152 bytes). The node is closed: the parser
     * adds nothing to it any more (hidden tokens go into open nodes only).
     */
    override construct(item: ConstructedItem): void {
        const node = this.current;
        super.construct(item);
        const root = (this as unknown as { rootNode: CompositeCstNode }).rootNode;
        if (node !== root && node.content.length > 0 && node.content.length <= MAX_COMPACTED) {
            (node as { content: CstNode[] }).content = exactCopy(node.content);
        }
        if (typeof item.$type !== 'string') return;
        const fields = item as unknown as Record<string, unknown>;
        for (const key in fields) {
            const value = fields[key];
            if (Array.isArray(value) && value.length > 0 && value.length <= MAX_COMPACTED) fields[key] = value.slice();
        }
    }

    override removeNode(node: CstNode): void {
        const siblings = node.container?.content;
        const index = siblings ? siblings.lastIndexOf(node) : -1;
        if (siblings && index >= 0) siblings.splice(index, 1);
    }
}

type ConstructedItem = Parameters<CstNodeBuilder['construct']>[0];

/** Longer arrays are left as they are (their spare room is relatively smaller, and copying costs). */
const MAX_COMPACTED = 64;

/**
 * A copy of a node's `content` with room for its children only: the same kind of array (Langium's
 * `CstNodeContainer`, whose `push` sets the container of what it adds), with the same parent.
 */
function exactCopy(content: CstNode[]): CstNode[] {
    // `new Array(a, b, …)` allocates exactly its arguments (the children are objects, never a lone number).
    const copy = Reflect.construct(Array, content, content.constructor) as CstNode[] & { parent?: unknown };
    copy.parent = (content as CstNode[] & { parent?: unknown }).parent;
    return copy;
}

/**
 * Inserts in place. Langium's content arrays are an `Array` subclass whose `push` sets each item's
 * container; their `splice` is slow (V8 takes its generic path for such arrays, and makes a new
 * instance of the subclass for what it removes): 1 700 comments in 12 MB cost half a second through
 * `splice`. So the items are pushed (which sets their container) and the tail moved by index.
 */
function insertAt(array: CstNode[], index: number, items: CstNode[]): void {
    const end = array.length;
    for (const item of items) array.push(item);
    for (let i = end - 1; i >= index; i--) array[i + items.length] = array[i];
    for (let k = 0; k < items.length; k++) array[index + k] = items[k];
}

/** Langium's parser for this grammar, building its syntax tree with {@link LinearCstNodeBuilder}. */
export function createMasterplanParser(services: LangiumCoreServices): LangiumParser {
    const parser = createLangiumParser(services);
    Object.defineProperty(parser, 'nodeBuilder', { value: new LinearCstNodeBuilder(), writable: false });
    return parser;
}
