import { CstNodeBuilder, CstUtils, LeafCstNodeImpl, createLangiumParser, type CompositeCstNode, type CstNode, type LangiumCoreServices, type LangiumParser } from 'langium';

/** What Chevrotain's tokens carry that a leaf needs (chevrotain is not a direct dependency). */
type Token = Parameters<CstNodeBuilder['addHiddenNodes']>[0][number];

/**
 * Langium's CST builder with hidden tokens (white space, comments) attached in constant time.
 *
 * Langium 4.2.1 finds a fresh node among its parent's children with `indexOf`, scanning from the
 * first child; the fresh node is the last one, so a file with n declarations costs O(n²) (a file of
 * 80 000 owners took 15 s). Searching from the end makes it O(1), with the same result. Arrays are
 * extended with loops instead of spreads, which overflow the stack for millions of tokens.
 */
export class LinearCstNodeBuilder extends CstNodeBuilder {
    override addHiddenNodes(tokens: Token[]): void {
        // Langium calls this before every token it consumes, mostly with none.
        if (tokens.length === 0) return;
        const root = (this as unknown as { rootNode: CompositeCstNode }).rootNode;
        const nodes: CstNode[] = [];
        for (const token of tokens) {
            const leaf = new LeafCstNodeImpl(token.startOffset, token.image.length, CstUtils.tokenToRange(token), token.tokenType, true);
            leaf.root = root as never;
            nodes.push(leaf);
        }
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

    override removeNode(node: CstNode): void {
        const siblings = node.container?.content;
        const index = siblings ? siblings.lastIndexOf(node) : -1;
        if (siblings && index >= 0) siblings.splice(index, 1);
    }
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
