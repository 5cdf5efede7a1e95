import { DefaultScopeProvider, DocumentState, EMPTY_SCOPE, MapScope, WorkspaceCache, AstUtils, stream, type AstNodeDescription, type ReferenceInfo, type Scope, type Stream } from 'langium';
import { isRpjmd } from './generated/ast.js';
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
    /** Relative RPJMD paths by type, per computation of a document's local symbols. */
    private readonly relativePaths = new WeakMap<object, Map<string, Map<string, AstNodeDescription>>>();

    constructor(services: MasterplanServices) {
        super(services);
        this.planRoots = services.plans.PlanRoots;
        this.scopesByType = new WorkspaceCache(services.shared, DocumentState.IndexedContent);
    }

    /**
     * The plan's names, and, for RPJMD paths written inside an `rpjmd` block, the paths relative to
     * it first. Langium's default walks every container's local symbols and filters them one by one
     * for each reference, which made linking quadratic in the size of an RPJMD; here each lookup is
     * one or two map accesses.
     */
    override getScope(context: ReferenceInfo): Scope {
        const referenceType = this.reflection.getReferenceType(context);
        const global = this.getGlobalScope(referenceType, context);
        if (referenceType !== 'RpjmdObjective' && referenceType !== 'RpjmdItem') return global;
        const rpjmd = AstUtils.getContainerOfType(context.container, isRpjmd);
        const symbols = rpjmd && AstUtils.getDocument(rpjmd).localSymbols;
        if (!rpjmd || !symbols) return global;
        let byType = this.relativePaths.get(symbols);
        if (!byType) {
            byType = new Map();
            this.relativePaths.set(symbols, byType);
        }
        const key = `${referenceType}\u0000${rpjmd.name}`;
        let local = byType.get(key);
        if (!local) {
            local = new Map();
            for (const description of symbols.getStream(rpjmd)) {
                if (this.reflection.isSubtype(description.type, referenceType) && !local.has(description.name)) local.set(description.name, description);
            }
            byType.set(key, local);
        }
        return new LayeredScope(local, global);
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

/** A map of names in front of an outer scope. */
class LayeredScope implements Scope {
    constructor(private readonly local: Map<string, AstNodeDescription>, private readonly outer: Scope) {}

    getElement(name: string): AstNodeDescription | undefined {
        return this.local.get(name) ?? this.outer.getElement(name);
    }

    getElements(name: string): Stream<AstNodeDescription> {
        const local = this.local.get(name);
        return local ? stream([local]).concat(this.outer.getElements(name)) : this.outer.getElements(name);
    }

    getAllElements(): Stream<AstNodeDescription> {
        return stream(this.local.values()).concat(this.outer.getAllElements());
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
