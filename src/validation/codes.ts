/**
 * The catalogue of diagnostics: every code a check can report, with its severity, what it means and
 * how to fix it. `docs/diagnostics.md` is generated from this table (`npm run docs`), and a test keeps
 * the two in step, so the documentation cannot drift from the checks.
 */
export type Severity = 'error' | 'warning' | 'info' | 'hint';

export type Topic = 'input' | 'names' | 'periods' | 'money' | 'alignment' | 'ownership' | 'dependencies' | 'framework' | 'readiness';

export interface DiagnosticCode {
    readonly code: string;
    readonly severity: Severity;
    readonly topic: Topic;
    /** One sentence: what the diagnostic means. */
    readonly summary: string;
    /** How to make it go away. */
    readonly fix: string;
}

const catalogue = [
    // input
    { code: 'syntax-error', severity: 'error', topic: 'input', summary: 'The text does not follow the language: a keyword, name, quote or brace is missing or out of place.', fix: 'Read the message for what was expected at that point; compare with the examples in docs/language.md.' },
    { code: 'unreadable-file', severity: 'error', topic: 'input', summary: 'The file is not a text plan: it holds binary data, is not valid UTF-8, or is too large to check.', fix: 'Save the file as UTF-8 text (in Word: "Plain Text", encoding UTF-8), or move files that are not plans out of the plan folder.' },
    // names and plans
    { code: 'unresolved-reference', severity: 'error', topic: 'names', summary: 'A name refers to nothing declared in this plan (an owner, element, RPJMD item, programme or workshop).', fix: 'Correct the spelling (the message suggests the closest names), or declare the missing thing; the quick fix can do either.' },
    { code: 'duplicate-name', severity: 'error', topic: 'names', summary: 'Two declarations in one plan have the same name, so references to it are ambiguous.', fix: 'Rename one of them. Names must be unique within a plan (RPJMD items within their parent).' },
    { code: 'missing-masterplan', severity: 'error', topic: 'names', summary: 'The file belongs to no plan: neither its folder nor any folder above it holds a `masterplan` declaration.', fix: 'Add a file with `masterplan Name "Title" { ... }` to the plan\'s root folder (`mplan init` writes one), or move the file into a plan.' },
    { code: 'multiple-masterplans', severity: 'error', topic: 'names', summary: 'A plan root holds more than one `masterplan` declaration.', fix: 'Keep one `masterplan` per plan folder; put a second plan in a folder of its own.' },
    { code: 'duplicate-property', severity: 'warning', topic: 'names', summary: 'A property that takes one value is given twice; only the last one counts.', fix: 'Remove one of the two lines, or use the list form (`partners A, B`) where the property takes several values.' },
    { code: 'missing-property', severity: 'warning', topic: 'names', summary: 'A declaration lacks a property that the checks and the books need (the masterplan\'s `period`, say).', fix: 'Add the property named in the message.' },
    // periods
    { code: 'invalid-period', severity: 'error', topic: 'periods', summary: 'A year or date range is reversed (`2025..2020`), names an implausible year, or a date that does not exist.', fix: 'Write the earlier year or date first, as four-digit years (`2020..2025`) and real dates (`2019-08-05`).' },
    { code: 'outside-plan-period', severity: 'error', topic: 'periods', summary: 'A programme or quick win runs in years outside the masterplan\'s period.', fix: 'Move the programme\'s `years` into the plan period, or extend the masterplan\'s `period`.' },
    { code: 'year-outside-range', severity: 'error', topic: 'periods', summary: 'A budget year, indicator target or baseline falls outside the years of the programme (or the RPJMD) it belongs to.', fix: 'Use years within the programme\'s `years` (a baseline may be earlier, but not after its first target), or widen the range.' },
    { code: 'quickwin-too-long', severity: 'warning', topic: 'periods', summary: 'A quick win runs for more than one year (or has a medium or long horizon); quick wins are chosen in yearly rounds, each achievable within its year.', fix: 'Give the quick win a single `year`, or turn it into a `programme` (the quick fix does that).' },
    // money
    { code: 'invalid-money', severity: 'error', topic: 'money', summary: 'A sum of money is ambiguous or malformed: an unknown scale (a bare `M`), a fraction of a rupiah, or a separator that could mean thousands or a decimal point.', fix: 'Write whole rupiah (`Rp 750000000` or `Rp 750.000.000`) or a number with a scale word: `juta`, `miliar`, `triliun` (or `million`, `billion`, `trillion`), e.g. `Rp 1,2 miliar`.' },
    { code: 'ambiguous-number', severity: 'warning', topic: 'money', summary: 'A number in an indicator or a score has one separator followed by three digits (`1.500`, `2,750`): Indonesian readers take it for thousands, English readers for a decimal.', fix: 'Write `1500` for fifteen hundred, or `1,5` for one and a half.' },
    // alignment
    { code: 'unaligned', severity: 'warning', topic: 'alignment', summary: 'A programme or quick win supports nothing in the RPJMD, so the plan cannot show it serves the regional development plan.', fix: 'Add `supports RPJMD.Mission.Goal.Objective` (or an RPJMD program) to the programme.' },
    { code: 'alignment-period-mismatch', severity: 'warning', topic: 'alignment', summary: 'A programme supports an item of an RPJMD whose period does not overlap the programme\'s years, typically a leftover from the previous RPJMD.', fix: 'Point the link at the current RPJMD\'s item, or correct the programme\'s years.' },
    { code: 'invalid-program-code', severity: 'error', topic: 'alignment', summary: 'An RPJMD program code does not follow the national nomenclature (urusan.bidang.program, e.g. `2.16.02`).', fix: 'Write the code as in the Permendagri 90/2019 nomenclature: `2.16.02` for a program, `2.16.02.2.01` for an activity, `2.16.02.2.01.0001` for a sub-activity.' },
    { code: 'duplicate-program-code', severity: 'error', topic: 'alignment', summary: 'Two programs of one RPJMD carry the same nomenclature code.', fix: 'Correct one of the codes; one code names one program.' },
    { code: 'objective-not-served', severity: 'info', topic: 'alignment', summary: 'No programme or quick win serves this RPJMD objective (directly or through an RPJMD program): a gap in the alignment.', fix: 'Add a programme that `supports` the objective, or accept the gap; Book II lists the gaps.' },
    // ownership
    { code: 'missing-owner', severity: 'warning', topic: 'ownership', summary: 'A programme or quick win has no responsible owner (penanggung jawab).', fix: 'Add `owner AgencyName`; the quick fix adds the line.' },
    { code: 'owner-also-partner', severity: 'warning', topic: 'ownership', summary: 'The responsible owner of a programme is also listed among its partners or implementers.', fix: 'Remove the owner from `partners` / `implementers`.' },
    { code: 'unused-owner', severity: 'warning', topic: 'ownership', summary: 'An owner is declared but no programme, quick win, RPJMD program, workshop or readiness item mentions it.', fix: 'Give it a role (owner, partner, implementer, participant) or remove the declaration.' },
    // dependencies
    { code: 'dependency-cycle', severity: 'error', topic: 'dependencies', summary: 'Programmes depend on each other in a circle (`after`), so none of them can start first.', fix: 'Remove one of the `after` links named in the message (for a cycle of more than ten, the message names ten of them and counts the rest).' },
    { code: 'starts-before-dependency', severity: 'warning', topic: 'dependencies', summary: 'A programme starts in an earlier year than a programme it comes `after`.', fix: 'Move the programme\'s `years` to start no earlier than its dependency, or drop the `after` link.' },
    // framework
    { code: 'dimension-not-covered', severity: 'warning', topic: 'framework', summary: 'A dimension of the framework the masterplan follows has no pillar.', fix: 'Add a `pillar ... dimension X` for it; `mplan init` writes all six national pillars.' },
    { code: 'empty-pillar', severity: 'warning', topic: 'framework', summary: 'A pillar has no programme.', fix: 'Add at least one `programme` to the pillar, or remove the pillar.' },
    { code: 'pillar-without-quickwin', severity: 'warning', topic: 'framework', summary: 'A pillar has no quick win; every dimension is expected to show a first, feasible step.', fix: 'Add a `quickwin` to the pillar.' },
    { code: 'element-not-in-dimension', severity: 'error', topic: 'framework', summary: 'A programme names an element that belongs to another dimension than its pillar\'s.', fix: 'Choose one of the elements of the pillar\'s dimension (completion lists them), or move the programme to the right pillar.' },
    // readiness
    { code: 'score-out-of-range', severity: 'error', topic: 'readiness', summary: 'A readiness score lies outside its scale (below 0 or above the `of N` maximum), or the scale itself is not a positive whole number.', fix: 'Give a score between 0 and the scale, e.g. `score 3 of 5`.' },
] as const satisfies readonly DiagnosticCode[];

/** A diagnostic code of this language. */
export type Code = (typeof catalogue)[number]['code'];

export const DIAGNOSTIC_CODES: readonly DiagnosticCode[] = catalogue;

const byCode = new Map<string, DiagnosticCode>(catalogue.map(entry => [entry.code, entry]));

/** The catalogue entry of a code. */
export function describeCode(code: string): DiagnosticCode | undefined {
    return byCode.get(code);
}
