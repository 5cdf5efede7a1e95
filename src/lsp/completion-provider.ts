import { stream, type AstNodeDescription, type LangiumDocument, type ReferenceInfo, type Stream } from 'langium';
import { DefaultCompletionProvider, type CompletionContext, type CompletionProviderOptions, type CompletionValueItem } from 'langium/lsp';
import { CompletionItemKind, type CancellationToken, type CompletionItem, type CompletionList, type CompletionParams } from 'vscode-languageserver';
import type { MasterplanServices } from '../language/module.js';

/** At most this many names in one completion list (keywords not counted); when more match, the list is cut and incomplete. */
export const MAX_REFERENCE_ITEMS = 200;

/**
 * Langium's completion (keywords that fit the position, names of the kind the position accepts,
 * from the plan's scope), with each name's title as detail and a kind per declaration type. RPJMD
 * paths complete step by step: after `RPJMD2019.` the items directly below it, after
 * `RPJMD2019.M1.` those below M1 (`.` triggers completion).
 *
 * Names are filtered by the text typed so far before any item is built (a plan may have thousands of
 * owners), ranked, and capped at {@link MAX_REFERENCE_ITEMS}. The rank, which is also the `sortText`:
 * the name equal to the typed text (ignoring case) first, then names that start with it, then
 * Langium's fuzzy matches; within each, elements of the pillar's own dimension first; then by name.
 * A list that was cut is `isIncomplete`, so the editor asks again as the user types; so is a list of
 * RPJMD paths, whose next step depends on the text typed. Any other list is complete and the editor
 * filters it itself.
 */
export class MasterplanCompletionProvider extends DefaultCompletionProvider {
    override readonly completionOptions: CompletionProviderOptions = { triggerCharacters: ['.'] };

    constructor(services: MasterplanServices) {
        super(services);
    }

    /**
     * Langium's list, with the names cut to the best {@link MAX_REFERENCE_ITEMS} by rank (each
     * reference gives at most one more than that: see `getReferenceCandidates`), and `isIncomplete`
     * only when the list was cut or holds RPJMD paths (Langium always says incomplete).
     */
    override async getCompletion(document: LangiumDocument, params: CompletionParams, cancelToken?: CancellationToken): Promise<CompletionList | undefined> {
        const list = await super.getCompletion(document, params, cancelToken);
        if (!list) return list;
        // Keywords are the only items that are not names.
        const names = list.items.filter(item => item.kind !== CompletionItemKind.Keyword);
        const cut = names.length > MAX_REFERENCE_ITEMS;
        let items = list.items;
        if (cut) {
            const kept = new Set([...names].sort(byRank).slice(0, MAX_REFERENCE_ITEMS));
            items = items.filter(item => item.kind === CompletionItemKind.Keyword || kept.has(item));
        }
        const paths = names.some(item => item.label.includes('.'));
        return { isIncomplete: cut || paths, items };
    }

    /**
     * The scope's names that match the text typed so far (as Langium's fuzzy matcher, which drops the
     * others only after building their items), one per name, best first by rank, at most
     * {@link MAX_REFERENCE_ITEMS} + 1 (the one more tells a cut list from a full one).
     *
     * Once a path has a `.`, only the names below the part typed so far, and of those only the
     * nearest ones (`RPJMD2019.M1`, not also `RPJMD2019.M1.G1`) when the nearer one is itself a
     * candidate. (Langium's fuzzy match alone would offer `RPJMD2019.M2.G1.O1` for `RPJMD2019.M1.`.)
     */
    protected override getReferenceCandidates(refInfo: ReferenceInfo, context: CompletionContext): Stream<AstNodeDescription> {
        const typed = typedText(context);
        const query = typed.toLowerCase();
        const seen = new Set<string>();
        const matches: Candidate[] = [];
        for (const description of this.nearestCandidates(refInfo, context, typed)) {
            if (seen.has(description.name) || !this.fuzzyMatcher.match(typed, description.name)) continue;
            seen.add(description.name);
            matches.push({ description, match: matchOf(description.name, query), own: isOwnDimension(description, refInfo) ? 0 : 1 });
        }
        // Thousands of names: keep the best few rather than sort them all.
        return stream(best(matches, MAX_REFERENCE_ITEMS + 1, compareCandidates)).map(c => c.description);
    }

    /** The scope's names; after a `.`, the nearest names below the path typed so far. */
    private nearestCandidates(refInfo: ReferenceInfo, context: CompletionContext, typed: string): Stream<AstNodeDescription> {
        const candidates = super.getReferenceCandidates(refInfo, context);
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
        const title = (description.node as { title?: string } | undefined)?.title;
        return {
            ...item,
            detail: title,
            labelDetails: title ? { description: title } : undefined,
            sortText: rankOf(description, refInfo, typedText(context)),
        };
    }
}

/** The text from the start of the token being completed to the cursor. */
function typedText(context: CompletionContext): string {
    return context.textDocument.getText().substring(context.tokenOffset, context.offset);
}

/** A name that matches the text typed, with what ranks it. */
interface Candidate {
    description: AstNodeDescription;
    /** 0: the whole name (ignoring case); 1: its start; 2: otherwise, as a fuzzy match. */
    match: number;
    /** 0: an element of the pillar's own dimension; 1: any other name. */
    own: number;
}

function matchOf(name: string, query: string): number {
    const lower = name.toLowerCase();
    return lower === query ? 0 : lower.startsWith(query) ? 1 : 2;
}

function compareCandidates(a: Candidate, b: Candidate): number {
    return a.match - b.match || a.own - b.own || compareStrings(a.description.name, b.description.name);
}

/**
 * A name's rank for the text typed, as a string that sorts best first: how it matches, whether it is
 * an element of the pillar's own dimension, then the name (the order of `compareCandidates`).
 */
function rankOf(description: AstNodeDescription, refInfo: ReferenceInfo, typed: string): string {
    return `${matchOf(description.name, typed.toLowerCase())}${isOwnDimension(description, refInfo) ? 0 : 1}${description.name}`;
}

/** Whether the name is an element of the dimension of the pillar the reference is in. */
function isOwnDimension(description: AstNodeDescription, refInfo: ReferenceInfo): boolean {
    if (description.type !== 'Element') return false;
    const pillarDimension = (refInfo.container.$container as { dimension?: { ref?: { name: string } } } | undefined)?.dimension?.ref?.name;
    const dimension = (description.node?.$container as { name?: string } | undefined)?.name;
    return pillarDimension !== undefined && dimension === pillarDimension;
}

function byRank(a: CompletionItem, b: CompletionItem): number {
    return compareStrings(a.sortText ?? a.label, b.sortText ?? b.label);
}

/** The `count` least items by `compare`, in order, without sorting them all (one comparison for most). */
function best<T>(items: Iterable<T>, count: number, compare: (a: T, b: T) => number): T[] {
    const kept: T[] = [];
    for (const item of items) {
        if (kept.length === count && compare(item, kept[count - 1]) >= 0) continue;
        let low = 0;
        let high = kept.length;
        while (low < high) {
            const middle = (low + high) >>> 1;
            if (compare(kept[middle], item) <= 0) low = middle + 1;
            else high = middle;
        }
        kept.splice(low, 0, item);
        if (kept.length > count) kept.pop();
    }
    return kept;
}

/** Code-unit order: cheap, and the same on every machine (unlike `localeCompare`). */
function compareStrings(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}
