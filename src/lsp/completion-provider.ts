import { stream, type AstNodeDescription, type ReferenceInfo, type Stream } from 'langium';
import { DefaultCompletionProvider, type CompletionContext, type CompletionProviderOptions, type CompletionValueItem } from 'langium/lsp';
import type { MasterplanServices } from '../language/module.js';

/**
 * Langium's completion (keywords that fit the position, names of the kind the position accepts,
 * from the plan's scope), with each name's title as detail and a kind per declaration type. Elements
 * of the pillar's own dimension come first. RPJMD paths complete step by step: after `RPJMD2019.`
 * the items directly below it, after `RPJMD2019.M1.` those below M1 (`.` triggers completion).
 */
export class MasterplanCompletionProvider extends DefaultCompletionProvider {
    override readonly completionOptions: CompletionProviderOptions = { triggerCharacters: ['.'] };

    constructor(services: MasterplanServices) {
        super(services);
    }

    /**
     * Once a path has a `.`, only the names below the part typed so far, and of those only the
     * nearest ones (`RPJMD2019.M1`, not also `RPJMD2019.M1.G1`) when the nearer one is itself a
     * candidate. (Langium's fuzzy match alone would offer `RPJMD2019.M2.G1.O1` for `RPJMD2019.M1.`.)
     */
    protected override getReferenceCandidates(refInfo: ReferenceInfo, context: CompletionContext): Stream<AstNodeDescription> {
        const candidates = super.getReferenceCandidates(refInfo, context);
        const typed = context.textDocument.getText().substring(context.tokenOffset, context.offset);
        const dot = typed.lastIndexOf('.');
        if (dot < 0) return candidates;
        const prefix = typed.slice(0, dot + 1);
        const below = candidates.filter(d => d.name.startsWith(prefix) && d.name.length > prefix.length).toArray();
        const names = new Set(below.map(d => d.name));
        return stream(below.filter(d => {
            const rest = d.name.slice(prefix.length).split('.');
            for (let i = 1; i < rest.length; i++) if (names.has(prefix + rest.slice(0, i).join('.'))) return false;
            return true;
        }));
    }

    protected override createReferenceCompletionItem(description: AstNodeDescription, refInfo: ReferenceInfo, context: CompletionContext): CompletionValueItem {
        const item = super.createReferenceCompletionItem(description, refInfo, context);
        const node = description.node as { title?: string; $container?: { name?: string }; $type?: string } | undefined;
        const title = node?.title;
        const pillarDimension = (refInfo.container.$container as { dimension?: { ref?: { name: string } } } | undefined)?.dimension?.ref?.name;
        const ownDimension = description.type === 'Element' && pillarDimension !== undefined && node?.$container?.name === pillarDimension;
        return {
            ...item,
            detail: title,
            labelDetails: title ? { description: title } : undefined,
            sortText: `${ownDimension ? '0' : '1'}${description.name}`,
        };
    }
}
