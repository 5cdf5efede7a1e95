import type { AstNodeDescription, ReferenceInfo } from 'langium';
import { DefaultCompletionProvider, type CompletionContext, type CompletionValueItem } from 'langium/lsp';
import { CompletionItemKind } from 'vscode-languageserver';
import type { MasterplanServices } from '../language/module.js';

const KINDS: Record<string, CompletionItemKind> = {
    Owner: CompletionItemKind.Class,
    Programme: CompletionItemKind.Function,
    QuickWin: CompletionItemKind.Event,
    Workshop: CompletionItemKind.Event,
    Dimension: CompletionItemKind.Enum,
    Element: CompletionItemKind.EnumMember,
    RpjmdMission: CompletionItemKind.Module,
    RpjmdGoal: CompletionItemKind.Module,
    RpjmdObjective: CompletionItemKind.Field,
    RpjmdProgram: CompletionItemKind.Method,
    Rpjmd: CompletionItemKind.Module,
    Framework: CompletionItemKind.Module,
};

/**
 * Langium's completion (keywords that fit the position, names of the kind the position accepts,
 * from the plan's scope), with each name's title as detail and a kind per declaration type. Elements
 * of the pillar's own dimension come first.
 */
export class MasterplanCompletionProvider extends DefaultCompletionProvider {
    constructor(services: MasterplanServices) {
        super(services);
    }

    protected override createReferenceCompletionItem(description: AstNodeDescription, refInfo: ReferenceInfo, context: CompletionContext): CompletionValueItem {
        const item = super.createReferenceCompletionItem(description, refInfo, context);
        const node = description.node as { title?: string; $container?: { name?: string }; $type?: string } | undefined;
        const title = node?.title;
        const pillarDimension = (refInfo.container.$container as { dimension?: { ref?: { name: string } } } | undefined)?.dimension?.ref?.name;
        const ownDimension = description.type === 'Element' && pillarDimension !== undefined && node?.$container?.name === pillarDimension;
        return {
            ...item,
            kind: KINDS[description.type] ?? item.kind,
            detail: title,
            labelDetails: title ? { description: title } : undefined,
            sortText: `${ownDimension ? '0' : '1'}${description.name}`,
        };
    }
}
