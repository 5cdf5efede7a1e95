import { AstUtils, GrammarAST, GrammarUtils, isCompositeCstNode, type AstNode, type CstNode, type ValidationAcceptor, type ValidationCheck, type ValidationChecks } from 'langium';
import type { Document, Masterplan, MasterplanLanguageAstType, Rpjmd } from '../language/generated/ast.js';
import { ownCstNode } from '../language/cst-utils.js';
import type { CheckContext } from './context.js';

/** Names, plan roots and properties: duplicate-name, missing-masterplan, multiple-masterplans, duplicate-property, missing-property. */
export class NameChecks {
    /** @param grammar the language's grammar: it says which declarations can give a property twice. */
    constructor(private readonly ctx: CheckContext, private readonly grammar: GrammarAST.Grammar) {}

    checks(): ValidationChecks<MasterplanLanguageAstType> {
        const checks: ValidationChecks<MasterplanLanguageAstType> = {
            Masterplan: [this.masterplanProperties],
            Rpjmd: [this.rpjmdProperties],
        };
        // duplicate-property only where the grammar lets it happen: most nodes (budget entries, sums,
        // year ranges) cannot, and looking through their syntax was a third of the checks' time.
        const byType = checks as unknown as Record<string, ValidationCheck[]>;
        for (const type of typesWithRepeatableProperties(this.grammar)) (byType[type] ??= []).push(this.duplicateProperty);
        return checks;
    }

    planChecks(): ValidationChecks<MasterplanLanguageAstType> {
        return {
            AstNode: this.duplicateName,
            Document: this.planRoot,
            Masterplan: this.multipleMasterplans,
        };
    }

    duplicateName = (node: AstNode, accept: ValidationAcceptor): void => {
        if (!('name' in node) || !node.$container) return;
        const duplicate = this.ctx.plan(node)?.duplicates.get(node);
        if (!duplicate) return;
        const where = describeLocation(duplicate.first);
        this.ctx.report(accept, 'duplicate-name', `'${duplicate.name}' is already declared ${where}; names must be unique within a plan. Rename one of them.`, node, { property: 'name' as never });
    };

    planRoot = (document: Document, accept: ValidationAcceptor): void => {
        const first = document.elements?.[0];
        if (!first) return;
        const plan = this.ctx.plan(document);
        if (plan && !plan.hasMasterplan) {
            this.ctx.report(accept, 'missing-masterplan',
                'This file belongs to no plan: no file in its folder or above declares a `masterplan`. Add one (`mplan init` writes a plan), or move the file into a plan folder.',
                first);
        }
    };

    multipleMasterplans = (node: Masterplan, accept: ValidationAcceptor): void => {
        const plan = this.ctx.plan(node);
        if (!plan || plan.masterplans.length < 2 || plan.masterplans[0] === node) return;
        this.ctx.report(accept, 'multiple-masterplans',
            `This plan folder already has the masterplan '${plan.masterplans[0].name}' (${describeLocation(plan.masterplans[0])}); put each plan in a folder of its own.`,
            node, { property: 'name' });
    };

    masterplanProperties = (node: Masterplan, accept: ValidationAcceptor): void => {
        if (!node.period) {
            this.ctx.report(accept, 'missing-property', `The masterplan has no \`period\`; add one such as \`period 2020..2029\`, so that programme years can be checked against it.`, node, { property: 'name' });
        }
        if (!node.vision) {
            this.ctx.report(accept, 'missing-property', 'The masterplan has no `vision`; Books II and III open with it.', node, { property: 'name' });
        }
    };

    rpjmdProperties = (node: Rpjmd, accept: ValidationAcceptor): void => {
        if (!node.period) {
            this.ctx.report(accept, 'missing-property', `The RPJMD has no \`period\`; add its five years, such as \`period 2019..2024\`, so that links to it can be checked.`, node, { property: 'name' });
        }
    };

    /** A property that takes one value, written twice in one declaration. */
    duplicateProperty = (node: AstNode, accept: ValidationAcceptor): void => {
        const cst = ownCstNode(node);
        if (!cst || !isCompositeCstNode(cst)) return;
        let seen: Map<string, CstNode> | undefined;
        const children = cst.content;
        for (let i = 0; i < children.length - 1; i++) {
            const keyword = children[i];
            if (!GrammarAST.isKeyword(keyword.grammarSource)) continue;
            const feature = singleValuedFeature(children[i + 1].grammarSource);
            if (feature === undefined) continue;
            seen ??= new Map();
            if (seen.has(feature)) {
                const word = (keyword.grammarSource as GrammarAST.Keyword).value;
                this.ctx.report(accept, 'duplicate-property',
                    `\`${word}\` is given more than once here; only the last one counts. Remove one of them.`,
                    node, { range: { start: keyword.range.start, end: children[i + 1].range.end } });
            } else {
                seen.set(feature, keyword);
            }
        }
    };
}

/**
 * The types whose declarations can give a single-valued property twice: those whose rule has an `=`
 * assignment (other than `name`) inside a repeated or unordered group, directly or in a fragment.
 */
export function typesWithRepeatableProperties(grammar: GrammarAST.Grammar): string[] {
    const types = new Set<string>();
    for (const rule of grammar.rules) {
        if (!GrammarAST.isParserRule(rule) || rule.fragment || GrammarUtils.isDataTypeRule(rule)) continue;
        if (repeatsAssignment(rule.definition, false, [rule])) types.add(GrammarUtils.getRuleTypeName(rule));
    }
    return [...types].sort();
}

function repeatsAssignment(element: GrammarAST.AbstractElement, inLoop: boolean, path: GrammarAST.ParserRule[]): boolean {
    const repeated = inLoop || element.cardinality === '*' || element.cardinality === '+' || GrammarAST.isUnorderedGroup(element);
    if (GrammarAST.isAssignment(element)) return repeated && element.operator === '=' && element.feature !== 'name';
    if (GrammarAST.isRuleCall(element)) {
        const rule = element.rule.ref;
        if (!GrammarAST.isParserRule(rule) || !rule.fragment || path.includes(rule)) return false;
        return repeatsAssignment(rule.definition, repeated, [...path, rule]);
    }
    if (GrammarAST.isGroup(element) || GrammarAST.isAlternatives(element) || GrammarAST.isUnorderedGroup(element)) {
        return element.elements.some(child => repeatsAssignment(child, repeated, path));
    }
    return false;
}

/** Per grammar element: the feature of the `=` assignment it stands in (other than `name`), if any. */
const singleValued = new WeakMap<GrammarAST.AbstractElement, string | null>();

function singleValuedFeature(element: GrammarAST.AbstractElement | undefined): string | undefined {
    if (!element) return undefined;
    let feature = singleValued.get(element);
    if (feature === undefined) {
        const assignment = AstUtils.getContainerOfType(element, GrammarAST.isAssignment);
        feature = assignment && assignment.operator === '=' && assignment.feature !== 'name' ? assignment.feature : null;
        singleValued.set(element, feature);
    }
    return feature ?? undefined;
}

/** "in owners.mplan, line 3" */
export function describeLocation(node: AstNode): string {
    const document = AstUtils.getDocument(node);
    const file = document.uri.path.split('/').pop();
    const line = (node.$cstNode?.range.start.line ?? 0) + 1;
    return `in ${file}, line ${line}`;
}

