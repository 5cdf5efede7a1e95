import { DocumentState, type LangiumDocument } from 'langium';
import type { MasterplanDocumentBuilder } from '../language/document-builder.js';
import type { MasterplanServices } from '../language/module.js';
import type { PlanKey, PlanRoots } from '../language/plan-roots.js';
import { buildPlanModel, type PlanModel } from './plan-model.js';

/**
 * Gives the model of a plan, built once per build (after linking) and shared by every reader:
 * validation, hovers, code lenses, the books.
 *
 * A build's linking phase makes the models stale, except the editor's first pass after a keystroke,
 * which links the edited file alone: until the second pass has relinked what referred to it, the
 * model of the last complete build is served (a hover or the preview then shows the plan as it was a
 * keystroke ago, rather than a model built from half-linked files and thrown away at once).
 */
export class PlanModelProvider {
    private readonly planRoots: PlanRoots;
    private readonly cache = new Map<PlanKey, PlanModel | undefined>();

    constructor(services: MasterplanServices) {
        this.planRoots = services.plans.PlanRoots;
        const builder = services.shared.workspace.DocumentBuilder;
        builder.onBuildPhase(DocumentState.Linked, () => {
            if (!(builder as Partial<MasterplanDocumentBuilder>).firstPassRunning) this.clear();
        });
        builder.onUpdate((_changed, deleted) => {
            if (deleted.length > 0) this.clear();
        });
    }

    /** Forgets every model; the next reader builds it again. */
    clear(): void {
        this.cache.clear();
    }

    /** The model of the plan with this key. */
    get(key: PlanKey): PlanModel | undefined {
        if (!this.cache.has(key)) {
            const members = this.planRoots.members(key);
            this.cache.set(key, members ? buildPlanModel(members) : undefined);
        }
        return this.cache.get(key);
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
