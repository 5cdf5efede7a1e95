import { DocumentState, UriUtils, WorkspaceCache, type LangiumDocument, type LangiumDocuments, type URI } from 'langium';
import type { LangiumSharedCoreServices } from 'langium';
import { isMasterplan, type Document } from './generated/ast.js';
import { BUILTIN_SCHEME } from './builtin-library.js';

/** The identity of a plan: the URI (as a string) of its root folder. */
export type PlanKey = string;

/** A plan as the workspace sees it: its root folder and the documents that belong to it. */
export interface PlanMembers {
    readonly key: PlanKey;
    readonly root: URI;
    /** Whether a document in the root folder declares a `masterplan`; false for orphan files. */
    readonly hasMasterplan: boolean;
    readonly documents: LangiumDocument[];
}

/**
 * Decides which plan each document belongs to. A folder holding a document with a `masterplan`
 * declaration is a plan root; every document in it and below it, down to the next plan root,
 * belongs to that plan. A document with no plan root above it forms a plan of its own folder
 * (reported as `missing-masterplan`). Built-in library documents belong to every plan.
 */
export interface PlanRoots {
    /** The plan of the document with this URI. */
    planOf(uri: URI): PlanKey;
    /** All plans of the workspace, each with its documents (built-in documents excluded). */
    allPlans(): ReadonlyMap<PlanKey, PlanMembers>;
    /** The members of one plan. */
    members(key: PlanKey): PlanMembers | undefined;
    /** Whether a URI is one of the built-in library documents. */
    isBuiltin(uri: URI): boolean;
}

interface PlanIndex {
    roots: Set<string>;
    planOfDoc: Map<string, PlanKey>;
    plans: Map<PlanKey, PlanMembers>;
}

export class DefaultPlanRoots implements PlanRoots {
    private readonly documents: LangiumDocuments;
    /** Recomputed once per build, after every document is parsed and indexed. */
    private readonly cache: WorkspaceCache<'index', PlanIndex>;

    constructor(shared: LangiumSharedCoreServices) {
        this.documents = shared.workspace.LangiumDocuments;
        this.cache = new WorkspaceCache(shared, DocumentState.IndexedContent);
    }

    isBuiltin(uri: URI): boolean {
        return uri.scheme === BUILTIN_SCHEME;
    }

    planOf(uri: URI): PlanKey {
        const index = this.index();
        const known = index.planOfDoc.get(uri.toString());
        return known ?? this.resolve(uri, index.roots);
    }

    allPlans(): ReadonlyMap<PlanKey, PlanMembers> {
        return this.index().plans;
    }

    members(key: PlanKey): PlanMembers | undefined {
        return this.index().plans.get(key);
    }

    private index(): PlanIndex {
        return this.cache.get('index', () => this.computeIndex());
    }

    private computeIndex(): PlanIndex {
        const roots = new Set<string>();
        const all = this.documents.all.filter(doc => !this.isBuiltin(doc.uri)).toArray();
        for (const doc of all) {
            const root = doc.parseResult?.value as Document | undefined;
            if (root?.elements?.some(isMasterplan)) {
                roots.add(UriUtils.dirname(doc.uri).toString());
            }
        }
        const planOfDoc = new Map<string, PlanKey>();
        const plans = new Map<PlanKey, PlanMembers>();
        for (const doc of all) {
            const key = this.resolve(doc.uri, roots);
            planOfDoc.set(doc.uri.toString(), key);
            let members = plans.get(key);
            if (!members) {
                members = { key, root: rootFolder(doc.uri, key), hasMasterplan: roots.has(key), documents: [] };
                plans.set(key, members);
            }
            members.documents.push(doc);
        }
        return { roots, planOfDoc, plans };
    }

    /** Walks up from the document's folder to the nearest plan root. */
    private resolve(uri: URI, roots: Set<string>): PlanKey {
        const own = UriUtils.dirname(uri);
        let folder = own;
        for (;;) {
            const key = folder.toString();
            if (roots.has(key)) {
                return key;
            }
            const parent = UriUtils.dirname(folder);
            if (parent.toString() === key) {
                return own.toString();
            }
            folder = parent;
        }
    }
}

/** The folder URI whose string form is `key`, found among the document's ancestors. */
function rootFolder(doc: URI, key: PlanKey): URI {
    let folder = UriUtils.dirname(doc);
    while (folder.toString() !== key) {
        const parent = UriUtils.dirname(folder);
        if (parent.toString() === folder.toString()) {
            break;
        }
        folder = parent;
    }
    return folder;
}
