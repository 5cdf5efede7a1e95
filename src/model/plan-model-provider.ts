import { DocumentState, WorkspaceCache, type LangiumDocument } from 'langium';
import type { MasterplanServices } from '../language/module.js';
import type { PlanKey, PlanRoots } from '../language/plan-roots.js';
import { buildPlanModel, type PlanModel } from './plan-model.js';

/**
 * Gives the model of a plan, built once per build (after linking) and shared by every reader:
 * validation, hovers, code lenses, the books.
 */
export class PlanModelProvider {
    private readonly planRoots: PlanRoots;
    private readonly cache: WorkspaceCache<PlanKey, PlanModel | undefined>;

    constructor(services: MasterplanServices) {
        this.planRoots = services.plans.PlanRoots;
        this.cache = new WorkspaceCache(services.shared, DocumentState.Linked);
    }

    /** The model of the plan with this key. */
    get(key: PlanKey): PlanModel | undefined {
        return this.cache.get(key, () => {
            const members = this.planRoots.members(key);
            return members ? buildPlanModel(members) : undefined;
        });
    }

    /** The model of the plan a document belongs to. */
    forDocument(document: LangiumDocument): PlanModel | undefined {
        return this.get(this.planRoots.planOf(document.uri));
    }

    /** The models of all plans in the workspace, by root folder. */
    all(): PlanModel[] {
        return [...this.planRoots.allPlans().keys()].sort().map(key => this.get(key)).filter((m): m is PlanModel => m !== undefined);
    }
}
