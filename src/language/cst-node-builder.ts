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

/** Inserts in place (Langium's content arrays set each item's container in push and splice). */
function insertAt(array: CstNode[], index: number, items: CstNode[]): void {
    const tail = array.splice(index, array.length - index);
    for (const item of items) array.push(item);
    for (const item of tail) array.push(item);
}

/** Langium's parser for this grammar, building its syntax tree with {@link LinearCstNodeBuilder}. */
export function createMasterplanParser(services: LangiumCoreServices): LangiumParser {
    const parser = createLangiumParser(services);
    Object.defineProperty(parser, 'nodeBuilder', { value: new LinearCstNodeBuilder(), writable: false });
    return parser;
}
