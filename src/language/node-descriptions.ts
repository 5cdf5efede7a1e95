import {
    AstUtils, CstUtils, DefaultAstNodeDescriptionProvider, DefaultReferenceDescriptionProvider, interruptAndCheck,
    type AstNode, type AstNodeDescription, type AstNodeLocator, type DocumentSegment, type LangiumDocument, type NameProvider,
    type ReferenceDescription, type ReferenceDescriptionProvider, type URI,
} from 'langium';
import { CancellationToken } from 'vscode-languageserver';
import { astNodes, forEachReference } from './ast-walk.js';

/**
 * Descriptions of declarations whose path and text segments are worked out when first read.
 *
 * Langium's provider computes the node's path and its selection segment (an offset, a length and a
 * range of two positions) for every exported name at indexing time. Most are never read: the linker
 * reads the node, and only the editor's outline, definition and references read segments. A 12 MB
 * plan exports about a hundred thousand names; this saves their segments' memory and about 1 % of a
 * cold validation.
 */
export class LazyAstNodeDescriptionProvider extends DefaultAstNodeDescriptionProvider {
    override createDescription(node: AstNode, name: string | undefined, document?: LangiumDocument): AstNodeDescription {
        const documentUri = (document ?? AstUtils.getDocument(node)).uri;
        const described = name ?? this.nameProvider.getName(node);
        if (!described) {
            throw new Error(`Node at path ${this.astNodeLocator.getAstNodePath(node)} has no name.`);
        }
        return new LazyDescription(node, described, documentUri, this.astNodeLocator, this.nameProvider);
    }
}

class LazyDescription implements AstNodeDescription {
    readonly type: string;
    private pathValue: string | undefined;
    private nameSegmentValue: DocumentSegment | undefined;
    private selectionSegmentValue: DocumentSegment | undefined;

    constructor(
        readonly node: AstNode,
        readonly name: string,
        readonly documentUri: URI,
        private readonly locator: AstNodeLocator,
        private readonly names: NameProvider,
    ) {
        this.type = node.$type;
    }

    get path(): string {
        return (this.pathValue ??= this.locator.getAstNodePath(this.node));
    }

    get nameSegment(): DocumentSegment | undefined {
        return (this.nameSegmentValue ??= CstUtils.toDocumentSegment(this.names.getNameNode(this.node) ?? this.node.$cstNode));
    }

    get selectionSegment(): DocumentSegment | undefined {
        return (this.selectionSegmentValue ??= CstUtils.toDocumentSegment(this.node.$cstNode));
    }
}

/**
 * For batch runs (`mplan validate`, `generate`, `format`): no index of references. Langium records
 * every resolved reference of every document for "find references" and the editor's rebuilds; a
 * command-line run asks neither, and building that index was about 6 % of a cold validation of a
 * 12 MB plan, with an object and a segment kept per reference.
 */
export class NoReferenceDescriptions implements ReferenceDescriptionProvider {
    async createDescriptions(): Promise<ReferenceDescription[]> {
        return [];
    }
}

/** How many nodes are indexed between two chances for other work (and cancellation) to run. */
const NODES_PER_SLICE = 256;

/**
 * The editor's index of references (what "find references" and relinking after an edit read), as
 * Langium's, walked with a plain loop (`ast-walk.ts`) and awaiting other work every few hundred nodes
 * instead of before every node: re-indexing the files relinked after a keystroke was a large part of
 * the plan's second pass.
 */
export class MasterplanReferenceDescriptionProvider extends DefaultReferenceDescriptionProvider {
    override async createDescriptions(document: LangiumDocument, cancelToken = CancellationToken.None): Promise<ReferenceDescription[]> {
        const descriptions: ReferenceDescription[] = [];
        const nodes = astNodes(document.parseResult.value);
        for (let i = 0; i < nodes.length; i++) {
            if (i % NODES_PER_SLICE === 0) await interruptAndCheck(cancelToken);
            forEachReference(nodes[i], info => {
                if (!info.reference.error) descriptions.push(...this.createInfoDescriptions(info));
            });
        }
        return descriptions;
    }
}
