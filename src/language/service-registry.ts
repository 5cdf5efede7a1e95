import { DefaultServiceRegistry, type LangiumCoreServices, type LangiumSharedCoreServices, type URI } from 'langium';

/**
 * Langium's service registry, which finds a document's language by its open text document or its file
 * extension. A document the editor has just closed stays in the workspace until the builder drops
 * it, and an untitled buffer (`untitled:Untitled-1`) or a file switched to the language by hand
 * (`notes.txt`) has neither any more: such a document keeps the language it was opened in, instead of
 * failing every later build.
 */
export class MasterplanServiceRegistry extends DefaultServiceRegistry {
    private readonly shared: LangiumSharedCoreServices;

    constructor(services: LangiumSharedCoreServices) {
        super(services);
        this.shared = services;
    }

    override getServices(uri: URI): LangiumCoreServices {
        try {
            return super.getServices(uri);
        } catch (error) {
            const known = this.shared.workspace.LangiumDocuments.getDocument(uri);
            const services = known && this.languageIdMap.get(known.textDocument.languageId);
            if (services) return services;
            throw error;
        }
    }
}
