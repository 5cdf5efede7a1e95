import type { MasterplanLanguageKeywordNames } from './generated/ast.js';

/** The language's keywords that look like names. Typed so that a keyword added to the grammar must be added here. */
const KEYWORDS: Record<Exclude<MasterplanLanguageKeywordNames, ',' | '.' | '..' | ':' | '{' | '}'>, true> = {
    IDR: true, Rp: true, academia: true, after: true, agency: true, agreed: true, aka: true, aspect: true, assessed: true,
    attendance: true, baseline: true, book1: true, book2: true, book3: true, budget: true, code: true, community: true,
    conclusion: true, consultant: true, date: true, dates: true, description: true, dimension: true, drafts: true,
    effort: true, element: true, en: true, facilitator: true, framework: true, goal: true, head: true, high: true,
    horizon: true, impact: true, implementers: true, indicator: true, item: true, kind: true, location: true, long: true,
    low: true, masterplan: true, medium: true, mission: true, national: true, note: true, objective: true, of: true,
    owner: true, participants: true, partners: true, period: true, pillar: true, place: true, private: true,
    program: true, programme: true, province: true, quickwin: true, readiness: true, region: true, regulation: true,
    role: true, rpjmd: true, scale: true, score: true, serves: true, short: true, source: true, strategy: true,
    supports: true, target: true, unit: true, vision: true, workshop: true, year: true, years: true,
};

/** The keywords, which the lexer reads as keywords wherever they stand, so none of them can be a name. */
export const LANGUAGE_KEYWORDS: ReadonlySet<string> = new Set(Object.keys(KEYWORDS));

/** Whether `word` is a keyword of the language (and so cannot be a name). */
export function isKeyword(word: string): boolean {
    return LANGUAGE_KEYWORDS.has(word);
}
