import { AstUtils, type AstNode } from 'langium';
import type { SourceRef } from './outline.js';

/**
 * Where a node of the plan comes from: its document's URI and the range of its text (0-based),
 * with its type and name. Undefined for nodes that are not in a document or have no text (nodes
 * recovered from a syntax error), so the books never point at nothing.
 */
export function sourceOf(node: AstNode | undefined): SourceRef | undefined {
    if (!node) return undefined;
    const cst = node.$cstNode;
    if (!cst) return undefined;
    let uri: string;
    try {
        uri = AstUtils.getDocument(node).uri.toString();
    } catch {
        return undefined;
    }
    const { start, end } = cst.range;
    const name = (node as { name?: unknown }).name;
    return {
        uri,
        range: { start: { line: start.line, character: start.character }, end: { line: end.line, character: end.character } },
        kind: node.$type,
        ...(typeof name === 'string' && name ? { name } : {}),
    };
}
