import type { AstNode } from 'langium';
import type { Aspect, OwnerKind, Owner } from '../language/generated/ast.js';
import type { AspectSummary, PlanModel, ScoredItem } from '../model/plan-model.js';
import type { BarChart, Block, Book, Language, Section } from './outline.js';
import { stringsFor, type BookStrings } from './i18n/strings.js';
import { formatDate, formatNumber, formatPercent, formatPlanNumber, formatYears } from './i18n/format.js';
import { readDate } from '../model/periods.js';
import {
    Anchors, assembleBook, cell, fromNode, ownerInline, paragraph, periodText, regionOf, section, table, titleOf, workshopLabel, type RowInput,
} from './common.js';
import { sourceOf } from './source.js';

/** The order in which stakeholder groups are listed. */
export const OWNER_KIND_ORDER: ReadonlyArray<OwnerKind | 'other'> = ['agency', 'private', 'community', 'academia', 'national', 'other'];

/**
 * Book I, Analisis Kesiapan Daerah: the region, period and purpose; the stakeholders by kind; the
 * readiness assessment per aspect with each item's score, note and a chart; the weakest items;
 * the conclusion with the overall score.
 */
export function buildBook1(plan: PlanModel, lang: Language): Book {
    const t = stringsFor(lang);
    const anchors = new Anchors();
    const sections: Section[] = [
        introduction(plan, t, anchors),
        stakeholders(plan, t, anchors),
        assessment(plan, t, anchors),
        weakest(plan, t, anchors),
        conclusion(plan, t, anchors),
    ];
    return assembleBook(plan, 1, lang, sections);
}

/** An aspect's title in the reader's language: its `en` title, else the usual English name of a national aspect. */
export function aspectTitle(aspect: Aspect, t: BookStrings): string {
    if (t.language === 'en') return aspect.titleEn ?? t.aspectNames[aspect.name] ?? aspect.title;
    return aspect.title || t.aspectNames[aspect.name] || aspect.name;
}

function introduction(plan: PlanModel, t: BookStrings, anchors: Anchors): Section {
    const lang = t.language;
    const mp = plan.masterplan;
    const years = periodText(plan, lang);
    const rows: RowInput[] = [];
    const add = (label: string, value: string | undefined, node: AstNode | undefined = mp) => {
        if (value) rows.push({ cells: [cell(label), cell([fromNode(value, node)])] });
    };
    add(t.region, mp?.region);
    add(t.province, mp?.province);
    add(t.period, years);
    if (plan.rpjmd) {
        const rpjmdYears = plan.rpjmdPeriod(plan.rpjmd);
        add(t.rpjmd, `${titleOf(plan.rpjmd, lang)}${rpjmdYears ? ` (${formatYears(rpjmdYears, lang)})` : ''}`, plan.rpjmd);
    }
    const assessed = plan.readiness.map(r => ({ node: r.node, date: readDate(r.node.assessed) })).find(r => r.date);
    if (assessed?.date) add(t.assessedOn, formatDate(assessed.date.iso, lang), assessed.node);

    const purpose: Block[] = [paragraph(t.b1PurposeText), paragraph(t.b1PurposeAspects)];
    const drafting = plan.workshops.filter(w => w.drafts.includes('book1'));
    if (drafting.length > 0) {
        purpose.push(paragraph(t.b1DraftedAt(t.joinList(drafting.map(w => workshopLabel(w, lang)))), { node: drafting[0] }));
    }
    return section(1, t.b1Introduction, anchors.make('introduction'), [
        paragraph(t.b1IntroLead(regionOf(plan, lang), mp?.province, years), { style: 'lead', node: mp }),
        section(2, t.b1RegionAndPeriod, anchors.make('region-and-period'), rows.length > 0
            ? [table(t.b1IdentityCaption, [{ header: t.field }, { header: t.value }], rows, anchors.make('table-identity'))]
            : []),
        section(2, t.b1Purpose, anchors.make('purpose'), purpose),
    ], mp);
}

/** The stakeholders of the plan by kind, in a fixed order of kinds and the plan's order within each. */
export function ownersByKind(owners: readonly Owner[]): Array<{ kind: OwnerKind | 'other'; owners: Owner[] }> {
    return OWNER_KIND_ORDER
        .map(kind => ({ kind, owners: owners.filter(o => (o.kind ?? 'other') === kind) }))
        .filter(group => group.owners.length > 0);
}

function stakeholders(plan: PlanModel, t: BookStrings, anchors: Anchors): Section {
    const lang = t.language;
    const groups = ownersByKind(plan.owners);
    const children: Array<Block | Section> = [];
    if (groups.length === 0) {
        children.push(paragraph(t.b1NoStakeholders));
    } else {
        const summary = t.joinList(groups.map(g => `${t.ownerKinds[g.kind].toLowerCase()} (${formatNumber(g.owners.length, lang)})`));
        children.push(paragraph(t.b1StakeholdersLead(plan.owners.length, summary), { style: 'lead' }));
        for (const group of groups) {
            const withHead = group.owners.some(o => o.head);
            const columns = [{ header: t.no, align: 'right' as const }, { header: t.name }, { header: t.role }, ...(withHead ? [{ header: t.head }] : [])];
            const rows = group.owners.map((owner, i): RowInput => ({
                node: owner,
                cells: [
                    cell(formatNumber(i + 1, lang)),
                    cell([fromNode(titleOf(owner, lang), owner)], owner),
                    cell(owner.role ?? ''),
                    ...(withHead ? [cell(owner.head ?? '')] : []),
                ],
            }));
            children.push(section(2, t.ownerKinds[group.kind], anchors.make('stakeholders', group.kind), [
                table(t.b1StakeholderCaption(t.ownerKinds[group.kind]), columns, rows, anchors.make('table-stakeholders', group.kind)),
            ]));
        }
    }
    return section(1, t.b1Stakeholders, anchors.make('stakeholders'), children);
}

/** An item's score as `2 dari 5` / `2 of 5`. */
function scoreText(item: ScoredItem, t: BookStrings): string {
    return t.scoreOf(formatPlanNumber(item.node.score, item.score, t.language), formatNumber(item.scale, t.language));
}

function aspectChart(aspect: AspectSummary, scale: number, t: BookStrings, anchors: Anchors): BarChart {
    const sameScale = aspect.items.every(i => i.scale === scale);
    return {
        type: 'bar-chart',
        caption: t.b1AspectChartCaption(aspectTitle(aspect.node, t)),
        labelHeader: t.item,
        valueHeader: t.score,
        id: anchors.make('figure-aspect', aspect.node.name),
        max: sameScale ? scale : 100,
        ...(sameScale ? {} : { unit: '%' }),
        bars: aspect.items.map(item => {
            const value = item.ratio === undefined ? 0 : sameScale ? (item.score ?? 0) : item.ratio * 100;
            const source = sourceOf(item.node);
            return {
                label: item.node.title,
                value,
                display: item.ratio === undefined ? '–' : sameScale ? formatPlanNumber(item.node.score, item.score, t.language) : formatPercent(item.ratio, t.language),
                ...(source ? { source } : {}),
            };
        }),
    };
}

function assessment(plan: PlanModel, t: BookStrings, anchors: Anchors): Section {
    const lang = t.language;
    const children: Array<Block | Section> = [];
    if (plan.readiness.length === 0 || plan.readiness.every(r => r.aspects.length === 0)) {
        children.push(paragraph(t.b1NoAssessment));
    }
    for (const summary of plan.readiness) {
        const assessed = readDate(summary.node.assessed);
        children.push(paragraph(t.b1AssessmentLead(formatNumber(summary.scale, lang), assessed ? formatDate(assessed.iso, lang) : undefined), { style: 'lead', node: summary.node }));
        for (const aspect of summary.aspects) {
            const title = aspectTitle(aspect.node, t);
            const blocks: Block[] = [];
            if (aspect.node.description) blocks.push(paragraph([fromNode(aspect.node.description, aspect.node)]));
            const hasOwner = aspect.items.some(i => i.node.owner?.ref);
            blocks.push(table(t.b1AspectCaption(title), [
                { header: t.no, align: 'right' },
                { header: t.item },
                { header: t.score, align: 'center' },
                { header: t.note },
                ...(hasOwner ? [{ header: t.owner }] : []),
            ], aspect.items.map((item, i): RowInput => {
                const owner = ownerInline(item.node.owner?.ref, lang);
                return {
                    node: item.node,
                    cells: [
                        cell(formatNumber(i + 1, lang)),
                        cell([fromNode(item.node.title, item.node)], item.node),
                        cell(scoreText(item, t)),
                        cell(item.node.note ?? ''),
                        ...(hasOwner ? [cell(owner ? [owner] : [])] : []),
                    ],
                };
            }), anchors.make('table-aspect', aspect.node.name)));
            blocks.push(aspectChart(aspect, summary.scale, t, anchors));
            if (aspect.average !== undefined) {
                blocks.push(paragraph(t.b1AspectAverage(title, formatNumber(aspect.average * summary.scale, lang, { maxDecimals: 1 }), formatNumber(summary.scale, lang), formatPercent(aspect.average, lang))));
            }
            children.push(section(2, title, anchors.of(aspect.node, 'aspect', aspect.node.name), blocks, aspect.node));
        }
    }
    return section(1, t.b1Assessment, anchors.make('assessment'), children);
}

function weakest(plan: PlanModel, t: BookStrings, anchors: Anchors): Section {
    const lang = t.language;
    const items = plan.readiness.flatMap(r => r.weakest);
    const children: Block[] = [];
    if (items.length === 0) {
        children.push(paragraph(t.b1NoAssessment));
    } else {
        children.push(paragraph(t.b1WeakestLead(items.length), { style: 'lead' }));
        children.push(table(t.b1WeakestCaption, [
            { header: t.no, align: 'right' },
            { header: t.item },
            { header: t.aspect },
            { header: t.score, align: 'center' },
            { header: t.note },
            { header: t.owner },
        ], items.map((item, i): RowInput => {
            const owner = ownerInline(item.node.owner?.ref, lang);
            const aspectAnchor = anchors.get(item.aspect);
            return {
                node: item.node,
                cells: [
                    cell(formatNumber(i + 1, lang)),
                    cell([fromNode(item.node.title, item.node)], item.node),
                    cell(aspectAnchor ? [{ type: 'ref', text: aspectTitle(item.aspect, t), target: aspectAnchor }] : aspectTitle(item.aspect, t)),
                    cell(scoreText(item, t)),
                    cell(item.node.note ?? ''),
                    cell(owner ? [owner] : []),
                ],
            };
        }), anchors.make('table-weakest')));
    }
    return section(1, t.b1Weakest, anchors.make('weakest'), children);
}

function conclusion(plan: PlanModel, t: BookStrings, anchors: Anchors): Section {
    const lang = t.language;
    const children: Block[] = [];
    for (const summary of plan.readiness) {
        const scale = formatNumber(summary.scale, lang);
        if (summary.average !== undefined) {
            children.push(paragraph([
                { type: 'text', text: t.b1OverallScore(regionOf(plan, lang), formatNumber(summary.average * summary.scale, lang, { maxDecimals: 1 }), scale, formatPercent(summary.average, lang)), bold: true },
            ], { style: 'callout', node: summary.node }));
        }
        const scored = summary.aspects.filter(a => a.average !== undefined);
        if (scored.length > 0) {
            children.push({
                type: 'bar-chart',
                caption: t.b1AspectsChartCaption,
                labelHeader: t.aspect,
                valueHeader: t.score,
                id: anchors.make('figure-aspects'),
                max: summary.scale,
                bars: scored.map(a => {
                    const source = sourceOf(a.node);
                    return {
                        label: aspectTitle(a.node, t),
                        value: a.average! * summary.scale,
                        display: formatNumber(a.average! * summary.scale, lang, { maxDecimals: 1 }),
                        ...(source ? { source } : {}),
                    };
                }),
            });
            const shown = (a: AspectSummary) => formatNumber(a.average! * summary.scale, lang, { maxDecimals: 1 });
            const low = Math.min(...scored.map(a => Number(shown(a).replace(',', '.'))));
            const high = Math.max(...scored.map(a => Number(shown(a).replace(',', '.'))));
            if (low !== high) {
                const at = (value: number) => scored.filter(a => Number(shown(a).replace(',', '.')) === value);
                children.push(paragraph([
                    { type: 'text', text: t.b1LowestAspect(at(low).map(a => aspectTitle(a.node, t)), shown(at(low)[0]), scale) },
                    { type: 'text', text: ' ' },
                    { type: 'text', text: t.b1HighestAspect(at(high).map(a => aspectTitle(a.node, t)), shown(at(high)[0]), scale) },
                ]));
            }
        }
        if (summary.node.conclusion) {
            children.push({ type: 'markdown', markdown: summary.node.conclusion, ...(sourceOf(summary.node) ? { source: sourceOf(summary.node)! } : {}) });
        }
    }
    if (children.length === 0) children.push(paragraph(t.b1NoAssessment));
    return section(1, t.b1Conclusion, anchors.make('conclusion'), children);
}
