import type { AstNode, AstNodeDescription } from 'langium';
import type { NodeKindProvider } from 'langium/lsp';
import { CompletionItemKind, SymbolKind } from 'vscode-languageserver';

/** What each declaration is in outlines, symbol search and completion lists. */
const KINDS: Record<string, [SymbolKind, CompletionItemKind]> = {
    Masterplan: [SymbolKind.Namespace, CompletionItemKind.Module],
    Owner: [SymbolKind.Class, CompletionItemKind.Class],
    Rpjmd: [SymbolKind.Module, CompletionItemKind.Module],
    RpjmdMission: [SymbolKind.Module, CompletionItemKind.Module],
    RpjmdGoal: [SymbolKind.Object, CompletionItemKind.Module],
    RpjmdObjective: [SymbolKind.Field, CompletionItemKind.Field],
    RpjmdProgram: [SymbolKind.Method, CompletionItemKind.Method],
    Pillar: [SymbolKind.Package, CompletionItemKind.Folder],
    Programme: [SymbolKind.Function, CompletionItemKind.Function],
    QuickWin: [SymbolKind.Event, CompletionItemKind.Event],
    Workshop: [SymbolKind.Event, CompletionItemKind.Event],
    Readiness: [SymbolKind.Struct, CompletionItemKind.Struct],
    Aspect: [SymbolKind.Struct, CompletionItemKind.Struct],
    Framework: [SymbolKind.Namespace, CompletionItemKind.Module],
    Dimension: [SymbolKind.Enum, CompletionItemKind.Enum],
    Element: [SymbolKind.EnumMember, CompletionItemKind.EnumMember],
};

/** Symbol and completion kinds by declaration type, so an outline tells pillars from programmes. */
export class MasterplanNodeKindProvider implements NodeKindProvider {
    getSymbolKind(node: AstNode | AstNodeDescription): SymbolKind {
        return KINDS[typeOf(node)]?.[0] ?? SymbolKind.Field;
    }

    getCompletionItemKind(node: AstNode | AstNodeDescription): CompletionItemKind {
        return KINDS[typeOf(node)]?.[1] ?? CompletionItemKind.Reference;
    }
}

function typeOf(node: AstNode | AstNodeDescription): string {
    return '$type' in node ? node.$type : node.type;
}
