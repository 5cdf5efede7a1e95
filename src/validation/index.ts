import type { AstNode, ValidationAcceptor, ValidationCheck, ValidationChecks } from 'langium';
import type { MasterplanLanguageAstType } from '../language/generated/ast.js';
import type { MasterplanServices } from '../language/module.js';
import { AlignmentChecks } from './alignment.js';
import { PLAN_CATEGORY } from './categories.js';
import { CheckContext } from './context.js';
import { DependencyChecks } from './dependencies.js';
import { FrameworkChecks } from './framework.js';
import { NameChecks } from './names.js';
import { OwnershipChecks } from './ownership.js';
import { PeriodChecks } from './periods.js';

/**
 * Registers every group of checks in the language's validation registry: a group's `checks()` in
 * the `fast` category, its `planChecks()` (those that read the plan model) in the `plan` category,
 * with `category: 'plan'` added to the data of what they report.
 */
export function registerChecks(services: MasterplanServices): void {
    const registry = services.validation.ValidationRegistry;
    const ctx = new CheckContext(services);
    for (const group of [new NameChecks(ctx, services.Grammar), new PeriodChecks(ctx), new AlignmentChecks(ctx), new OwnershipChecks(ctx), new DependencyChecks(ctx), new FrameworkChecks(ctx)]) {
        registry.register(group.checks(), group, 'fast');
        registry.register(markedAsPlanChecks(group.planChecks()), group, PLAN_CATEGORY);
    }
}

function markedAsPlanChecks(checks: ValidationChecks<MasterplanLanguageAstType>): ValidationChecks<MasterplanLanguageAstType> {
    const marked: Record<string, ValidationCheck[]> = {};
    for (const [type, value] of Object.entries(checks) as Array<[string, ValidationCheck | ValidationCheck[] | undefined]>) {
        if (!value) continue;
        marked[type] = (Array.isArray(value) ? value : [value]).map(check => (node: AstNode, accept: ValidationAcceptor, cancelToken) =>
            check(node, markingAcceptor(accept), cancelToken));
    }
    return marked as ValidationChecks<MasterplanLanguageAstType>;
}

/** Langium makes one acceptor per document it validates; each gets one marking acceptor, not one per node and check. */
const marking = new WeakMap<ValidationAcceptor, ValidationAcceptor>();

function markingAcceptor(accept: ValidationAcceptor): ValidationAcceptor {
    let marked = marking.get(accept);
    if (!marked) {
        marked = (severity, message, info) => accept(severity, message, { ...info, data: { ...(info.data as object | undefined), category: PLAN_CATEGORY } });
        marking.set(accept, marked);
    }
    return marked;
}
