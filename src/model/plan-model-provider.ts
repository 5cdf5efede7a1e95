import { DocumentState, type LangiumDocument } from 'langium';
import type { CancellationToken } from 'vscode-languageserver';
import { buildRunning, inFirstPass } from '../language/document-builder.js';
import type { MasterplanServices } from '../language/module.js';
import type { PlanKey, PlanRoots } from '../language/plan-roots.js';
import { buildPlanModel, buildPlanModelAsync, type PlanModel } from './plan-model.js';

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
    /** The last model of each plan, after `clear` and until the next one is made (see `forRequest`). */
    private readonly previous = new Map<PlanKey, PlanModel>();
    private readonly builder: MasterplanServices['shared']['workspace']['DocumentBuilder'];

    constructor(services: MasterplanServices) {
        this.planRoots = services.plans.PlanRoots;
        const builder = this.builder = services.shared.workspace.DocumentBuilder;
        builder.onBuildPhase(DocumentState.Linked, () => {
            if (!inFirstPass(builder)) this.clear();
        });
        builder.onUpdate((_changed, deleted) => {
            // Documents left the workspace (a batch run drops each plan once reported): nothing is kept.
            if (deleted.length > 0) {
                this.clear();
                this.previous.clear();
            }
        });
    }

    /** Forgets every model; the next reader builds it again (a hover may get the last one: `forRequest`). */
    clear(): void {
        for (const [key, model] of this.cache) if (model) this.previous.set(key, model);
        this.cache.clear();
    }

    /**
     * Builds the model of a document's plan unless it is there, in steps that let requests through and
     * stop when the build is cancelled (the document builder calls it before validating a document,
     * so the checks find the model ready).
     */
    async prepare(document: LangiumDocument, cancelToken: CancellationToken): Promise<void> {
        if (this.planRoots.isBuiltin(document.uri)) return;
        const key = this.planRoots.planOf(document.uri);
        const members = this.cache.has(key) ? undefined : this.planRoots.members(key);
        if (!members) return;
        const model = await buildPlanModelAsync(members, cancelToken);
        // A reader may have asked for it meanwhile, and built it at once: keep the one it got.
        if (!this.cache.has(key)) this.cache.set(key, model);
        this.previous.delete(key);
    }

    /** The model of the plan with this key. */
    get(key: PlanKey): PlanModel | undefined {
        if (!this.cache.has(key)) {
            const members = this.planRoots.members(key);
            this.cache.set(key, members ? buildPlanModel(members) : undefined);
            this.previous.delete(key);
        }
        return this.cache.get(key);
    }

    /**
     * For a request that should not wait for the plan (a hover): the model of the document's plan,
     * or, while a build is running that will make it in steps, the last one made. Built at once here,
     * the model of a 12 MB plan held a hover sent after a keystroke for a quarter of a second; the
     * last model differs by that keystroke at most.
     */
    forRequest(document: LangiumDocument): PlanModel | undefined {
        const key = this.planRoots.planOf(document.uri);
        const last = this.previous.get(key);
        if (!this.cache.has(key) && last && buildRunning(this.builder)) return last;
        return this.get(key);
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
