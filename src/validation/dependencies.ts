import type { ValidationAcceptor, ValidationChecks } from 'langium';
import type { Initiative, MasterplanLanguageAstType } from '../language/generated/ast.js';
import type { CheckContext } from './context.js';

/** How many members of a dependency cycle a message names. */
export const MAX_CYCLE_LISTED = 10;

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
            if (cycle && plan.cycleOf(dependency) === cycle) {
                this.ctx.report(accept, 'dependency-cycle',
                    `Dependency cycle: ${this.describeCycle(cycle, node)}. None of these can start first; remove one of the \`after\` links.`,
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

    /** Each cycle's members by position, so that a member finds its place at once (the cycle can have thousands). */
    private readonly positions = new WeakMap<readonly Initiative[], Map<Initiative, number>>();

    /**
     * The cycle from `node` along its `after` links and back to it: `A → B → C → A`. A cycle longer than
     * MAX_CYCLE_LISTED names that many members and how many more there are, so that every member's
     * message stays short and the messages of a cycle grow linearly with it.
     */
    private describeCycle(cycle: readonly Initiative[], node: Initiative): string {
        let positions = this.positions.get(cycle);
        if (!positions) this.positions.set(cycle, positions = new Map(cycle.map((member, i) => [member, i])));
        const start = positions.get(node) ?? 0;
        const listed = Math.min(cycle.length, MAX_CYCLE_LISTED);
        const names: string[] = [];
        for (let i = 0; i < listed; i++) names.push(cycle[(start + i) % cycle.length].name);
        if (cycle.length > listed) names.push(`… and ${cycle.length - listed} more`);
        names.push(node.name);
        return names.join(' → ');
    }
}
