import { AstUtils, CstUtils, GrammarUtils, URI, type AstNode, type LangiumDocument } from 'langium';
import { DefaultRenameProvider } from 'langium/lsp';
import { ResponseError, type Range, type RenameParams, type TextDocumentPositionParams, type WorkspaceEdit, TextEdit } from 'vscode-languageserver';
import type { MasterplanServices } from '../language/module.js';
import { isMasterplan, isRpjmd } from '../language/generated/ast.js';

const NAME = /^[_a-zA-Z]\w*$/;

/**
 * Renames a declaration and every reference to it across the plan. References by path
 * (`RPJMD2019.M1.G1.O1`) change only the segment that names the renamed item. Names that are not
 * identifiers, or that another declaration of the plan already has, are refused with a reason.
 */
export class MasterplanRenameProvider extends DefaultRenameProvider {
    constructor(private readonly services: MasterplanServices) {
        super(services);
    }

    override async rename(document: LangiumDocument, params: RenameParams): Promise<WorkspaceEdit | undefined> {
        const target = this.targetAt(document, params.position);
        if (!target) return undefined;
        const oldName = (target as { name?: string }).name;
        if (!oldName) return undefined;
        const newName = params.newName;
        if (!NAME.test(newName)) {
            throw new ResponseError(-32602, `'${newName}' is not a valid name: use letters, digits and _, not starting with a digit.`);
        }
        const plan = this.services.model.PlanModels.forDocument(document);
        const clash = plan && [...plan.owners, ...plan.pillars, ...plan.workshops, ...plan.rpjmds, ...plan.initiatives.map(f => f.node)]
            .find(node => node !== target && node.name === newName && sameNamespace(node, target));
        if (clash) {
            throw new ResponseError(-32602, `'${newName}' is already the name of another declaration in this plan.`);
        }
        const changes: Record<string, TextEdit[]> = {};
        const add = (uri: string, edit: TextEdit) => (changes[uri] ??= []).push(edit);
        const nameNode = GrammarUtils.findNodeForProperty(target.$cstNode, 'name');
        if (nameNode) add(AstUtils.getDocument(target).uri.toString(), TextEdit.replace(nameNode.range, newName));
        // Items below the renamed one are referred to by paths that contain its name too.
        const pathTargets = new Set<AstNode>([target, ...AstUtils.streamAllContents(target)]);
        for (const node of pathTargets) {
            for (const reference of this.references.findReferences(node, { includeDeclaration: false })) {
                const range = segmentRange(reference.segment.range, reference.sourceUri.toString(), this.services, oldName, depthOf(target));
                add(reference.sourceUri.toString(), TextEdit.replace(range, newName));
            }
        }
        return { changes };
    }

    override async prepareRename(document: LangiumDocument, params: TextDocumentPositionParams): Promise<Range | undefined> {
        const target = this.targetAt(document, params.position);
        if (!target || isMasterplan(target) || AstUtils.getDocument(target).uri.scheme !== document.uri.scheme) return undefined;
        const offset = document.textDocument.offsetAt(params.position);
        const leaf = document.parseResult.value.$cstNode && CstUtils.findDeclarationNodeAtOffset(document.parseResult.value.$cstNode, offset, this.grammarConfig.nameRegexp);
        return leaf?.range;
    }

    private targetAt(document: LangiumDocument, position: { line: number; character: number }): AstNode | undefined {
        const root = document.parseResult.value.$cstNode;
        if (!root) return undefined;
        const offset = document.textDocument.offsetAt(position);
        const leaf = CstUtils.findDeclarationNodeAtOffset(root, offset, this.grammarConfig.nameRegexp);
        if (!leaf) return undefined;
        const targets = this.references.findDeclarations(leaf);
        const target = targets?.[0];
        if (!target || this.services.plans.PlanRoots.isBuiltin(AstUtils.getDocument(target).uri)) return undefined;
        return target;
    }
}

/** How many path segments lead to a node inside an RPJMD (`RPJMD2019` = 0, `M1` = 1, `G1` = 2 …). */
function depthOf(node: AstNode): number {
    let depth = 0;
    let current: AstNode | undefined = node;
    while (current && !isRpjmd(current) && current.$container) {
        depth++;
        current = current.$container;
    }
    return current && isRpjmd(current) ? depth : 0;
}

/**
 * The range of the segment that names the renamed item inside a reference written as a path:
 * at index `depth` in an absolute path (`RPJMD2019.M1.G1`), at `depth - 1` in one relative to the RPJMD.
 */
function segmentRange(range: Range, uri: string, services: MasterplanServices, oldName: string, depth: number): Range {
    const document = services.shared.workspace.LangiumDocuments.getDocument(URI.parse(uri));
    if (!document || range.start.line !== range.end.line) return range;
    const segments = document.textDocument.getText(range).split('.');
    if (segments.length === 1) return range;
    const index = segments[depth] === oldName ? depth : segments[depth - 1] === oldName ? depth - 1 : segments.lastIndexOf(oldName);
    if (index < 0) return range;
    const before = segments.slice(0, index).join('.').length + (index > 0 ? 1 : 0);
    return {
        start: { line: range.start.line, character: range.start.character + before },
        end: { line: range.start.line, character: range.start.character + before + oldName.length },
    };
}

/** Declarations that references of the same kind could confuse. */
function sameNamespace(a: AstNode, b: AstNode): boolean {
    return a.$type === b.$type || (['Programme', 'QuickWin'].includes(a.$type) && ['Programme', 'QuickWin'].includes(b.$type));
}
