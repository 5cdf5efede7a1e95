import { isCompositeCstNode, type AstNode, type CstNode } from 'langium';

/**
 * The CST node of a node's own rule. A node reached through an unassigned rule call
 * (`Initiative: Programme | QuickWin`, `TopLevel: Masterplan | …`) has a CST node that only wraps the
 * one of the called rule; this steps down to the node that holds the rule's own tokens.
 */
export function ownCstNode(node: AstNode): CstNode | undefined {
    let cst = node.$cstNode;
    while (cst && isCompositeCstNode(cst) && cst.content.length === 1 && isCompositeCstNode(cst.content[0])) cst = cst.content[0];
    return cst;
}
