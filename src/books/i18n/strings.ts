import type { Language } from '../outline.js';
import type { Horizon, Level, OwnerKind } from '../../language/generated/ast.js';
import { id } from './id.js';
import { en } from './en.js';

/**
 * Every heading, label and sentence of boilerplate the books need, in one language. Builders take
 * their words from here only; renderers take none of their own (they get labels from the book).
 * Sentences with numbers are functions; the numbers they receive are already formatted for the
 * reader unless the parameter says otherwise.
 */
export interface BookStrings {
    readonly language: Language;

    // ---- the books and the renderers' labels
    readonly bookTitles: { readonly 1: string; readonly 2: string; readonly 3: string };
    readonly contents: string;
    readonly page: string;
    readonly table: string;
    readonly figure: string;
    readonly generatedBy: string;

    // ---- title page
    readonly titleRegion: (region: string, province?: string) => string;
    readonly titlePeriod: (years: string) => string;
    readonly titleRegulation: (regulation: string) => string;
    readonly titleConsultant: (consultant: string) => string;

    // ---- common labels
    readonly no: string;
    readonly name: string;
    readonly total: string;
    readonly year: string;
    readonly years: string;
    readonly budget: string;
    readonly owner: string;
    readonly partners: string;
    readonly implementers: string;
    readonly pillar: string;
    readonly pillars: string;
    readonly programme: string;
    readonly programmes: string;
    readonly quickWin: string;
    readonly quickWins: string;
    /** Programmes and quick wins together. */
    readonly initiatives: string;
    readonly element: string;
    readonly elements: string;
    readonly dimension: string;
    readonly horizon: string;
    readonly location: string;
    readonly description: string;
    readonly role: string;
    readonly head: string;
    readonly kind: string;
    readonly share: string;
    readonly none: string;
    readonly notSet: string;
    readonly item: string;
    readonly aspect: string;
    readonly score: string;
    readonly note: string;
    readonly indicator: string;
    readonly unit: string;
    readonly baseline: string;
    readonly target: string;
    readonly source: string;
    readonly code: string;
    readonly region: string;
    readonly province: string;
    readonly period: string;
    readonly regulation: string;
    readonly consultant: string;
    readonly framework: string;
    readonly rpjmd: string;
    readonly assessedOn: string;
    readonly field: string;
    readonly value: string;
    readonly impactEffort: string;
    readonly agreedAt: string;
    readonly rpjmdLinks: string;
    readonly rpjmdObjective: string;
    readonly rpjmdProgram: string;
    readonly smartCityProgrammes: string;
    readonly status: string;
    readonly served: string;
    readonly gap: string;
    readonly dependsOn: string;
    readonly dependents: string;
    readonly date: string;
    readonly place: string;
    readonly participants: string;
    readonly attendance: string;
    readonly drafts: string;
    readonly facilitator: string;

    // ---- enumerations
    readonly ownerKinds: Readonly<Record<OwnerKind | 'other', string>>;
    readonly horizons: Readonly<Record<Horizon, string>>;
    readonly levels: Readonly<Record<Level, string>>;
    readonly bookNames: Readonly<Record<'book1' | 'book2' | 'book3', string>>;
    /** English names of the national readiness aspects, by their usual identifiers (used when a plan gives no `en` title). */
    readonly aspectNames: Readonly<Record<string, string>>;
    readonly rpjmdLevels: Readonly<Record<'RpjmdMission' | 'RpjmdGoal' | 'RpjmdObjective' | 'RpjmdProgram', string>>;

    // ---- sentences and small phrases
    readonly impactEffortValue: (impact?: string, effort?: string) => string;
    readonly scoreOf: (score: string, scale: string) => string;
    readonly yearValue: (year: number, value: string) => string;
    readonly programmeCount: (n: number) => string;
    /** Joins a list the way a sentence does: `a, b dan c` / `a, b and c`. */
    readonly joinList: (items: readonly string[]) => string;

    // ---- Book I
    readonly b1Introduction: string;
    readonly b1IntroLead: (region: string, province: string | undefined, years: string | undefined) => string;
    readonly b1RegionAndPeriod: string;
    readonly b1IdentityCaption: string;
    readonly b1Purpose: string;
    readonly b1PurposeText: string;
    readonly b1PurposeAspects: string;
    readonly b1DraftedAt: (workshops: string) => string;
    readonly b1Stakeholders: string;
    readonly b1StakeholdersLead: (total: number, groups: string) => string;
    readonly b1StakeholderCaption: (kind: string) => string;
    readonly b1NoStakeholders: string;
    readonly b1Assessment: string;
    readonly b1AssessmentLead: (scale: string, date: string | undefined) => string;
    readonly b1NoAssessment: string;
    readonly b1AspectCaption: (aspect: string) => string;
    readonly b1AspectChartCaption: (aspect: string) => string;
    readonly b1AspectAverage: (aspect: string, score: string, scale: string, percent: string) => string;
    readonly b1Weakest: string;
    readonly b1WeakestLead: (n: number) => string;
    readonly b1WeakestCaption: string;
    readonly b1Conclusion: string;
    readonly b1OverallScore: (region: string, score: string, scale: string, percent: string) => string;
    readonly b1AspectsChartCaption: string;
    /** The aspect(s) with the lowest average score (several when they tie). */
    readonly b1LowestAspect: (aspects: readonly string[], score: string, scale: string) => string;
    readonly b1HighestAspect: (aspects: readonly string[], score: string, scale: string) => string;

    // ---- Book II
    readonly b2Introduction: string;
    readonly b2IntroLead: (title: string, region: string | undefined, years: string | undefined) => string;
    readonly b2IdentityCaption: string;
    readonly b2VisionMission: string;
    readonly b2Vision: string;
    readonly b2Mission: string;
    readonly b2NoVision: string;
    readonly b2Alignment: string;
    readonly b2AlignmentLead: (rpjmd: string, years: string | undefined) => string;
    readonly b2NoRpjmd: string;
    readonly objectivesServed: (served: number, total: number, percent: string) => string;
    readonly b2Matrix: string;
    readonly b2MatrixLead: string;
    /** The key to the matrix's pillar columns, `P1 Smart Governance; P2 …`. */
    b2MatrixPillarKey(entries: string): string;
    readonly b2MatrixCaption: (rpjmd: string) => string;
    readonly b2MatrixDetailCaption: (rpjmd: string) => string;
    readonly b2ServedByHeader: string;
    readonly b2Gaps: string;
    readonly b2GapsLead: (n: number) => string;
    readonly b2NoGaps: string;
    readonly b2PillarChapter: (pillar: string) => string;
    readonly b2DimensionAndElements: string;
    readonly b2PillarDimension: (dimension: string) => string;
    readonly b2PillarNoDimension: string;
    readonly b2Strategies: string;
    readonly b2ProgrammeList: string;
    readonly b2ProgrammeListCaption: (pillar: string) => string;
    readonly b2PillarSummary: (programmes: number, quickWins: number, budget: string) => string;
    readonly b2NoProgrammes: string;
    readonly b2ProgrammeFactsCaption: (programme: string) => string;
    readonly b2IndicatorsCaption: (programme: string) => string;
    readonly b2BudgetDetail: (entries: string, total: string) => string;
    readonly b2QuickWins: string;
    readonly b2QuickWinsLead: (n: number, rounds: number) => string;
    readonly b2NoQuickWins: string;
    readonly b2QuickWinRound: (year: string) => string;
    readonly b2QuickWinRoundCaption: (year: string) => string;
    readonly b2QuickWinNoYear: string;
    readonly b2Roadmap: string;
    readonly b2RoadmapLead: (years: string, programmes: number, quickWins: number) => string;
    readonly b2GanttCaption: string;
    readonly b2ActiveCaption: string;
    readonly b2ActiveLead: string;
    readonly b2Budget: string;
    readonly b2BudgetLead: (total: string, years: string, count: number) => string;
    readonly b2BudgetNote: string;
    readonly b2BudgetByYearPillar: string;
    readonly b2BudgetByYearPillarCaption: string;
    readonly b2BudgetByPillarChart: string;
    readonly b2BudgetByOwner: string;
    readonly b2BudgetByOwnerCaption: string;
    readonly b2NoBudget: string;
    readonly b2Governance: string;
    readonly b2GovernanceLead: string;
    readonly b2GovernanceRegulation: (regulation: string) => string;
    readonly b2OwnersRoles: string;
    readonly b2OwnersRolesCaption: string;
    readonly b2Owns: string;
    readonly b2PartnerIn: string;
    readonly b2Workshops: string;
    readonly b2WorkshopsLead: (n: number) => string;
    readonly b2WorkshopsCaption: string;
    readonly b2NoWorkshops: string;
    readonly b2WorkshopAgreed: string;
    readonly b2ParticipantsList: (n: number) => string;

    // ---- Book III
    readonly b3Vision: string;
    readonly b3KeyNumbers: string;
    readonly b3KeyNumbersLead: (region: string, years: string | undefined) => string;
    readonly b3TotalBudget: string;
    readonly b3ObjectivesServed: string;
    readonly b3ObjectivesValue: (served: number, total: number, percent: string) => string;
    readonly b3QuickWinsLead: (n: number) => string;
    readonly b3QuickWinsCaption: string;
    readonly b3RoadmapBrief: string;
    readonly b3RoadmapLead: (years: string) => string;
    readonly b3GanttCaption: string;
    readonly b3PhasesCaption: string;
    readonly b3Phase: string;
    readonly b3Closing: (regulation: string | undefined) => string;
}

/** The strings of a language. */
export function stringsFor(lang: Language): BookStrings {
    return lang === 'en' ? en : id;
}
