import type { ValidationAcceptor, ValidationChecks } from 'langium';
import type { Initiative, MasterplanLanguageAstType } from '../language/generated/ast.js';
import type { CheckContext } from './context.js';

/** Dependencies between programmes: dependency-cycle, starts-before-dependency. */
export class DependencyChecks {
    constructor(private readonly ctx: CheckContext) {}

    checks(): ValidationChecks<MasterplanLanguageAstType> {
        return {};
    }

    planChecks(): ValidationChecks<MasterplanLanguageAstType> {
        return {
            Programme: this.after,
            QuickWin: this.after,
        };
    }

    after = (node: Initiative, accept: ValidationAcceptor): void => {
        if (!node.name) return; // half-typed: the syntax error says what is missing
        if (node.after.length === 0) return;
        const plan = this.ctx.plan(node);
        if (!plan) return;
        const cycle = plan.cycleOf(node);
        const facts = plan.initiative(node);
        node.after.forEach((ref, index) => {
            const dependency = ref.ref;
            if (!dependency) return;
            if (cycle && cycle.includes(dependency)) {
                const start = cycle.indexOf(node);
                const path = [...cycle.slice(start), ...cycle.slice(0, start), node].map(n => n.name);
                this.ctx.report(accept, 'dependency-cycle',
                    `Dependency cycle: ${path.join(' → ')}. None of these can start first; remove one of the \`after\` links.`,
                    node, { property: 'after', index });
                return;
            }
            const depYears = plan.initiative(dependency)?.years;
            if (facts?.years && depYears && facts.years.start < depYears.start) {
                this.ctx.report(accept, 'starts-before-dependency',
                    `${node.name} starts in ${facts.years.start}, before ${dependency.name} (which it comes after) starts in ${depYears.start}. Start it in ${depYears.start} or later, or drop the \`after\` link.`,
                    node, { property: 'after', index });
            }
        });
    };
}
