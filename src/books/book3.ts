import type { Horizon } from '../language/generated/ast.js';
import type { InitiativeFacts, PlanModel } from '../model/plan-model.js';
import type { Block, Book, GanttChart, Language, Section } from './outline.js';
import { stringsFor } from './i18n/strings.js';
import { formatMoney, formatNumber, formatPercent, formatYears } from './i18n/format.js';
import { Anchors, assembleBook, orderedPillars, cell, fromNode, ownerInline, paragraph, periodText, regionOf, section, table, text, titleOf, type RowInput } from './common.js';
import { quickWinRounds, roadmapYears } from './book2.js';
import { sourceOf } from './source.js';

const HORIZONS: readonly Horizon[] = ['short', 'medium', 'long'];

/**
 * Book III, Ringkasan Eksekutif: about two printed pages for the regional head: the vision, the
 * key numbers (pillars, programmes, quick wins, total budget, share of RPJMD objectives served),
 * the quick wins, and the roadmap in brief (one bar per pillar, programmes by horizon).
 */
export function buildBook3(plan: PlanModel, lang: Language): Book {
    const t = stringsFor(lang);
    const anchors = new Anchors();
    const money = (rupiah: number) => formatMoney(rupiah, lang);
    const count = (n: number) => formatNumber(n, lang);
    const mp = plan.masterplan;
    const years = periodText(plan, lang);
    const sections: Section[] = [];

    // vision
    sections.push(section(1, t.b3Vision, anchors.make('vision'), [
        mp?.vision ? paragraph([text(mp.vision, { bold: true })], { style: 'callout', node: mp }) : paragraph(t.b2NoVision),
    ], mp));

    // key numbers
    const total = plan.objectives.length;
    const served = total - plan.unservedObjectives.length;
    const share = formatPercent(total === 0 ? 0 : served / total, lang);
    sections.push(section(1, t.b3KeyNumbers, anchors.make('key-figures'), [
        paragraph(t.b3KeyNumbersLead(regionOf(plan, lang), years), { style: 'lead' }),
        {
            type: 'key-figures',
            items: [
                { label: t.pillars, value: count(plan.pillars.length) },
                { label: t.programmes, value: count(plan.programmes.length) },
                { label: t.quickWins, value: count(plan.quickWins.length) },
                { label: t.b3TotalBudget, value: money(plan.budget.total) },
                { label: t.b3ObjectivesServed, value: t.b3ObjectivesValue(served, total, share) },
            ],
        },
    ]));

    // quick wins
    const quickWinBlocks: Block[] = [];
    if (plan.quickWins.length === 0) {
        quickWinBlocks.push(paragraph(t.b2NoQuickWins));
    } else {
        quickWinBlocks.push(paragraph(t.b3QuickWinsLead(plan.quickWins.length)));
        const ordered = quickWinRounds(plan).flatMap(round => round.quickWins);
        quickWinBlocks.push(table(t.b3QuickWinsCaption, [
            { header: t.no, align: 'right' },
            { header: t.quickWin },
            { header: t.owner },
            { header: t.year, align: 'center' },
            { header: t.impactEffort },
            { header: t.budget, align: 'right' },
        ], ordered.map((f, i): RowInput => ({
            node: f.node,
            cells: [
                cell(count(i + 1)),
                cell([fromNode(titleOf(f.node, lang), f.node)], f.node),
                cell(f.owner ? [ownerInline(f.owner, lang)!] : t.notSet, f.owner),
                cell(formatYears(f.years, lang)),
                cell(t.impactEffortValue(f.node.impact && t.levels[f.node.impact], f.node.effort && t.levels[f.node.effort])),
                cell(money(f.budgetTotal)),
            ],
        })), anchors.make('table-quick-wins')));
    }
    sections.push(section(1, t.quickWins, anchors.make('quick-wins'), quickWinBlocks));

    // the roadmap in brief
    const span = roadmapYears(plan);
    const roadmapBlocks: Block[] = [paragraph(t.b3RoadmapLead(formatYears(span ?? plan.period, lang)))];
    if (span) {
        const gantt: GanttChart = {
            type: 'gantt',
            caption: t.b3GanttCaption,
            id: anchors.make('figure-roadmap'),
            years: span,
            sections: [{
                label: t.pillars,
                tasks: orderedPillars(plan).flatMap(pillar => {
                    const dated = plan.initiatives.filter(f => f.pillar === pillar && f.years);
                    if (dated.length === 0) return [];
                    const source = sourceOf(pillar);
                    return [{
                        label: titleOf(pillar, lang),
                        start: Math.min(...dated.map(f => f.years!.start)),
                        end: Math.max(...dated.map(f => f.years!.end)),
                        ...(source ? { source } : {}),
                    }];
                }),
            }],
        };
        roadmapBlocks.push(gantt);
    }
    const byHorizon = (horizon: Horizon | undefined): InitiativeFacts[] => plan.initiatives.filter(f => f.node.horizon === horizon);
    const phaseRows: RowInput[] = [];
    for (const horizon of [...HORIZONS, undefined]) {
        const facts = byHorizon(horizon);
        if (facts.length === 0) continue;
        const dated = facts.filter(f => f.years);
        const phaseYears = dated.length > 0
            ? { start: Math.min(...dated.map(f => f.years!.start)), end: Math.max(...dated.map(f => f.years!.end)) }
            : undefined;
        phaseRows.push({
            cells: [
                cell(horizon ? t.horizons[horizon] : t.notSet),
                cell(count(facts.length)),
                cell(formatYears(phaseYears, lang)),
                cell(money(facts.reduce((sum, f) => sum + f.budgetTotal, 0))),
            ],
        });
    }
    if (phaseRows.length > 0) {
        phaseRows.push({ total: true, cells: [cell(t.total), cell(count(plan.initiatives.length)), cell(formatYears(span, lang)), cell(money(plan.budget.total))] });
        roadmapBlocks.push(table(t.b3PhasesCaption, [
            { header: t.b3Phase },
            { header: t.initiatives, align: 'right' },
            { header: t.years, align: 'center' },
            { header: t.budget, align: 'right' },
        ], phaseRows, anchors.make('table-phases')));
    }
    roadmapBlocks.push(paragraph(t.b3Closing(mp?.regulation), { style: 'note' }));
    sections.push(section(1, t.b3RoadmapBrief, anchors.make('roadmap'), roadmapBlocks));

    return { ...assembleBook(plan, 3, lang, sections), layout: 'brief' };
}
