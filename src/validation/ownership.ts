import type { ValidationAcceptor, ValidationChecks } from 'langium';
import type { Initiative, MasterplanLanguageAstType, Owner } from '../language/generated/ast.js';
import type { CheckContext } from './context.js';

/** Ownership: missing-owner, owner-also-partner, unused-owner. */
export class OwnershipChecks {
    constructor(private readonly ctx: CheckContext) {}

    checks(): ValidationChecks<MasterplanLanguageAstType> {
        return {
            Programme: this.owner,
            QuickWin: this.owner,
        };
    }

    planChecks(): ValidationChecks<MasterplanLanguageAstType> {
        return { Owner: this.unused };
    }

    owner = (node: Initiative, accept: ValidationAcceptor): void => {
        if (!node.name) return; // half-typed: the syntax error says what is missing
        if (!node.owner) {
            const kind = node.$type === 'QuickWin' ? 'Quick win' : 'Programme';
            this.ctx.report(accept, 'missing-owner',
                `${kind} ${node.name} has no responsible owner. Add \`owner\` with the agency that answers for it.`,
                node, { property: 'name' });
            return;
        }
        const owner = node.owner.ref;
        if (!owner) return;
        for (const property of ['partners', 'implementers'] as const) {
            node[property].forEach((ref, index) => {
                if (ref.ref === owner) {
                    this.ctx.report(accept, 'owner-also-partner',
                        `${owner.name} owns ${node.name} and is also listed among its ${property}; remove it from \`${property}\`.`,
                        node, { property, index });
                }
            });
        }
    };

    unused = (node: Owner, accept: ValidationAcceptor): void => {
        const plan = this.ctx.plan(node);
        const usage = plan?.ownerUsage.get(node);
        // A duplicate can never be referred to; `duplicate-name` already says what to do.
        if (!plan || !usage || plan.duplicates.has(node)) return;
        const used = usage.owns.length + usage.partners.length + usage.implements.length + usage.rpjmdPrograms.length + usage.workshops.length + usage.readinessItems.length;
        if (used === 0) {
            this.ctx.report(accept, 'unused-owner',
                `Owner ${node.name} is not mentioned anywhere in the plan. Make it the owner, partner or implementer of a programme, a workshop participant, or remove it.`,
                node, { property: 'name' });
        }
    };
}
