import { DefaultScopeProvider, EMPTY_SCOPE, AstUtils, stream, type AstNodeDescription, type ReferenceInfo, type Scope, type Stream, type URI } from 'langium';
import { isRpjmd } from './generated/ast.js';
import type { MasterplanServices } from './module.js';
import type { PlanKey, PlanRoots } from './plan-roots.js';
import type { MasterplanIndexManager } from './index-manager.js';

/**
 * Resolves references within the plan of the referring document, and the built-in library.
 *
 * For each reference type, the exported names of the whole workspace are grouped by plan into one
 * hash map per plan, kept up to date as documents change; a lookup is then a map access, whatever
 * the number of files.
 * Two plans in one workspace never see each other's names.
 */
export class MasterplanScopeProvider extends DefaultScopeProvider {
    private readonly planRoots: PlanRoots;
    private readonly index: MasterplanIndexManager;
    private readonly names = new Map<string, TypeNames>();
    /** Relative RPJMD paths by type, per computation of a document's local symbols. */
    private readonly relativePaths = new WeakMap<object, Map<string, Map<string, AstNodeDescription>>>();

    constructor(services: MasterplanServices) {
        super(services);
        this.planRoots = services.plans.PlanRoots;
        this.index = services.shared.workspace.IndexManager as MasterplanIndexManager;
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
        return new NameScope(local, global);
    }

    protected override getGlobalScope(referenceType: string, context: ReferenceInfo): Scope {
        const names = this.namesOf(referenceType);
        const plan = this.planRoots.planOf(AstUtils.getDocument(context.container).uri);
        return names.byPlan.get(plan)?.scope ?? names.builtinScope;
    }

    /**
     * The names of one reference type, per plan. Kept from one build to the next: when the index says
     * that only a few documents' names changed since (in the editor, the file being typed in), only
     * their names are taken out and put back. Anything that could change which of two equal names
     * wins, or which plan a file belongs to, groups every name again, as the first build did.
     */
    private namesOf(referenceType: string): TypeNames {
        const generation = this.index.generation;
        let names = this.names.get(referenceType);
        if (names?.generation === generation) return names;
        const roots = [...this.planRoots.allPlans().keys()].join('\n');
        if (names && names.roots === roots) {
            const changed = this.index.changedSince(names.generation);
            if (changed && changed.size <= PATCH_LIMIT && this.patch(names, referenceType, changed)) {
                names.generation = generation;
                return names;
            }
        }
        names = this.group(referenceType, generation, roots);
        this.names.set(referenceType, names);
        return names;
    }

    /**
     * Groups every name of a type by plan. The index gives a document's names together, so the plan
     * is looked up once per document; of equal names in a plan the first wins (a duplicate is reported
     * on the later one).
     */
    private group(referenceType: string, generation: number, roots: string): TypeNames {
        const names: TypeNames = { generation, roots, builtin: new Map(), builtinScope: EMPTY_SCOPE, byPlan: new Map(), byDocument: new Map(), duplicated: new Set() };
        names.builtinScope = new NameScope(names.builtin, undefined);
        let lastUri: URI | undefined;
        let plan: PlanKey | undefined;
        let group = names.builtin;
        let own: AstNodeDescription[] = [];
        for (const description of this.indexManager.allElements(referenceType)) {
            if (description.documentUri !== lastUri) {
                lastUri = description.documentUri;
                plan = this.planRoots.isBuiltin(lastUri) ? undefined : this.planRoots.planOf(lastUri);
                group = this.groupOf(names, plan);
                const key = lastUri.toString();
                own = names.byDocument.get(key)?.descriptions ?? [];
                names.byDocument.set(key, { plan, descriptions: own });
            }
            own.push(description);
            if (group.has(description.name)) names.duplicated.add(duplicateKey(plan, description.name));
            else group.set(description.name, description);
        }
        return names;
    }

    /** Takes the names of the changed documents out and puts their new names in; false when that would not be exact. */
    private patch(names: TypeNames, referenceType: string, changed: Set<string>): boolean {
        for (const uri of changed) {
            const before = names.byDocument.get(uri);
            const after = this.indexManager.allElements(referenceType, new Set([uri])).toArray();
            const documentUri = after[0]?.documentUri ?? before?.descriptions[0]?.documentUri;
            if (!documentUri) continue; // had no names of this type, and has none
            const plan = this.planRoots.isBuiltin(documentUri) ? undefined : this.planRoots.planOf(documentUri);
            if (before && before.plan !== plan) return false;
            const group = this.groupOf(names, plan);
            for (const description of before?.descriptions ?? []) {
                if (names.duplicated.has(duplicateKey(plan, description.name)) || group.get(description.name) !== description) return false;
                group.delete(description.name);
            }
            for (const description of after) {
                if (group.has(description.name)) return false;
                group.set(description.name, description);
            }
            if (after.length > 0) names.byDocument.set(uri, { plan, descriptions: after });
            else names.byDocument.delete(uri);
            if (plan !== undefined && group.size === 0) names.byPlan.delete(plan);
        }
        return true;
    }

    private groupOf(names: TypeNames, plan: PlanKey | undefined): Map<string, AstNodeDescription> {
        if (plan === undefined) return names.builtin;
        let entry = names.byPlan.get(plan);
        if (!entry) {
            const map = new Map<string, AstNodeDescription>();
            entry = { names: map, scope: new NameScope(map, names.builtinScope) };
            names.byPlan.set(plan, entry);
        }
        return entry.names;
    }
}

/** At most this many changed documents are patched into the name maps; more are grouped again. */
const PATCH_LIMIT = 32;

/** The names of one reference type, grouped by plan, and how they were made. */
interface TypeNames {
    /** The index generation they reflect. */
    generation: number;
    /** The plan roots they were grouped by. */
    roots: string;
    builtin: Map<string, AstNodeDescription>;
    builtinScope: Scope;
    byPlan: Map<PlanKey, { names: Map<string, AstNodeDescription>; scope: Scope }>;
    /** Per document (URI string): its plan (undefined for the library) and its names of the type. */
    byDocument: Map<string, { plan: PlanKey | undefined; descriptions: AstNodeDescription[] }>;
    /** Names given more than once in a plan (`duplicateKey`): which one wins depends on the order of all. */
    duplicated: Set<string>;
}

function duplicateKey(plan: PlanKey | undefined, name: string): string {
    return `${plan ?? ''}\u0000${name}`;
}

/** Names in a map, in front of an outer scope if any (Langium's MapScope, without copying the map). */
class NameScope implements Scope {
    constructor(private readonly names: Map<string, AstNodeDescription>, private readonly outer: Scope | undefined) {}

    getElement(name: string): AstNodeDescription | undefined {
        return this.names.get(name) ?? this.outer?.getElement(name);
    }

    getElements(name: string): Stream<AstNodeDescription> {
        const local = this.names.get(name);
        const own = stream(local ? [local] : []);
        return this.outer ? own.concat(this.outer.getElements(name)) : own;
    }

    getAllElements(): Stream<AstNodeDescription> {
        const own = stream(this.names.values());
        return this.outer ? own.concat(this.outer.getAllElements()) : own;
    }
}
