import { DefaultScopeProvider, DocumentState, EMPTY_SCOPE, MapScope, WorkspaceCache, AstUtils, type AstNodeDescription, type ReferenceInfo, type Scope } from 'langium';
import type { MasterplanServices } from './module.js';
import type { PlanKey, PlanRoots } from './plan-roots.js';

/**
 * Resolves references within the plan of the referring document, and the built-in library.
 *
 * For each reference type, the exported names of the whole workspace are grouped by plan once per
 * build, into one hash map per plan; a lookup is then a map access, whatever the number of files.
 * Two plans in one workspace never see each other's names.
 */
export class MasterplanScopeProvider extends DefaultScopeProvider {
    private readonly planRoots: PlanRoots;
    private readonly scopesByType: WorkspaceCache<string, PlanScopes>;

    constructor(services: MasterplanServices) {
        super(services);
        this.planRoots = services.plans.PlanRoots;
        this.scopesByType = new WorkspaceCache(services.shared, DocumentState.IndexedContent);
    }

    protected override getGlobalScope(referenceType: string, context: ReferenceInfo): Scope {
        const scopes = this.scopesByType.get(referenceType, () => this.groupByPlan(referenceType));
        const plan = this.planRoots.planOf(AstUtils.getDocument(context.container).uri);
        return scopes.byPlan.get(plan) ?? scopes.builtin;
    }

    private groupByPlan(referenceType: string): PlanScopes {
        const builtin: AstNodeDescription[] = [];
        const groups = new Map<PlanKey, AstNodeDescription[]>();
        for (const description of this.indexManager.allElements(referenceType)) {
            if (this.planRoots.isBuiltin(description.documentUri)) {
                builtin.push(description);
                continue;
            }
            const plan = this.planRoots.planOf(description.documentUri);
            let group = groups.get(plan);
            if (!group) {
                group = [];
                groups.set(plan, group);
            }
            group.push(description);
        }
        const builtinScope = builtin.length > 0 ? new MapScope(firstWins(builtin)) : EMPTY_SCOPE;
        const byPlan = new Map<PlanKey, Scope>();
        for (const [plan, descriptions] of groups) {
            byPlan.set(plan, new MapScope(firstWins(descriptions), builtinScope));
        }
        return { builtin: builtinScope, byPlan };
    }
}

interface PlanScopes {
    builtin: Scope;
    byPlan: Map<PlanKey, Scope>;
}

/** MapScope keeps the last of equal names; a duplicate is reported on the later one, so keep the first. */
function firstWins(descriptions: AstNodeDescription[]): AstNodeDescription[] {
    const seen = new Set<string>();
    const result: AstNodeDescription[] = [];
    for (const d of descriptions) {
        if (!seen.has(d.name)) {
            seen.add(d.name);
            result.push(d);
        }
    }
    return result;
}
