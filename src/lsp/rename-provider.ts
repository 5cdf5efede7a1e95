import { AstUtils, CstUtils, GrammarUtils, URI, type AstNode, type LangiumDocument } from 'langium';
import { DefaultRenameProvider } from 'langium/lsp';
import { ErrorCodes, ResponseError, type Range, type RenameParams, type TextDocumentPositionParams, type WorkspaceEdit, TextEdit } from 'vscode-languageserver';
import type { MasterplanServices } from '../language/module.js';
import { isMasterplan, isRpjmd } from '../language/generated/ast.js';
import { isKeyword } from '../language/keywords.js';
import { declaredName } from '../model/plan-model.js';
import { describeLocation } from '../validation/names.js';

const NAME = /^[_a-zA-Z]\w*$/;

/**
 * Renames a declaration and every reference to it across the plan. References by path
 * (`RPJMD2019.M1.G1.O1`) change only the segment that names the renamed item. Names that are not
 * identifiers, keywords, and names that another declaration of the plan already has (of any kind:
 * names share one namespace per plan, as duplicate-name counts them, RPJMD items by their path) are
 * refused with a reason, since the edit would break the plan. prepareRename cannot refuse them: the
 * protocol asks it before the new name is known.
 */
export class MasterplanRenameProvider extends DefaultRenameProvider {
    constructor(private readonly services: MasterplanServices) {
        super(services);
    }

    override async rename(document: LangiumDocument, params: RenameParams): Promise<WorkspaceEdit | undefined> {
        const target = this.targetAt(document, params.position);
        // What prepareRename refuses, rename refuses too (a client may skip prepareRename).
        if (!target || !this.renamable(target, document)) return undefined;
        const oldName = (target as { name?: string }).name;
        if (!oldName) return undefined;
        const newName = params.newName;
        if (!NAME.test(newName)) {
            throw new ResponseError(ErrorCodes.InvalidParams, `'${newName}' is not a valid name: use letters, digits and _, not starting with a digit.`);
        }
        if (isKeyword(newName)) {
            throw new ResponseError(ErrorCodes.InvalidParams, `'${newName}' is a keyword of the language, so it cannot be a name.`);
        }
        // Items below the renamed one are referred to by paths that contain its name too.
        const pathTargets = new Set<AstNode>([target, ...AstUtils.streamAllContents(target)]);
        this.refuseClash(target, newName, pathTargets);
        const changes: Record<string, TextEdit[]> = {};
        const add = (uri: string, edit: TextEdit) => (changes[uri] ??= []).push(edit);
        const nameNode = GrammarUtils.findNodeForProperty(target.$cstNode, 'name');
        if (nameNode) add(AstUtils.getDocument(target).uri.toString(), TextEdit.replace(nameNode.range, newName));
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
        if (!target || !this.renamable(target, document)) return undefined;
        const offset = document.textDocument.offsetAt(params.position);
        const leaf = document.parseResult.value.$cstNode && CstUtils.findDeclarationNodeAtOffset(document.parseResult.value.$cstNode, offset, this.grammarConfig.nameRegexp);
        return leaf?.range;
    }

    /** Not the masterplan, nor a declaration of the built-in library. */
    private renamable(target: AstNode, document: LangiumDocument): boolean {
        return !isMasterplan(target) && AstUtils.getDocument(target).uri.scheme === document.uri.scheme;
    }

    /**
     * Refuses the rename when a name it gives (the target's, or the path of an RPJMD item below it)
     * is already declared elsewhere in the plan: the plan would then declare it twice.
     */
    private refuseClash(target: AstNode, newName: string, renamed: ReadonlySet<AstNode>): void {
        const plan = this.services.model.PlanModels.forDocument(AstUtils.getDocument(target));
        if (!plan) return;
        for (const node of renamed) {
            const name = declaredName(node, { node: target, name: newName });
            if (!name || name === declaredName(node)) continue;
            const holder = plan.declarations.get(name);
            if (!holder || renamed.has(holder)) continue;
            const what = name === newName ? '' : `${name}: `;
            throw new ResponseError(ErrorCodes.InvalidParams,
                `'${newName}' is already the name of another declaration in this plan (${what}${kindOf(holder)}, ${describeLocation(holder)}); names must be unique within a plan.`);
        }
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

const KINDS: Record<string, string> = {
    Masterplan: 'the masterplan', Owner: 'an owner', Rpjmd: 'an RPJMD', RpjmdMission: 'an RPJMD mission', RpjmdGoal: 'an RPJMD goal',
    RpjmdObjective: 'an RPJMD objective', RpjmdProgram: 'an RPJMD program', Pillar: 'a pillar', Programme: 'a programme', QuickWin: 'a quick win',
    Workshop: 'a workshop', Aspect: 'a readiness aspect', Framework: 'a framework', Dimension: 'a dimension', Element: 'an element',
};

/** "a pillar", "an RPJMD objective" */
function kindOf(node: AstNode): string {
    return KINDS[node.$type] ?? 'a declaration';
}
