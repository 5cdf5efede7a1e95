import { inject, type Module } from 'langium';
import {
    createDefaultModule, createDefaultSharedModule,
    type DefaultSharedModuleContext, type LangiumServices, type LangiumSharedServices, type PartialLangiumServices, type PartialLangiumSharedServices,
} from 'langium/lsp';
import { URI } from 'langium';
import { MasterplanLanguageGeneratedModule, MasterplanLanguageGeneratedSharedModule } from './generated/module.js';
import { DefaultPlanRoots, type PlanRoots } from './plan-roots.js';
import { MasterplanScopeComputation } from './scope-computation.js';
import { MasterplanScopeProvider } from './scope-provider.js';
import { MasterplanWorkspaceManager } from './workspace-manager.js';
import { MasterplanServiceRegistry } from './service-registry.js';
import { MasterplanIndexManager } from './index-manager.js';
import { MasterplanValueConverter } from './value-converter.js';
import { createMasterplanParser } from './cst-node-builder.js';
import { MasterplanLinker } from './linker.js';
import { MasterplanDocumentValidator } from './document-validator.js';
import { MasterplanDocumentFactory } from './document-factory.js';
import { MasterplanDocumentBuilder } from './document-builder.js';
import { LazyAstNodeDescriptionProvider, MasterplanReferenceDescriptionProvider, NoReferenceDescriptions } from './node-descriptions.js';
import { BUILTIN_FRAMEWORK_TEXT, BUILTIN_FRAMEWORK_URI } from './builtin-library.js';
import { PlanModelProvider } from '../model/plan-model-provider.js';
import { registerChecks } from '../validation/index.js';
import { MasterplanValidationRegistry } from '../validation/registry.js';
import { MasterplanHoverProvider } from '../lsp/hover-provider.js';
import { MasterplanCodeLensProvider } from '../lsp/code-lens-provider.js';
import { MasterplanCodeActionProvider } from '../lsp/code-action-provider.js';
import { MasterplanCompletionProvider } from '../lsp/completion-provider.js';
import { MasterplanRenameProvider } from '../lsp/rename-provider.js';
import { MasterplanSemanticTokenProvider } from '../lsp/semantic-token-provider.js';
import { MasterplanFormatter } from '../lsp/formatter.js';
import { MasterplanNodeKindProvider } from '../lsp/node-kind-provider.js';
import { MasterplanDocumentSymbolProvider } from '../lsp/document-symbol-provider.js';
import { MasterplanDocumentUpdateHandler } from '../lsp/document-update-handler.js';

/** The services this language adds to Langium's. */
export interface MasterplanAddedServices {
    plans: {
        PlanRoots: PlanRoots;
    };
    model: {
        PlanModels: PlanModelProvider;
    };
}

export type MasterplanServices = LangiumServices & MasterplanAddedServices;

/** Our implementations of Langium's services, and our own services. */
export const MasterplanModule: Module<MasterplanServices, PartialLangiumServices & MasterplanAddedServices> = {
    plans: {
        PlanRoots: services => new DefaultPlanRoots(services.shared),
    },
    model: {
        PlanModels: services => new PlanModelProvider(services),
    },
    parser: {
        ValueConverter: () => new MasterplanValueConverter(),
        LangiumParser: services => createMasterplanParser(services),
    },
    references: {
        ScopeComputation: services => new MasterplanScopeComputation(services),
        ScopeProvider: services => new MasterplanScopeProvider(services),
        Linker: services => new MasterplanLinker(services),
    },
    validation: {
        DocumentValidator: services => new MasterplanDocumentValidator(services),
        ValidationRegistry: services => new MasterplanValidationRegistry(services),
    },
    workspace: {
        AstNodeDescriptionProvider: services => new LazyAstNodeDescriptionProvider(services),
        ReferenceDescriptionProvider: services => new MasterplanReferenceDescriptionProvider(services),
    },
    lsp: {
        HoverProvider: services => new MasterplanHoverProvider(services),
        CodeLensProvider: services => new MasterplanCodeLensProvider(services),
        CodeActionProvider: services => new MasterplanCodeActionProvider(services),
        CompletionProvider: services => new MasterplanCompletionProvider(services),
        RenameProvider: services => new MasterplanRenameProvider(services),
        SemanticTokenProvider: services => new MasterplanSemanticTokenProvider(services),
        Formatter: () => new MasterplanFormatter(),
        DocumentSymbolProvider: services => new MasterplanDocumentSymbolProvider(services),
    },
};

export const MasterplanSharedModule: Module<LangiumSharedServices, PartialLangiumSharedServices> = {
    ServiceRegistry: services => new MasterplanServiceRegistry(services),
    lsp: {
        NodeKindProvider: () => new MasterplanNodeKindProvider(),
        DocumentUpdateHandler: services => new MasterplanDocumentUpdateHandler(services),
    },
    workspace: {
        LangiumDocumentFactory: services => new MasterplanDocumentFactory(services),
        DocumentBuilder: services => new MasterplanDocumentBuilder(services),
        IndexManager: services => new MasterplanIndexManager(services),
        WorkspaceManager: services => new MasterplanWorkspaceManager(services),
    },
};

/**
 * What a batch run (`mplan validate`, `generate`, `format`) leaves out: it never asks "find
 * references", so it keeps no index of references.
 */
export const MasterplanBatchModule: Module<MasterplanServices, PartialLangiumServices> = {
    workspace: {
        ReferenceDescriptionProvider: () => new NoReferenceDescriptions(),
    },
};

/**
 * Creates the shared services and the Masterplan language services, registers the language, and
 * adds the built-in library document (it is built with the first build). `batch` leaves out what only
 * an editor needs (`MasterplanBatchModule`).
 */
export function createMasterplanServices(context: DefaultSharedModuleContext, options: { batch?: boolean } = {}): { shared: LangiumSharedServices; Masterplan: MasterplanServices } {
    const shared = inject(createDefaultSharedModule(context), MasterplanLanguageGeneratedSharedModule, MasterplanSharedModule);
    const Masterplan = inject(createDefaultModule({ shared }), MasterplanLanguageGeneratedModule, MasterplanModule, options.batch ? MasterplanBatchModule : {});
    shared.ServiceRegistry.register(Masterplan);
    registerChecks(Masterplan);
    const libraryUri = URI.parse(BUILTIN_FRAMEWORK_URI);
    if (!shared.workspace.LangiumDocuments.hasDocument(libraryUri)) {
        shared.workspace.LangiumDocuments.addDocument(shared.workspace.LangiumDocumentFactory.fromString(BUILTIN_FRAMEWORK_TEXT, libraryUri));
    }
    if (!context.connection) {
        // Without a client, the configuration is never sent; don't wait for it.
        shared.workspace.ConfigurationProvider.initialized({});
    }
    return { shared, Masterplan };
}
