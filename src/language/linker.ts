import {
    AstUtils, Cancellation, DefaultLinker, DocumentState, RefResolving, interruptAndCheck, isAstNode, isAstNodeDescription, isLinkingError,
    type AstNode, type AstNodeDescription, type CstNode, type LangiumDocument, type LinkingError, type Reference, type ReferenceInfo,
} from 'langium';
import { astNodes, forEachReference } from './ast-walk.js';

/**
 * Langium's linker, with references that are instances of a class instead of object literals.
 *
 * Langium 4.2.1 makes every reference an object literal with three getters closing over the
 * linker, the node, the property and the text: V8 keeps such an object in dictionary mode (a
 * property table of about 450 bytes) beside three closures, their accessor pairs and a context,
 * some 800 bytes a reference (a 12 MB plan has about 90 000). A {@link LinkedReference} holds the
 * same state in seven fields with the getters on its prototype; it resolves exactly as Langium's.
 */
export class MasterplanLinker extends DefaultLinker {
    /**
     * Links every reference of the document, as Langium's linker does, over a plain walk of the tree
     * (`astNodes`) instead of streams; it checks for cancellation every 256 nodes instead of at each.
     */
    override async link(document: LangiumDocument, cancelToken: Cancellation.CancellationToken = Cancellation.CancellationToken.None): Promise<void> {
        if (this.profiler?.isActive('linking')) return super.link(document, cancelToken);
        const nodes = astNodes(document.parseResult.value);
        for (let i = 0; i < nodes.length; i++) {
            if ((i & 255) === 0) await interruptAndCheck(cancelToken);
            forEachReference(nodes[i], info => this.doLink(info, document));
        }
    }

    override buildReference(node: AstNode, property: string, refNode: CstNode | undefined, refText: string): Reference {
        return new LinkedReference(this, node, property, refNode, refText);
    }

    override unlink(document: LangiumDocument): void {
        // Langium deletes `_nodeDescription`, which would turn the object into dictionary mode.
        for (const ref of document.references) {
            if (ref instanceof LinkedReference) ref._nodeDescription = undefined;
        }
        super.unlink(document);
    }

    /** @internal For {@link LinkedReference}: the protected steps of Langium's linker. */
    resolveLazily(reference: LinkedReference, node: AstNode, property: string): AstNode | LinkingError | undefined {
        const refInfo: ReferenceInfo = { reference, container: node, property };
        if (isAstNodeDescription(reference._nodeDescription)) {
            // A candidate has been found before, but it is not loaded yet.
            return this.loadAstNode(reference._nodeDescription) ?? this.createLinkingError(refInfo, reference._nodeDescription);
        }
        const document = AstUtils.findRootNode(node).$document;
        const refData = this.getLinkedNode(refInfo);
        if (refData.error && document && document.state < DocumentState.ComputedScopes) {
            // Document scope is not ready: leave the reference unlinked, so the linker can retry later.
            return undefined;
        }
        reference._nodeDescription = refData.descr;
        document?.references.push(reference);
        return refData.node ?? refData.error;
    }

    /** @internal */
    cyclic(node: AstNode, property: string, refText: string): never {
        return this.throwCyclicReferenceError(node, property, refText);
    }
}

/** A reference as Langium's `DefaultLinker.buildReference` makes it, with the same fields and getters. */
class LinkedReference implements Reference {
    _ref: AstNode | LinkingError | typeof RefResolving | undefined = undefined;
    _nodeDescription: AstNodeDescription | undefined = undefined;

    constructor(
        private readonly _linker: MasterplanLinker,
        private readonly _container: AstNode,
        private readonly _property: string,
        readonly $refNode: CstNode | undefined,
        readonly $refText: string,
    ) {}

    get ref(): AstNode | undefined {
        if (isAstNode(this._ref)) {
            // Most frequent case: the target is already resolved.
            return this._ref;
        } else if (isAstNodeDescription(this._nodeDescription)) {
            this._ref = this._linker.resolveLazily(this, this._container, this._property);
        } else if (this._ref === undefined) {
            // Not linked yet: link now.
            this._ref = RefResolving;
            this._ref = this._linker.resolveLazily(this, this._container, this._property);
        } else if (this._ref === RefResolving) {
            this._linker.cyclic(this._container, this._property, this.$refText);
        }
        return isAstNode(this._ref) ? this._ref : undefined;
    }

    get $nodeDescription(): AstNodeDescription | undefined {
        return this._nodeDescription;
    }

    get error(): LinkingError | undefined {
        return isLinkingError(this._ref) ? this._ref : undefined;
    }
}
