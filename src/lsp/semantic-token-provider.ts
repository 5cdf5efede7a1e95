import type { AstNode } from 'langium';
import { AbstractSemanticTokenProvider, type SemanticTokenAcceptor } from 'langium/lsp';
import { SemanticTokenModifiers, SemanticTokenTypes } from 'vscode-languageserver';
import {
    isBudgetEntry, isDimension, isElement, isFramework, isIndicator, isInitiative, isMasterplan, isMoney, isOwner, isPillar, isQuickWin, isRpjmd, isRpjmdGoal, isRpjmdMission, isRpjmdObjective, isRpjmdProgram, isWorkshop, isYearValue,
} from '../language/generated/ast.js';

/** What kind of token each declaration's name is, in its declaration and where it is referred to. */
const DECLARATION_TYPES: Array<[(node: AstNode) => boolean, string]> = [
    [isMasterplan, SemanticTokenTypes.namespace],
    [isOwner, SemanticTokenTypes.class],
    [isPillar, SemanticTokenTypes.namespace],
    [isInitiative, SemanticTokenTypes.function],
    [isRpjmd, SemanticTokenTypes.namespace],
    [isRpjmdMission, SemanticTokenTypes.type],
    [isRpjmdGoal, SemanticTokenTypes.type],
    [isRpjmdObjective, SemanticTokenTypes.property],
    [isRpjmdProgram, SemanticTokenTypes.method],
    [isWorkshop, SemanticTokenTypes.event],
    [isFramework, SemanticTokenTypes.namespace],
    [isDimension, SemanticTokenTypes.enum],
    [isElement, SemanticTokenTypes.enumMember],
];

function tokenTypeOf(node: AstNode | undefined): string | undefined {
    if (!node) return undefined;
    return DECLARATION_TYPES.find(([is]) => is(node))?.[1];
}

/**
 * Semantic colouring: declarations (with the `declaration` modifier) and references by what they
 * name, quick wins marked with a modifier, years and money as numbers, scale words as keywords.
 */
export class MasterplanSemanticTokenProvider extends AbstractSemanticTokenProvider {
    protected highlightElement(node: AstNode, acceptor: SemanticTokenAcceptor): void {
        const declared = tokenTypeOf(node);
        if (declared && 'name' in node && node.$container) {
            acceptor({ node, property: 'name' as never, type: declared, modifier: isQuickWin(node) ? [SemanticTokenModifiers.declaration, SemanticTokenModifiers.static] : SemanticTokenModifiers.declaration });
        }
        const references: Array<[string, number | undefined]> = [];
        for (const [property, value] of Object.entries(node)) {
            if (property.startsWith('$')) continue;
            if (Array.isArray(value)) {
                value.forEach((item, index) => { if (item && typeof item === 'object' && '$refText' in item) references.push([property, index]); });
            } else if (value && typeof value === 'object' && '$refText' in value) {
                references.push([property, undefined]);
            }
        }
        for (const [property, index] of references) {
            const reference = index === undefined ? (node as unknown as Record<string, { ref?: AstNode }>)[property] : (node as unknown as Record<string, Array<{ ref?: AstNode }>>)[property][index];
            const type = tokenTypeOf(reference.ref);
            if (type) acceptor({ node, property: property as never, index, type, modifier: isQuickWin(reference.ref!) ? SemanticTokenModifiers.static : undefined });
        }
        if (isMoney(node)) {
            acceptor({ node, property: 'amount', type: SemanticTokenTypes.number });
            if (node.scale) acceptor({ node, property: 'scale', type: SemanticTokenTypes.keyword });
        } else if (isBudgetEntry(node) || isYearValue(node)) {
            acceptor({ node, property: 'year', type: SemanticTokenTypes.number });
        } else if (isIndicator(node)) {
            acceptor({ node, property: 'title', type: SemanticTokenTypes.string });
        }
    }
}
