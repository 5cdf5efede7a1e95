import { DefaultDocumentBuilder, DocumentState, type DocumentBuilder, TextDocument, type AstNode, type RootCstNode, type BuildOptions, type LangiumDocument, type LangiumSharedCoreServices, type URI } from 'langium';
import type { CancellationToken, Diagnostic } from 'vscode-languageserver';
import { isMasterplan, type Document } from './generated/ast.js';
import { BUILTIN_SCHEME } from './builtin-library.js';
import type { PlanRoots } from './plan-roots.js';
import { declaresMasterplanText } from './plan-files.js';
import type { MasterplanServices } from './module.js';
import { carryDiagnostics, isCarried } from './carried-diagnostics.js';
import { ALL_CATEGORIES, FIRST_PASS_CATEGORIES, PLAN_CATEGORY, isPlanDiagnostic } from '../validation/categories.js';

/** Whether a document builder is in the first pass of an edit (see `MasterplanDocumentBuilder.firstPassRunning`). */
export function inFirstPass(builder: DocumentBuilder): boolean {
    return builder instanceof MasterplanDocumentBuilder && builder.firstPassRunning;
}

/** Whether a document builder is building (and so will build the plan models it needs before validating). */
export function buildRunning(builder: DocumentBuilder): boolean {
    return builder instanceof MasterplanDocumentBuilder && builder.buildRunning;
}

/** A changed open document as it was before the change: its text and its plan diagnostics. */
interface Before {
    readonly text: TextDocument;
    readonly planDiagnostics: Diagnostic[];
}

/**
 * Langium's document builder, aware of plans:
 * - the built-in library is part of every build until it is built once;
 * - a change to one file re-runs the plan checks (category `plan`: unused owners, unserved
 *   objectives, cycles...) on every file of its plan, without relinking them or re-running their
 *   other checks;
 * - a change that adds or removes a `masterplan` declaration moves files between plans, so then
 *   every document is relinked;
 * - an edit in the editor is built in two passes. The first takes the edited files alone through
 *   parsing, linking and their `fast` checks and publishes their diagnostics, with their previous
 *   plan diagnostics carried over (moved with the text); the second relinks what referred to
 *   them and runs the plan checks over the plan. A new keystroke cancels the second pass; what it
 *   had not done yet is done by the next build.
 */
export class MasterplanDocumentBuilder extends DefaultDocumentBuilder {
    private readonly shared: LangiumSharedCoreServices;
    /** The open documents changed by the update in progress, as they were before it. */
    private firstPass = new Map<string, Before>();
    private inFirstPass = false;
    private building = 0;
    /** Per linked document: whether a reference failed, and the documents its references lead to. */
    private readonly links = new Map<string, { failed: boolean; targets: Set<string> }>();

    constructor(services: LangiumSharedCoreServices) {
        super(services);
        this.shared = services;
        // Langium runs only `built-in` and `fast` checks on updates by default; ours include the plan checks.
        this.updateBuildOptions = { validation: { categories: ALL_CATEGORIES } };
        this.onDocumentPhase(DocumentState.Linked, doc => this.recordLinks(doc));
    }

    /**
     * Whether a document must be linked again after a change: Langium's rule (it has a reference that
     * failed, or one that leads into a changed document), answered from what was recorded when it was
     * linked instead of scanning all of its references: on a large plan, Langium's scan of every
     * reference of every document cost tens of milliseconds per keystroke.
     */
    protected override shouldRelink(document: LangiumDocument, changedUris: Set<string>): boolean {
        const links = this.links.get(document.uri.toString());
        if (!links || document.state < DocumentState.Linked) return super.shouldRelink(document, changedUris);
        if (links.failed) return true;
        for (const target of links.targets) if (changedUris.has(target)) return true;
        return false;
    }

    private recordLinks(document: LangiumDocument): void {
        const own = document.uri.toString();
        const targets = new Set<string>();
        let failed = false;
        for (const reference of document.references) {
            if (reference.error !== undefined) failed = true;
            const description = '$nodeDescription' in reference ? reference.$nodeDescription : undefined;
            const target = description?.documentUri.toString();
            if (target !== undefined && target !== own) targets.add(target);
        }
        this.links.set(own, { failed, targets });
    }

    override build<T extends AstNode>(documents: Array<LangiumDocument<T>>, options?: BuildOptions, cancelToken?: CancellationToken): Promise<void> {
        const library = this.langiumDocuments.all
            .filter(doc => doc.uri.scheme === BUILTIN_SCHEME && doc.state < DocumentState.Validated && !documents.includes(doc as LangiumDocument<T>))
            .toArray() as Array<LangiumDocument<T>>;
        return super.build([...library, ...documents], options, cancelToken);
    }

    override async update(changed: URI[], deleted: URI[], cancelToken?: CancellationToken): Promise<void> {
        for (const uri of deleted) this.links.delete(uri.toString());
        this.firstPass = new Map();
        for (const uri of changed) {
            const doc = this.langiumDocuments.getDocument(uri);
            if (!doc || !this.shared.workspace.TextDocuments?.get(uri.toString()) || doc.state < DocumentState.Parsed) continue;
            const planDiagnostics = (doc.diagnostics ?? []).filter(d => isPlanDiagnostic(d) || isCarried(d));
            // The editor's text document is updated in place, so the text the diagnostics belong to is the parsed one.
            const parsed = (doc.parseResult.value.$cstNode as RootCstNode | undefined)?.fullText;
            if (parsed === undefined) continue;
            this.firstPass.set(uri.toString(), { text: TextDocument.create(uri.toString(), doc.textDocument.languageId, 0, parsed), planDiagnostics });
        }
        return super.update(changed, deleted, cancelToken);
    }

    protected override async emitUpdate(changed: URI[], deleted: URI[]): Promise<void> {
        const planRoots = this.planRoots();
        if (planRoots) {
            const touched = [...changed, ...deleted];
            if (touched.some(uri => this.masterplanMayChange(uri))) {
                for (const doc of this.langiumDocuments.all) {
                    if (doc.uri.scheme !== BUILTIN_SCHEME) this.resetToState(doc, DocumentState.ComputedScopes);
                }
            } else {
                const plans = new Set(touched.map(uri => planRoots.planOf(uri)));
                for (const plan of plans) {
                    for (const doc of planRoots.members(plan)?.documents ?? []) this.redoPlanChecks(doc);
                }
            }
        }
        await super.emitUpdate(changed, deleted);
    }

    protected override async buildDocuments(documents: LangiumDocument[], options: BuildOptions, cancelToken: CancellationToken): Promise<void> {
        this.building++;
        try {
            await this.buildInPasses(documents, options, cancelToken);
        } finally {
            this.building--;
        }
    }

    /** Whether a build is running (cancelled ones stop at their next check). */
    get buildRunning(): boolean {
        return this.building > 0;
    }

    private async buildInPasses(documents: LangiumDocument[], options: BuildOptions, cancelToken: CancellationToken): Promise<void> {
        const first = documents.filter(doc => this.firstPass.has(doc.uri.toString()) && doc.state < DocumentState.Validated);
        // The first pass links against the index, so every other document must already be in it.
        const indexed = documents.every(doc => first.includes(doc) || doc.state >= DocumentState.IndexedContent);
        if (first.length > 0 && first.length < documents.length && indexed && options.validation) {
            this.inFirstPass = true;
            try {
                await super.buildDocuments(first, { ...options, validation: { categories: FIRST_PASS_CATEGORIES } }, cancelToken);
            } finally {
                this.inFirstPass = false;
            }
            for (const doc of first) this.reopenForPlanChecks(doc, options);
            // The model kept through the first pass (see `firstPassRunning`) is stale from here on.
            this.language()?.model?.PlanModels.clear();
        }
        this.firstPass.clear();
        await super.buildDocuments(documents, options, cancelToken);
    }

    /**
     * Whether the build is in its first pass, which links only the edited files: what was computed
     * from the whole plan (the plan model) stays as it was until the second pass has linked the rest.
     */
    get firstPassRunning(): boolean {
        return this.inFirstPass;
    }

    protected override async validate(document: LangiumDocument, cancelToken: CancellationToken): Promise<void> {
        const before = this.firstPass.get(document.uri.toString());
        // The plan checks are about to give their verdict; what was carried over makes way for it.
        if (document.diagnostics?.some(isCarried)) document.diagnostics = document.diagnostics.filter(d => !isCarried(d));
        if (!this.inFirstPass) await this.language()?.model?.PlanModels.prepare(document, cancelToken);
        await super.validate(document, cancelToken);
        if (before && before.planDiagnostics.length > 0 && !this.buildState.get(document.uri.toString())?.result?.validationChecks?.includes(PLAN_CATEGORY)) {
            document.diagnostics = [...(document.diagnostics ?? []), ...carryDiagnostics(before.planDiagnostics, before.text, document.textDocument)];
        }
    }

    /**
     * Keeps a validated document's syntax, linking and `fast` diagnostics (its text and links did
     * not change) and has the build run its plan checks again.
     */
    private redoPlanChecks(doc: LangiumDocument): void {
        if (doc.uri.scheme === BUILTIN_SCHEME || doc.state < DocumentState.Validated) return;
        const state = this.buildState.get(doc.uri.toString());
        const executed = state?.result?.validationChecks;
        if (!state || !executed) {
            this.resetToState(doc, DocumentState.IndexedReferences);
            return;
        }
        doc.diagnostics = doc.diagnostics?.filter(d => !isPlanDiagnostic(d) && !isCarried(d));
        state.result!.validationChecks = executed.filter(category => category !== PLAN_CATEGORY);
        state.completed = false;
        state.options = this.updateBuildOptions;
        doc.state = DocumentState.IndexedReferences;
    }

    /** After the first pass, a document still owes its plan checks to the second. */
    private reopenForPlanChecks(doc: LangiumDocument, options: BuildOptions): void {
        const state = this.buildState.get(doc.uri.toString());
        if (doc.state !== DocumentState.Validated || !state) return;
        state.completed = false;
        state.options = options;
        doc.state = DocumentState.IndexedReferences;
    }

    /** Whether the file at `uri` held a masterplan before this change, or may hold one after it. */
    private masterplanMayChange(uri: URI): boolean {
        const doc = this.langiumDocuments.getDocument(uri);
        const before = (doc?.parseResult?.value as Document | undefined)?.elements?.some(isMasterplan) ?? false;
        const text = this.shared.workspace.TextDocuments?.get(uri.toString())?.getText();
        const after = text === undefined ? before : declaresMasterplanText(text);
        return before !== after || doc === undefined;
    }

    private planRoots(): PlanRoots | undefined {
        return this.language()?.plans?.PlanRoots;
    }

    /** The Masterplan language's services (the only language registered). */
    private language(): Partial<Pick<MasterplanServices, 'plans' | 'model'>> | undefined {
        return this.serviceRegistry.all[0] as Partial<MasterplanServices> | undefined;
    }
}
