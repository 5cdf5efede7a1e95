import type { AstNode } from 'langium';
import type { Indicator, Initiative, Pillar, RpjmdItem, Workshop, YearValue } from '../language/generated/ast.js';
import { forEachRpjmdItem } from '../language/scope-computation.js';
import type { InitiativeFacts, PlanModel } from '../model/plan-model.js';
import { parseNumber } from '../model/money.js';
import { readDateRange } from '../model/periods.js';
import type { Block, Book, GanttChart, Inline, Language, Section } from './outline.js';
import { stringsFor, type BookStrings } from './i18n/strings.js';
import { formatDateRange, formatMoney, formatNumber, formatPercent, formatPlanNumber, formatYears } from './i18n/format.js';
import {
    Anchors, assembleBook, cell, fromNode, joinInline, list, orderedInitiatives, orderedPillars, ownerInline, paragraph, periodText, ref, section, table, text, titleOf,
    workshopLabel, type RowInput,
} from './common.js';
import { ownersByKind } from './book1.js';
import { sourceOf } from './source.js';

/**
 * Book II, Masterplan Smart City: vision and missions; alignment with the RPJMD (a traceability
 * matrix of objectives against programmes, and the gaps); one chapter per pillar with its
 * programmes in a table and in detail; the quick wins by yearly round; the roadmap as a Gantt
 * chart; the budget by year, pillar and owner; governance (owners and roles, the workshop record).
 */
export function buildBook2(plan: PlanModel, lang: Language): Book {
    const ctx = new Context(plan, lang);
    const sections: Section[] = [
        introduction(ctx),
        visionAndMission(ctx),
        alignment(ctx),
        ...orderedPillars(plan).map(pillar => pillarChapter(ctx, pillar)),
        quickWins(ctx),
        roadmap(ctx),
        budget(ctx),
        governance(ctx),
    ];
    return assembleBook(plan, 2, lang, sections);
}

/** What every part of Book II needs: the plan, the words, the anchors, and RPJMD paths. */
class Context {
    readonly t: BookStrings;
    readonly anchors = new Anchors();
    /** Pillars and initiatives in reading order. */
    readonly pillars: readonly Pillar[];
    readonly initiatives: readonly InitiativeFacts[];
    private readonly rpjmdPaths = new Map<AstNode, string>();

    constructor(readonly plan: PlanModel, readonly lang: Language) {
        this.t = stringsFor(lang);
        for (const rpjmd of plan.rpjmds) forEachRpjmdItem(rpjmd, (node, path) => this.rpjmdPaths.set(node, path));
        // anchors of what other parts link to, made first so that every link finds its target
        this.pillars = orderedPillars(plan);
        this.initiatives = orderedInitiatives(plan);
        for (const pillar of this.pillars) this.anchors.of(pillar, 'pillar', pillar.name);
        for (const facts of this.initiatives) this.anchors.of(facts.node, facts.kind, facts.node.name);
    }

    money(rupiah: number): string {
        return formatMoney(rupiah, this.lang);
    }

    number(value: number): string {
        return formatNumber(value, this.lang);
    }

    /** A link to an initiative's section. */
    initiativeRef(node: Initiative): Inline {
        const anchor = this.anchors.get(node);
        const title = titleOf(node, this.lang);
        return anchor ? ref(title, anchor) : fromNode(title, node);
    }

    /** A link to a pillar's chapter. */
    pillarRef(pillar: Pillar): Inline {
        return ref(titleOf(pillar, this.lang), this.anchors.get(pillar)!);
    }

    /** An RPJMD item in short: its programme code or its path in the cascade (`M1.G1.O2`). */
    rpjmdShort(item: RpjmdItem): string {
        if (item.$type === 'RpjmdProgram' && item.code) return item.code;
        return this.rpjmdPaths.get(item) ?? item.name;
    }

    /** An RPJMD item in full: `Sasaran M1.G1.O2: Meningkatnya …`. */
    rpjmdFull(item: RpjmdItem): string {
        return `${this.t.rpjmdLevels[item.$type]} ${this.rpjmdShort(item)}: ${titleOf(item, this.lang)}`;
    }
}

function introduction(ctx: Context): Section {
    const { plan, t, lang } = ctx;
    const mp = plan.masterplan;
    const children: Block[] = [
        paragraph(t.b2IntroLead(titleOf(mp, lang) || (mp?.name ?? ''), mp?.region, periodText(plan, lang)), { style: 'lead', node: mp }),
    ];
    if (mp?.description) children.push({ type: 'markdown', markdown: mp.description, ...(sourceOf(mp) ? { source: sourceOf(mp)! } : {}) });
    const rows: RowInput[] = [];
    const add = (label: string, value: string | undefined, node: AstNode | undefined = mp) => {
        if (value) rows.push({ cells: [cell(label), cell([fromNode(value, node)])] });
    };
    add(t.region, mp?.region);
    add(t.province, mp?.province);
    add(t.period, periodText(plan, lang));
    if (plan.rpjmd) {
        const years = plan.rpjmdPeriod(plan.rpjmd);
        add(t.rpjmd, `${titleOf(plan.rpjmd, lang)}${years ? ` (${formatYears(years, lang)})` : ''}`, plan.rpjmd);
    }
    if (plan.framework) add(t.framework, titleOf(plan.framework, lang), plan.framework);
    add(t.regulation, mp?.regulation);
    add(t.consultant, mp?.consultant);
    if (rows.length > 0) children.push(table(t.b2IdentityCaption, [{ header: t.field }, { header: t.value }], rows, ctx.anchors.make('table-identity')));
    return section(1, t.b2Introduction, ctx.anchors.make('introduction'), children, mp);
}

function visionAndMission(ctx: Context): Section {
    const { plan, t } = ctx;
    const mp = plan.masterplan;
    const vision = mp?.vision
        ? paragraph([text(mp.vision, { bold: true })], { style: 'callout', node: mp })
        : paragraph(t.b2NoVision);
    const children: Array<Block | Section> = [section(2, t.b2Vision, ctx.anchors.make('vision'), [vision])];
    if (mp && mp.missions.length > 0) {
        children.push(section(2, t.b2Mission, ctx.anchors.make('missions'), [list(mp.missions.map(m => ({ content: m, node: mp })), true)]));
    }
    return section(1, t.b2VisionMission, ctx.anchors.make('vision-and-mission'), children);
}

function alignment(ctx: Context): Section {
    const { plan, t, lang } = ctx;
    const id = ctx.anchors.make('alignment');
    const rpjmd = plan.rpjmd;
    if (!rpjmd && plan.objectives.length === 0) {
        return section(1, t.b2Alignment, id, [paragraph(t.b2NoRpjmd)]);
    }
    const rpjmdTitle = rpjmd ? titleOf(rpjmd, lang) : 'RPJMD';
    const rpjmdYears = rpjmd ? plan.rpjmdPeriod(rpjmd) : undefined;
    const total = plan.objectives.length;
    const served = total - plan.unservedObjectives.length;
    const children: Array<Block | Section> = [
        paragraph(t.b2AlignmentLead(rpjmdTitle, rpjmdYears ? formatYears(rpjmdYears, lang) : undefined), { style: 'lead', node: rpjmd }),
        paragraph(t.objectivesServed(served, total, formatPercent(total === 0 ? 0 : served / total, lang))),
    ];

    // The matrix itself stays narrow enough to print: a mark and a count per pillar. Which
    // programmes they are follows in a second table, one row per objective.
    const pillars = ctx.pillars;
    const rows: RowInput[] = plan.objectives.map(objective => {
        const byPillar = pillars.map(pillar => {
            const serving = objective.servedBy.filter(node => plan.initiative(node)?.pillar === pillar).length;
            return cell(serving > 0 ? [text(ctx.number(serving))] : [], undefined, serving > 0);
        });
        const isServed = objective.servedBy.length > 0;
        return {
            node: objective.node,
            cells: [
                cell([fromNode(objective.path, objective.node)], objective.node),
                cell(titleOf(objective.node, lang)),
                ...byPillar,
                cell([text(isServed ? t.served : t.gap, { bold: !isServed })]),
            ],
        };
    });
    const detail: RowInput[] = plan.objectives.map(objective => ({
        node: objective.node,
        cells: [
            cell([fromNode(objective.path, objective.node)], objective.node),
            cell(joinInline(objective.programs.map(p => fromNode(ctx.rpjmdShort(p), p)))),
            cell(joinInline(objective.servedBy.map(node => ctx.initiativeRef(node)), '; ')),
        ],
    }));
    // Pillar columns are too narrow for pillar titles (Word broke "Smart Governance" mid-word):
    // they are numbered, with a key above the table.
    const pillarColumn = (index: number) => `P${index + 1}`;
    children.push(section(2, t.b2Matrix, ctx.anchors.make('traceability-matrix'), [
        paragraph(t.b2MatrixLead),
        paragraph(t.b2MatrixPillarKey(pillars.map((p, i) => `${pillarColumn(i)} ${titleOf(p, lang)}`).join('; '))),
        table(t.b2MatrixCaption(rpjmdTitle), [
            { header: t.code, width: 13 },
            { header: t.rpjmdObjective, width: 33 },
            ...pillars.map((_, i) => ({ header: pillarColumn(i), align: 'center' as const, width: 42 / Math.max(1, pillars.length) })),
            { header: t.status, width: 12 },
        ], rows, ctx.anchors.make('table-traceability')),
        table(t.b2MatrixDetailCaption(rpjmdTitle), [
            { header: t.code, width: 12 },
            { header: t.rpjmdProgram, width: 22 },
            { header: t.b2ServedByHeader, width: 66 },
        ], detail, ctx.anchors.make('table-traceability-detail')),
    ]));

    const gaps = plan.unservedObjectives;
    children.push(section(2, t.b2Gaps, ctx.anchors.make('gaps'), gaps.length === 0
        ? [paragraph(t.b2NoGaps)]
        : [
            paragraph(t.b2GapsLead(gaps.length)),
            list(gaps.map(o => ({ content: [fromNode(o.path, o.node), text(`: ${titleOf(o.node, lang)}`)], node: o.node }))),
        ]));
    return section(1, t.b2Alignment, id, children, rpjmd);
}

function pillarChapter(ctx: Context, pillar: Pillar): Section {
    const { plan, t, lang } = ctx;
    const facts = plan.initiatives.filter(f => f.pillar === pillar);
    const programmes = facts.filter(f => f.kind === 'programme');
    const quickWinCount = facts.length - programmes.length;
    const title = titleOf(pillar, lang);
    const children: Array<Block | Section> = [
        paragraph(t.b2PillarSummary(programmes.length, quickWinCount, ctx.money(plan.budget.byPillar.get(pillar) ?? 0)), { style: 'lead', node: pillar }),
    ];
    if (pillar.description) children.push({ type: 'markdown', markdown: pillar.description, ...(sourceOf(pillar) ? { source: sourceOf(pillar)! } : {}) });

    // dimension and elements
    const dimension = pillar.dimension?.ref;
    const dimensionBlocks: Block[] = [];
    if (dimension) {
        dimensionBlocks.push(paragraph([text(t.b2PillarDimension(titleOf(dimension, lang)))], { node: dimension }));
        dimensionBlocks.push(list(dimension.elements.map(element => {
            const count = facts.filter(f => f.elements.includes(element)).length;
            const description = lang === 'en' ? element.descriptionEn ?? element.description : element.description;
            const content: Inline[] = [fromNode(titleOf(element, lang), element)];
            if (description) content.push(text(`: ${description}`));
            content.push(text(` (${t.programmeCount(count)})`, { italic: true }));
            return { content, node: element };
        })));
    } else {
        dimensionBlocks.push(paragraph(t.b2PillarNoDimension));
    }
    children.push(section(2, t.b2DimensionAndElements, ctx.anchors.make('dimension', pillar.name), dimensionBlocks, dimension));

    if (pillar.strategies.length > 0) {
        children.push(section(2, t.b2Strategies, ctx.anchors.make('strategies', pillar.name), [list(pillar.strategies.map(s => ({ content: s, node: pillar })))]));
    }

    // the table of programmes
    const listBlocks: Block[] = [];
    if (programmes.length === 0) {
        listBlocks.push(paragraph(t.b2NoProgrammes));
    } else {
        const rows: RowInput[] = programmes.map((f, i) => ({
            node: f.node,
            cells: [
                cell(ctx.number(i + 1)),
                cell([ctx.initiativeRef(f.node)], f.node),
                cell(f.owner ? [ownerInline(f.owner, lang)!] : t.notSet, f.owner),
                cell(joinInline(f.partners.map(p => ownerInline(p, lang)!), '; ')),
                cell(formatYears(f.years, lang)),
                cell(ctx.money(f.budgetTotal)),
                cell(f.supports.map(s => ctx.rpjmdShort(s)).join(', ')),
            ],
        }));
        rows.push({
            total: true,
            cells: [cell(''), cell(t.total), cell(''), cell(''), cell(''), cell(ctx.money(programmes.reduce((sum, f) => sum + f.budgetTotal, 0))), cell('')],
        });
        listBlocks.push(table(t.b2ProgrammeListCaption(title), [
            { header: t.no, align: 'right' },
            { header: t.programme },
            { header: t.owner },
            { header: t.partners },
            { header: t.years, align: 'center' },
            { header: t.budget, align: 'right' },
            { header: t.rpjmd },
        ], rows, ctx.anchors.make('table-programmes', pillar.name)));
    }
    children.push(section(2, t.b2ProgrammeList, ctx.anchors.make('programmes', pillar.name), listBlocks));

    for (const f of programmes) children.push(initiativeSection(ctx, f, 2));
    return section(1, t.b2PillarChapter(title), ctx.anchors.get(pillar)!, children, pillar);
}

/** A programme or quick win in detail: facts, description, indicators, RPJMD links, dependencies. */
function initiativeSection(ctx: Context, f: InitiativeFacts, level: 2 | 3): Section {
    const { t, lang } = ctx;
    const node = f.node;
    const title = titleOf(node, lang);
    const rows: RowInput[] = [];
    const add = (label: string, content: readonly Inline[] | string, source?: AstNode) => {
        if (typeof content === 'string' ? content !== '' : content.length > 0) rows.push({ cells: [cell(label), cell(content, source)] });
    };
    add(t.pillar, [ctx.pillarRef(f.pillar)]);
    add(t.elements, joinInline(f.elements.map(e => fromNode(titleOf(e, lang), e))));
    add(t.owner, f.owner ? [ownerInline(f.owner, lang)!] : t.notSet);
    add(t.implementers, joinInline(f.implementers.map(o => ownerInline(o, lang)!), '; '));
    add(t.partners, joinInline(f.partners.map(o => ownerInline(o, lang)!), '; '));
    if (node.horizon) add(t.horizon, t.horizons[node.horizon]);
    add(f.kind === 'quickwin' ? t.year : t.years, formatYears(f.years, lang));
    if (node.impact || node.effort) add(t.impactEffort, t.impactEffortValue(node.impact && t.levels[node.impact], node.effort && t.levels[node.effort]));
    const agreed = node.agreed?.ref;
    if (agreed) add(t.agreedAt, [fromNode(workshopLabel(agreed, lang), agreed)]);
    if (node.location) add(t.location, node.location);
    if (f.budgetByYear.size > 0) {
        const entries = [...f.budgetByYear.entries()].sort((a, b) => a[0] - b[0]).map(([year, value]) => `${year}: ${ctx.money(value)}`).join('; ');
        add(t.budget, f.budgetByYear.size > 1 ? t.b2BudgetDetail(entries, ctx.money(f.budgetTotal)) : entries, node.budget);
    }
    const children: Block[] = [table(t.b2ProgrammeFactsCaption(title), [{ header: t.field }, { header: t.value }], rows, ctx.anchors.make('table-profile', node.name))];
    if (node.description) children.push({ type: 'markdown', markdown: node.description, ...(sourceOf(node) ? { source: sourceOf(node)! } : {}) });
    if (node.indicators.length > 0) children.push(indicatorTable(ctx, node.indicators, t.b2IndicatorsCaption(title), ctx.anchors.make('table-indicators', node.name)));
    if (f.supports.length > 0) {
        children.push(paragraph([text(`${t.rpjmdLinks}:`, { bold: true })]));
        children.push(list(f.supports.map(item => ({ content: [fromNode(ctx.rpjmdFull(item), item)], node: item }))));
    }
    if (f.dependsOn.length > 0) {
        children.push(paragraph([text(`${t.dependsOn}: `, { bold: true }), ...joinInline(f.dependsOn.map(d => ctx.initiativeRef(d)))]));
    }
    if (f.dependents.length > 0) {
        children.push(paragraph([text(`${t.dependents}: `, { bold: true }), ...joinInline(f.dependents.map(d => ctx.initiativeRef(d)))]));
    }
    return section(level, title, ctx.anchors.get(node)!, children, node);
}

function indicatorTable(ctx: Context, indicators: readonly Indicator[], caption: string, id: string): Block {
    const { t, lang } = ctx;
    const value = (v: YearValue) => t.yearValue(v.year, formatPlanNumber(v.value, parseNumber(v.value), lang));
    const withSource = indicators.some(i => i.source);
    return table(caption, [
        { header: t.indicator },
        { header: t.unit },
        { header: t.baseline, align: 'right' },
        { header: t.target, align: 'right' },
        ...(withSource ? [{ header: t.source }] : []),
    ], indicators.map(indicator => ({
        node: indicator,
        cells: [
            cell([fromNode(indicator.title, indicator)], indicator),
            cell(indicator.unit ?? ''),
            cell(indicator.baseline ? value(indicator.baseline) : '–'),
            cell(indicator.targets.length > 0 ? indicator.targets.map(value).join('; ') : '–'),
            ...(withSource ? [cell(indicator.source ?? '')] : []),
        ],
    })), id);
}

/** Quick wins grouped by the year of their round, in year order; those without a year last. */
export function quickWinRounds(plan: PlanModel): Array<{ year?: number; quickWins: InitiativeFacts[] }> {
    const byYear = new Map<number | undefined, InitiativeFacts[]>();
    for (const f of orderedInitiatives(plan).filter(f => f.kind === 'quickwin')) {
        const year = f.years?.start;
        const round = byYear.get(year) ?? [];
        round.push(f);
        byYear.set(year, round);
    }
    return [...byYear.entries()]
        .sort((a, b) => (a[0] ?? Infinity) - (b[0] ?? Infinity))
        .map(([year, quickWins]) => ({ ...(year !== undefined ? { year } : {}), quickWins }));
}

function quickWins(ctx: Context): Section {
    const { plan, t, lang } = ctx;
    const id = ctx.anchors.make('quick-wins');
    if (plan.quickWins.length === 0) return section(1, t.b2QuickWins, id, [paragraph(t.b2NoQuickWins)]);
    const rounds = quickWinRounds(plan);
    const children: Array<Block | Section> = [paragraph(t.b2QuickWinsLead(plan.quickWins.length, rounds.length), { style: 'lead' })];
    for (const round of rounds) {
        const label = round.year !== undefined ? String(round.year) : t.b2QuickWinNoYear;
        const rows: RowInput[] = round.quickWins.map((f, i) => {
            const agreed = f.node.agreed?.ref;
            return {
                node: f.node,
                cells: [
                    cell(ctx.number(i + 1)),
                    cell([ctx.initiativeRef(f.node)], f.node),
                    cell([ctx.pillarRef(f.pillar)]),
                    cell(f.owner ? [ownerInline(f.owner, lang)!] : t.notSet, f.owner),
                    cell(formatYears(f.years, lang)),
                    cell(t.impactEffortValue(f.node.impact && t.levels[f.node.impact], f.node.effort && t.levels[f.node.effort])),
                    cell(agreed ? [fromNode(workshopLabel(agreed, lang), agreed)] : '–'),
                    cell(ctx.money(f.budgetTotal)),
                ],
            };
        });
        const blocks: Array<Block | Section> = [table(t.b2QuickWinRoundCaption(label), [
            { header: t.no, align: 'right' },
            { header: t.quickWin },
            { header: t.pillar },
            { header: t.owner },
            { header: t.year, align: 'center' },
            { header: t.impactEffort },
            { header: t.agreedAt },
            { header: t.budget, align: 'right' },
        ], rows, ctx.anchors.make('table-quick-wins', label))];
        for (const f of round.quickWins) blocks.push(initiativeSection(ctx, f, 3));
        children.push(section(2, round.year !== undefined ? t.b2QuickWinRound(label) : t.b2QuickWinNoYear, ctx.anchors.make('quick-wins', label), blocks));
    }
    return section(1, t.b2QuickWins, id, children);
}

/** The years a roadmap spans: the plan period widened to every initiative's years. */
export function roadmapYears(plan: PlanModel): { start: number; end: number } | undefined {
    let start = plan.period?.start;
    let end = plan.period?.end;
    for (const f of plan.initiatives) {
        if (!f.years) continue;
        start = start === undefined ? f.years.start : Math.min(start, f.years.start);
        end = end === undefined ? f.years.end : Math.max(end, f.years.end);
    }
    return start !== undefined && end !== undefined ? { start, end } : undefined;
}

function roadmap(ctx: Context): Section {
    const { plan, t, lang } = ctx;
    const id = ctx.anchors.make('roadmap');
    const years = roadmapYears(plan);
    const children: Block[] = [
        paragraph(t.b2RoadmapLead(formatYears(years ?? plan.period, lang), plan.programmes.length, plan.quickWins.length), { style: 'lead' }),
    ];
    if (years) {
        const gantt: GanttChart = {
            type: 'gantt',
            caption: t.b2GanttCaption,
            id: ctx.anchors.make('figure-roadmap'),
            years,
            sections: ctx.pillars.map(pillar => ({
                label: titleOf(pillar, lang),
                tasks: ctx.initiatives.filter(f => f.pillar === pillar && f.years).map(f => {
                    const source = sourceOf(f.node);
                    return { label: titleOf(f.node, lang), start: f.years!.start, end: f.years!.end, ...(source ? { source } : {}) };
                }),
            })).filter(s => s.tasks.length > 0),
        };
        children.push(gantt);
        const yearList: number[] = [];
        for (let y = years.start; y <= years.end; y++) yearList.push(y);
        const active = (facts: readonly InitiativeFacts[], year: number) => facts.filter(f => f.years && f.years.start <= year && year <= f.years.end).length;
        const rows: RowInput[] = ctx.pillars.map(pillar => {
            const facts = plan.initiatives.filter(f => f.pillar === pillar);
            return { node: pillar, cells: [cell([ctx.pillarRef(pillar)]), ...yearList.map(y => cell(ctx.number(active(facts, y))))] };
        });
        rows.push({ total: true, cells: [cell(t.total), ...yearList.map(y => cell(ctx.number(active(plan.initiatives, y))))] });
        children.push(paragraph(t.b2ActiveLead));
        // A year column needs room for four digits only; the pillar's name gets the rest, so that Word
        // does not break "Governance" inside the word in a tenth of the page.
        const yearWidth = 8;
        const pillarWidth = Math.max(20, 100 - yearWidth * yearList.length);
        children.push(table(t.b2ActiveCaption, [{ header: t.pillar, width: pillarWidth }, ...yearList.map(y => ({ header: String(y), align: 'right' as const, width: yearWidth }))], rows, ctx.anchors.make('table-active')));
    }
    return section(1, t.b2Roadmap, id, children);
}

function budget(ctx: Context): Section {
    const { plan, t, lang } = ctx;
    const id = ctx.anchors.make('budget');
    const rollup = plan.budget;
    if (rollup.total === 0) return section(1, t.b2Budget, id, [paragraph(t.b2NoBudget)]);
    const years = [...rollup.byYear.keys()];
    const funded = plan.initiatives.filter(f => f.budgetTotal > 0).length;
    const children: Array<Block | Section> = [
        paragraph(t.b2BudgetLead(ctx.money(rollup.total), formatYears({ start: years[0], end: years[years.length - 1] }, lang), funded), { style: 'lead' }),
        paragraph(t.b2BudgetNote, { style: 'note' }),
    ];

    // by year and pillar
    const pillars = ctx.pillars;
    const rows: RowInput[] = [...rollup.byYearAndPillar.entries()].map(([year, byPillar]) => ({
        cells: [cell(String(year)), ...pillars.map(p => cell(byPillar.get(p) ? ctx.money(byPillar.get(p)!) : '–')), cell(ctx.money(rollup.byYear.get(year) ?? 0))],
    }));
    rows.push({ total: true, cells: [cell(t.total), ...pillars.map(p => cell(ctx.money(rollup.byPillar.get(p) ?? 0))), cell(ctx.money(rollup.total))] });
    children.push(section(2, t.b2BudgetByYearPillar, ctx.anchors.make('budget-by-year'), [
        table(t.b2BudgetByYearPillarCaption, [
            { header: t.year },
            ...pillars.map(p => ({ header: titleOf(p, lang), align: 'right' as const })),
            { header: t.total, align: 'right' },
        ], rows, ctx.anchors.make('table-budget-year-pillar')),
        {
            type: 'bar-chart',
            caption: t.b2BudgetByPillarChart,
            labelHeader: t.pillar,
            valueHeader: t.budget,
            id: ctx.anchors.make('figure-budget-pillar'),
            bars: pillars.map(p => {
                const source = sourceOf(p);
                const value = rollup.byPillar.get(p) ?? 0;
                return { label: titleOf(p, lang), value, display: ctx.money(value), ...(source ? { source } : {}) };
            }),
        },
    ]));

    // by owner
    const owners = [...rollup.byOwner.entries()].sort((a, b) => b[1] - a[1] || titleOf(a[0], lang).localeCompare(titleOf(b[0], lang)));
    const ownerRows: RowInput[] = owners.map(([owner, value], i) => ({
        node: owner,
        cells: [
            cell(ctx.number(i + 1)),
            cell([ownerInline(owner, lang)!], owner),
            cell(ctx.number(plan.ownerUsage.get(owner)?.owns.length ?? 0)),
            cell(ctx.money(value)),
            cell(formatPercent(value / rollup.total, lang, 1, true)),
        ],
    }));
    const owned = owners.reduce((sum, [, value]) => sum + value, 0);
    if (owned !== rollup.total) {
        const rest = rollup.total - owned;
        const count = plan.initiatives.filter(f => !f.owner && f.budgetTotal > 0).length;
        ownerRows.push({ cells: [cell(ctx.number(owners.length + 1)), cell(t.notSet), cell(ctx.number(count)), cell(ctx.money(rest)), cell(formatPercent(rest / rollup.total, lang, 1, true))] });
    }
    ownerRows.push({ total: true, cells: [cell(''), cell(t.total), cell(ctx.number(plan.initiatives.filter(f => f.budgetTotal > 0).length)), cell(ctx.money(rollup.total)), cell(formatPercent(1, lang, 1, true))] });
    children.push(section(2, t.b2BudgetByOwner, ctx.anchors.make('budget-by-owner'), [
        table(t.b2BudgetByOwnerCaption, [
            { header: t.no, align: 'right' },
            { header: t.owner },
            { header: t.initiatives, align: 'right' },
            { header: t.budget, align: 'right' },
            { header: t.share, align: 'right' },
        ], ownerRows, ctx.anchors.make('table-budget-owner')),
    ]));
    return section(1, t.b2Budget, id, children);
}

function governance(ctx: Context): Section {
    const { plan, t, lang } = ctx;
    const id = ctx.anchors.make('governance');
    const children: Array<Block | Section> = [paragraph(t.b2GovernanceLead, { style: 'lead' })];
    if (plan.masterplan?.regulation) children.push(paragraph(t.b2GovernanceRegulation(plan.masterplan.regulation), { node: plan.masterplan }));

    // owners and roles
    const ownerRows: RowInput[] = [];
    let i = 0;
    for (const group of ownersByKind(plan.owners)) {
        for (const owner of group.owners) {
            const usage = plan.ownerUsage.get(owner);
            ownerRows.push({
                node: owner,
                cells: [
                    cell(ctx.number(++i)),
                    cell([ownerInline(owner, lang)!], owner),
                    cell(t.ownerKinds[group.kind]),
                    cell(owner.role ?? ''),
                    cell(ctx.number(usage?.owns.length ?? 0)),
                    cell(ctx.number(usage?.partners.length ?? 0)),
                ],
            });
        }
    }
    children.push(section(2, t.b2OwnersRoles, ctx.anchors.make('owners-and-roles'), ownerRows.length === 0 ? [paragraph(t.b1NoStakeholders)] : [
        table(t.b2OwnersRolesCaption, [
            { header: t.no, align: 'right' },
            { header: t.name },
            { header: t.kind },
            { header: t.role },
            { header: t.b2Owns, align: 'right' },
            { header: t.b2PartnerIn, align: 'right' },
        ], ownerRows, ctx.anchors.make('table-owners')),
    ]));

    // the workshop record
    const workshops = workshopsInOrder(plan);
    const workshopBlocks: Array<Block | Section> = [];
    if (workshops.length === 0) {
        workshopBlocks.push(paragraph(t.b2NoWorkshops));
    } else {
        workshopBlocks.push(paragraph(t.b2WorkshopsLead(workshops.length)));
        workshopBlocks.push(table(t.b2WorkshopsCaption, [
            { header: t.no, align: 'right' },
            { header: t.name },
            { header: t.date },
            { header: t.place },
            { header: t.drafts },
            { header: t.participants, align: 'right' },
            { header: t.attendance, align: 'right' },
        ], workshops.map((w, index) => {
            const dates = readDateRange(w.dates);
            return {
                node: w,
                cells: [
                    cell(ctx.number(index + 1)),
                    cell([fromNode(titleOf(w, lang), w)], w),
                    cell(dates?.ok ? formatDateRange(dates.start.iso, dates.end.iso, lang) : '–'),
                    cell(w.place ?? ''),
                    cell(w.drafts.map(d => t.bookNames[d]).join(', ')),
                    cell(ctx.number(w.participants.length)),
                    cell(w.attendance !== undefined ? ctx.number(w.attendance) : '–'),
                ],
            };
        }), ctx.anchors.make('table-workshops')));
        for (const w of workshops) {
            const blocks: Block[] = [];
            if (w.description) blocks.push({ type: 'markdown', markdown: w.description, ...(sourceOf(w) ? { source: sourceOf(w)! } : {}) });
            if (w.notes.length > 0) blocks.push(list(w.notes.map(note => ({ content: note, node: w }))));
            if (w.facilitators.length > 0) blocks.push(paragraph([text(`${t.facilitator}: `, { bold: true }), text(t.joinList(w.facilitators))]));
            const participants = w.participants.map(p => p.ref).filter(p => p !== undefined);
            if (participants.length > 0) {
                blocks.push(paragraph([text(`${t.b2ParticipantsList(participants.length)}: `, { bold: true }), ...joinInline(participants.map(p => ownerInline(p, lang)!), '; ')]));
            }
            const agreed = plan.quickWins.filter(f => f.node.agreed?.ref === w);
            if (agreed.length > 0) {
                blocks.push(paragraph([text(`${t.b2WorkshopAgreed}: `, { bold: true }), ...joinInline(agreed.map(f => ctx.initiativeRef(f.node)))]));
            }
            workshopBlocks.push(section(3, workshopLabel(w, lang), ctx.anchors.make('workshop', w.name), blocks, w));
        }
    }
    children.push(section(2, t.b2Workshops, ctx.anchors.make('workshops'), workshopBlocks));
    return section(1, t.b2Governance, id, children);
}

/** The plan's workshops by their first day; undated ones last, in the plan's order. */
export function workshopsInOrder(plan: PlanModel): Workshop[] {
    const start = (w: Workshop) => {
        const dates = readDateRange(w.dates);
        return dates?.ok ? dates.start.iso : '9999-99-99';
    };
    return plan.workshops.map((w, i) => ({ w, i })).sort((a, b) => start(a.w).localeCompare(start(b.w)) || a.i - b.i).map(x => x.w);
}
