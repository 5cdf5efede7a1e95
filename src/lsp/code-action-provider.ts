import { AstUtils, CstUtils, GrammarUtils, type AstNode, type LangiumDocument } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type Range, TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import { isInitiative, isPillar, isQuickWin, type Document, type Initiative } from '../language/generated/ast.js';
import type { MasterplanServices } from '../language/module.js';
import type { UnresolvedReferenceData } from '../language/document-validator.js';
import type { PlanModel } from '../model/plan-model.js';

/**
 * Quick fixes for the diagnostics that have an obvious repair: replace a misspelt name with a
 * suggestion, declare a missing owner, programme or workshop, add an owner line, turn a quick win
 * that takes too long into a programme, drop the owner from its own partners, spell out a scale word.
 */
export class MasterplanCodeActionProvider implements CodeActionProvider {
    constructor(private readonly services: MasterplanServices) {}

    getCodeActions(document: LangiumDocument, params: CodeActionParams): CodeAction[] {
        const actions: CodeAction[] = [];
        for (const diagnostic of params.context.diagnostics) {
            switch (diagnostic.code) {
                case 'unresolved-reference': actions.push(...this.unresolved(document, diagnostic)); break;
                case 'missing-owner': actions.push(...this.missingOwner(document, diagnostic)); break;
                case 'quickwin-too-long': actions.push(...this.quickWinToProgramme(document, diagnostic)); break;
                case 'owner-also-partner': actions.push(...this.removeListEntry(document, diagnostic)); break;
                case 'invalid-money': actions.push(...this.scaleWords(document, diagnostic)); break;
            }
        }
        return actions;
    }

    private unresolved(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
        const data = diagnostic.data as UnresolvedReferenceData | undefined;
        if (!data) return [];
        const actions: CodeAction[] = data.suggestions.map((name, i) => this.fix(`Replace with '${name}'`, diagnostic, document, [TextEdit.replace(diagnostic.range, name)], i === 0));
        const declaration = this.declare(document, diagnostic.range, data);
        // Tied to its diagnostic, so that editors offer it on the problem too.
        if (declaration) actions.push({ ...declaration, diagnostics: [diagnostic] });
        return actions;
    }

    /** Declares the missing owner (with the other owners), programme (in the same pillar) or workshop. */
    private declare(document: LangiumDocument, range: Range, data: UnresolvedReferenceData): CodeAction | undefined {
        const name = data.refText;
        if (!/^[_a-zA-Z]\w*$/.test(name)) return undefined;
        const plan = this.services.model.PlanModels.forDocument(document);
        const node = this.nodeAt(document, range);
        if (data.referenceType === 'Owner') {
            const anchor = plan?.owners.at(-1);
            const text = `owner ${name} "${name}" kind agency`;
            return this.insertAfter(`Declare owner '${name}'`, anchor, document, text);
        }
        if (data.referenceType === 'Initiative') {
            const pillar = node && AstUtils.getContainerOfType(node, isPillar);
            const last = pillar?.initiatives.at(-1);
            const owner = node && isInitiative(node) ? node.owner?.$refText : undefined;
            const text = `programme ${name} "${name}" {\n${owner ? `    owner ${owner}\n` : ''}}`;
            return last ? this.insertAfter(`Declare programme '${name}' in pillar ${pillar!.name}`, last, document, text) : undefined;
        }
        if (data.referenceType === 'Workshop') {
            const anchor = plan?.workshops.at(-1) ?? lastTopLevel(document);
            return this.insertAfter(`Declare workshop '${name}'`, anchor, document, `workshop ${name} "${name}" {\n}`);
        }
        return undefined;
    }

    private missingOwner(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
        const node = this.nodeAt(document, diagnostic.range);
        const initiative = node && AstUtils.getContainerOfType(node, isInitiative);
        const plan = this.services.model.PlanModels.forDocument(document);
        if (!initiative || !plan) return [];
        return candidateOwners(initiative, plan).slice(0, 3).map((owner, i) => {
            const open = GrammarUtils.findNodeForKeyword(initiative.$cstNode, '{');
            if (!open) return undefined;
            const indent = indentOf(document, initiative.$cstNode!.range.start.line) + '    ';
            return this.fix(`Add 'owner ${owner}'`, diagnostic, document, [TextEdit.insert(open.range.end, `\n${indent}owner ${owner}`)], i === 0);
        }).filter((a): a is CodeAction => a !== undefined);
    }

    private quickWinToProgramme(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
        const node = this.nodeAt(document, diagnostic.range);
        const quickWin = node && AstUtils.getContainerOfType(node, isQuickWin);
        const keyword = quickWin && GrammarUtils.findNodeForKeyword(quickWin.$cstNode, 'quickwin');
        if (!keyword) return [];
        const edits = [TextEdit.replace(keyword.range, 'programme')];
        return [this.fix(`Turn quick win ${quickWin.name} into a programme`, diagnostic, document, edits, true)];
    }

    /** Removes one entry of a comma-separated list (the owner listed as its own partner). */
    private removeListEntry(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
        const text = document.textDocument.getText();
        const start = document.textDocument.offsetAt(diagnostic.range.start);
        const end = document.textDocument.offsetAt(diagnostic.range.end);
        const before = text.slice(0, start).match(/,\s*$/);
        const after = text.slice(end).match(/^\s*,\s*/);
        let range: Range;
        if (before) {
            range = { start: document.textDocument.positionAt(start - before[0].length), end: diagnostic.range.end };
        } else if (after) {
            range = { start: diagnostic.range.start, end: document.textDocument.positionAt(end + after[0].length) };
        } else {
            // The only entry: remove the whole `partners X` property.
            const keyword = text.slice(0, start).match(/(partners|implementers)\s+$/);
            if (!keyword) return [];
            range = { start: document.textDocument.positionAt(start - keyword[0].length), end: diagnostic.range.end };
        }
        return [this.fix('Remove the owner from this list', diagnostic, document, [TextEdit.replace(range, '')], true)];
    }

    /** For a bare `M` (and its kin), offer the scale words it could have meant. */
    private scaleWords(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
        const text = document.textDocument.getText(diagnostic.range);
        const match = /^(.*?)(\s+)([A-Za-z]+)$/.exec(text);
        if (!match) return [];
        const candidates: Record<string, string[]> = { m: ['miliar', 'juta'], mn: ['juta', 'miliar'], b: ['miliar'], bn: ['miliar'], jt: ['juta'], t: ['triliun', 'ribu'], rb: ['ribu'], k: ['ribu'] };
        const words = candidates[match[3].toLowerCase()] ?? [];
        const scaleStart = document.textDocument.positionAt(document.textDocument.offsetAt(diagnostic.range.start) + match[1].length + match[2].length);
        return words.map(word => this.fix(`Write '${word}'`, diagnostic, document, [TextEdit.replace({ start: scaleStart, end: diagnostic.range.end }, word)], false));
    }

    private insertAfter(title: string, anchor: AstNode | undefined, document: LangiumDocument, text: string): CodeAction | undefined {
        const cst = anchor?.$cstNode;
        const target = anchor ? AstUtils.getDocument(anchor) : document;
        const uri = target.uri.toString();
        const position = cst ? cst.range.end : document.textDocument.positionAt(document.textDocument.getText().length);
        const indent = cst ? indentOf(target, cst.range.start.line) : '';
        const body = text.split('\n').map((line, i) => (i === 0 ? line : indent + line)).join('\n');
        const edit: WorkspaceEdit = { changes: { [uri]: [TextEdit.insert(position, `\n${indent}${body}`)] } };
        return { title, kind: CodeActionKind.QuickFix, edit };
    }

    private fix(title: string, diagnostic: Diagnostic, document: LangiumDocument, edits: TextEdit[], preferred: boolean): CodeAction {
        return { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: preferred, edit: { changes: { [document.uri.toString()]: edits } } };
    }

    private nodeAt(document: LangiumDocument, range: Range): AstNode | undefined {
        const root = document.parseResult.value.$cstNode;
        if (!root) return undefined;
        return CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(range.start))?.astNode;
    }
}

/** The owners most likely meant: those that own most in the same pillar, then in the plan. */
function candidateOwners(initiative: Initiative, plan: PlanModel): string[] {
    const score = new Map<string, number>();
    for (const facts of plan.initiatives) {
        if (!facts.owner) continue;
        const weight = facts.pillar === initiative.$container ? 10 : 1;
        score.set(facts.owner.name, (score.get(facts.owner.name) ?? 0) + weight);
    }
    for (const owner of plan.owners) if (!score.has(owner.name)) score.set(owner.name, 0);
    return [...score.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([name]) => name);
}

function indentOf(document: LangiumDocument, line: number): string {
    const text = document.textDocument.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
    return /^[ \t]*/.exec(text)?.[0] ?? '';
}

function lastTopLevel(document: LangiumDocument): AstNode | undefined {
    return (document.parseResult.value as Document).elements?.at(-1);
}


