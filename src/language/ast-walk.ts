import { isAstNode, isMultiReference, isReference, type AstNode, type ReferenceInfo } from 'langium';

/**
 * The nodes of a tree in the order of Langium's `streamAst` (the root, then each property's nodes
 * depth first, in property order), as an array.
 *
 * Langium walks a tree through streams: an iterator object with closures per node, and another per
 * node to find its references. Linking and validating a 12 MB plan (a million nodes) spent about a
 * tenth of their time there; a plain loop over the properties does the same walk.
 */
export function astNodes(root: AstNode): AstNode[] {
    const out: AstNode[] = [];
    // A stack, not recursion: a broken file can nest ten thousand levels deep.
    const stack: AstNode[] = [root];
    while (stack.length > 0) {
        const node = stack.pop()!;
        out.push(node);
        pushChildren(node, stack);
    }
    return out;
}

/**
 * Pushes a node's children onto a stack so that popping gives them in `astNodes` order (the first
 * child first): a walk that pops a node, visits it and pushes its children visits the tree as
 * `astNodes` lists it, and may stop at any point or leave out a node's children.
 */
export function pushChildren(node: AstNode, stack: AstNode[]): void {
    const start = stack.length;
    const fields = node as unknown as Record<string, unknown>;
    for (const key in fields) {
        if (key.charCodeAt(0) === 36 /* $ */) continue;
        const value = fields[key];
        if (Array.isArray(value)) {
            for (let i = 0; i < value.length; i++) {
                if (isAstNode(value[i])) stack.push(value[i]);
            }
        } else if (isAstNode(value)) {
            stack.push(value);
        }
    }
    // The children were pushed in order; reversed, the first is popped first.
    for (let i = start, j = stack.length - 1; i < j; i++, j--) {
        const t = stack[i];
        stack[i] = stack[j];
        stack[j] = t;
    }
}

/** The references of one node, as Langium's `streamReferences` gives them, to `each`. */
export function forEachReference(node: AstNode, each: (info: ReferenceInfo) => void): void {
    const fields = node as unknown as Record<string, unknown>;
    for (const key in fields) {
        if (key.charCodeAt(0) === 36 /* $ */) continue;
        const value = fields[key];
        if (isReference(value) || isMultiReference(value)) {
            each({ reference: value, container: node, property: key });
        } else if (Array.isArray(value)) {
            for (let index = 0; index < value.length; index++) {
                const element = value[index];
                if (isReference(element) || isMultiReference(element)) each({ reference: element, container: node, property: key, index });
            }
        }
    }
}
