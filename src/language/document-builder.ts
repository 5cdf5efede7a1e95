import { DefaultDocumentBuilder, DocumentState, type BuildOptions, type LangiumDocument, type LangiumSharedCoreServices, type URI } from 'langium';
import type { CancellationToken } from 'vscode-languageserver';
import { isMasterplan, type Document } from './generated/ast.js';
import { BUILTIN_SCHEME } from './builtin-library.js';
import { declaresMasterplanText, type PlanRoots } from './plan-roots.js';

/**
 * Langium's document builder, aware of plans:
 * - the built-in library is part of every build until it is built once;
 * - a change to one file re-validates every file of its plan (plan-wide checks such as unused owners
 *   and unserved objectives read the whole plan), without relinking them;
 * - a change that adds or removes a `masterplan` declaration moves files between plans, so then
 *   every document is relinked.
 */
export class MasterplanDocumentBuilder extends DefaultDocumentBuilder {
    private readonly shared: LangiumSharedCoreServices;

    constructor(services: LangiumSharedCoreServices) {
        super(services);
        this.shared = services;
    }

    override build<T extends import('langium').AstNode>(documents: Array<LangiumDocument<T>>, options?: BuildOptions, cancelToken?: CancellationToken): Promise<void> {
        const library = this.langiumDocuments.all
            .filter(doc => doc.uri.scheme === BUILTIN_SCHEME && doc.state < DocumentState.Validated && !documents.includes(doc as LangiumDocument<T>))
            .toArray() as Array<LangiumDocument<T>>;
        return super.build([...library, ...documents], options, cancelToken);
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
                    for (const doc of planRoots.members(plan)?.documents ?? []) {
                        this.resetToState(doc, DocumentState.IndexedReferences);
                    }
                }
            }
        }
        await super.emitUpdate(changed, deleted);
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
        const language = this.serviceRegistry.all[0] as { plans?: { PlanRoots: PlanRoots } } | undefined;
        return language?.plans?.PlanRoots;
    }
}
