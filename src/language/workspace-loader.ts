import { URI, type LangiumDocument } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { MasterplanServices } from './module.js';
import { readPlanFile } from './plan-files.js';
import type { PlanModel } from '../model/plan-model.js';

export interface LoadedWorkspace {
    readonly documents: LangiumDocument[];
    /** Files that could not be read, with the reason. */
    readonly ioErrors: Array<{ file: string; message: string }>;
}

/** Loads the files into the workspace and builds them, with every check unless told otherwise. */
export async function loadAndValidate(shared: LangiumSharedServices, files: string[], options: { validation?: boolean; texts?: ReadonlyMap<string, string> } = {}): Promise<LoadedWorkspace> {
    const documents: LangiumDocument[] = [];
    const ioErrors: Array<{ file: string; message: string }> = [];
    const factory = shared.workspace.LangiumDocumentFactory;
    const langiumDocuments = shared.workspace.LangiumDocuments;
    for (const file of files) {
        let text: string;
        try {
            text = options.texts?.get(file) ?? await readPlanFile(file);
        } catch (error) {
            ioErrors.push({ file, message: (error as Error).message });
            continue;
        }
        const uri = URI.file(file);
        if (langiumDocuments.hasDocument(uri)) langiumDocuments.deleteDocument(uri);
        const document = factory.fromString(text, uri);
        langiumDocuments.addDocument(document);
        documents.push(document);
    }
    await shared.workspace.DocumentBuilder.build(documents, { validation: options.validation ?? true });
    return { documents, ioErrors };
}

/** The plan models of the loaded documents, one per plan, sorted by root folder. */
export function plansOf(services: MasterplanServices, documents: LangiumDocument[]): PlanModel[] {
    const keys = new Set(documents.map(doc => services.plans.PlanRoots.planOf(doc.uri)));
    return [...keys].sort().map(key => services.model.PlanModels.get(key)).filter((m): m is PlanModel => m !== undefined);
}
