import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildBook } from '../../src/books/index.js';
import type { BarChart, Book, GanttChart, KeyFigures, Language, Paragraph } from '../../src/books/outline.js';
import { formatMoney } from '../../src/books/i18n/format.js';
import { stringsFor } from '../../src/books/i18n/strings.js';
import { renderJson } from '../../src/books/render/json.js';
import { renderMarkdown } from '../../src/books/render/markdown.js';
import { plansOf } from '../../src/language/workspace-loader.js';
import { projectPath, validateOnDisk } from '../helpers.js';
import { parseMoney } from '../../src/model/money.js';
import type { PlanModel } from '../../src/model/plan-model.js';
import { blocks, loadPlan, plain, rowsText, sections, tableById, tables } from './book-helpers.js';

let plan: PlanModel;
const books = new Map<string, Book>();
const book = (n: 1 | 2 | 3, lang: Language) => books.get(`${n}-${lang}`)!;

beforeAll(async () => {
    plan = await loadPlan('examples', 'tabalong');
    for (const n of [1, 2, 3] as const) for (const lang of ['id', 'en'] as const) books.set(`${n}-${lang}`, buildBook(plan, n, lang));
});

/** Every budget line of the plan, read straight from the text's AST (not from the model's roll-ups). */
function budgetLines(): Array<{ year: number; rupiah: number }> {
    return plan.pillars.flatMap(p => p.initiatives).flatMap(node => (node.budget?.entries ?? []).map(entry => {
        const value = parseMoney(entry.amount);
        if (!value.ok) throw new Error(value.message);
        return { year: entry.year, rupiah: value.rupiah };
    }));
}

describe.each(['id', 'en'] as const)('the books of the Tabalong example (%s)', lang => {
    const t = stringsFor(lang);

    test('every book has its title, the plan as subtitle, a title page and a date from the plan', () => {
        for (const n of [1, 2, 3] as const) {
            const b = book(n, lang);
            expect(b.title).toBe(t.bookTitles[n]);
            expect(b.language).toBe(lang);
            expect(b.plan).toBe('Tabalong');
            expect(b.subtitle).toBe(lang === 'en' ? 'Smart City Masterplan of Tabalong Regency' : 'Masterplan Smart City Kabupaten Tabalong');
            expect(b.titlePage[0]).toContain('Kabupaten Tabalong');
            expect(b.titlePage.join('\n')).toContain('2020–2029');
            expect(b.labels.contents).toBe(t.contents);
        }
        // Book I was drafted at Bimtek I (15–16 July 2019), Book III at Bimtek IV (15–16 October 2019)
        expect(book(1, lang).date).toBe('2019-07-16');
        expect(book(3, lang).date).toBe('2019-10-16');
    });

    test('section anchors are unique within each book', () => {
        for (const n of [1, 2, 3] as const) {
            const ids = [...sections(book(n, lang)).map(s => s.id), ...blocks(book(n, lang)).map(b => ('id' in b ? b.id : undefined)).filter(Boolean)];
            expect(new Set(ids).size).toBe(ids.length);
        }
    });

    test('Book I: stakeholders by kind, every readiness item with its score and a chart per aspect', () => {
        const b = book(1, lang);
        const stakeholderTables = tables(sections(b).find(s => s.id === 'stakeholders')!);
        const listed = stakeholderTables.flatMap(table => table.rows.map(r => r.source?.name));
        expect(listed.sort()).toEqual(plan.owners.map(o => o.name).sort());
        expect(stakeholderTables.map(table => table.caption)).toEqual(
            ['agency', 'private', 'community', 'academia', 'national'].map(kind => t.b1StakeholderCaption(t.ownerKinds[kind as 'agency'])));

        const readiness = plan.readiness[0];
        for (const aspect of readiness.aspects) {
            const section = sections(b).find(s => s.id === `aspect-${aspect.node.name}`)!;
            expect(section, aspect.node.name).toBeDefined();
            const rows = rowsText(tables(section)[0]);
            expect(rows.map(r => r[1])).toEqual(aspect.items.map(i => i.node.title));
            expect(rows.map(r => r[2])).toEqual(aspect.items.map(i => t.scoreOf(String(i.score), '5')));
            const chart = blocks(section).find((x): x is BarChart => x.type === 'bar-chart')!;
            expect(chart.max).toBe(5);
            expect(chart.bars.map(bar => bar.value)).toEqual(aspect.items.map(i => i.score));
        }
        expect(sections(b).find(s => s.id === 'aspect-structure')!.title).toBe(lang === 'en' ? 'Structure' : 'Struktur');
    });

    test('Book I: the weakest items in ascending order, and a conclusion with the overall score', () => {
        const b = book(1, lang);
        const weakest = tableById(b, 'table-weakest');
        const scores = weakest.rows.map(r => Number(plain(r.cells[3].content).split(' ')[0]));
        expect(scores).toEqual([...scores].sort((x, y) => x - y));
        expect(scores[0]).toBe(1);
        const conclusion = sections(b).find(s => s.id === 'conclusion')!;
        const callout = blocks(conclusion).find((x): x is Paragraph => x.type === 'paragraph' && x.style === 'callout')!;
        const average = plan.readiness[0].average! * 5;
        const expected = lang === 'id' ? average.toFixed(1).replace('.', ',') : average.toFixed(1);
        expect(plain(callout.content)).toContain(t.scoreOf(expected, '5'));
        expect(blocks(conclusion).some(x => x.type === 'markdown' && x.markdown.includes('suprastruktur'))).toBe(true);
    });

    test('Book II: every programme appears in its pillar chapter, with its owner\'s title', () => {
        const b = book(2, lang);
        const all = sections(b);
        for (const facts of plan.programmes) {
            const chapter = all.find(s => s.id === `pillar-${facts.pillar.name.toLowerCase()}`)!;
            const list = tables(chapter).find(table => table.id === `table-programmes-${facts.pillar.name.toLowerCase()}`)!;
            const row = list.rows.find(r => r.source?.name === facts.node.name);
            expect(row, facts.node.name).toBeDefined();
            expect(plain(row!.cells[1].content)).toBe(facts.node.title);
            expect(plain(row!.cells[2].content)).toBe(facts.owner!.title);
            const detail = all.find(s => s.source?.kind === 'Programme' && s.source.name === facts.node.name)!;
            expect(detail.title).toBe(facts.node.titleEn && lang === 'en' ? facts.node.titleEn : facts.node.title);
            expect(chapter.children).toContain(detail);
            const profile = rowsText(tables(detail)[0]);
            expect(profile).toContainEqual([t.owner, facts.owner!.title]);
        }
    });

    test('Book II: the programmes running per year give each year four digits of room and the pillar the rest', () => {
        const active = tableById(book(2, lang), 'table-active');
        const years = active.columns.slice(1);
        expect(years.map(c => c.header)).toEqual(['2020', '2021', '2022', '2023', '2024', '2025', '2026', '2027', '2028', '2029']);
        expect(years.every(c => c.width === 8 && c.align === 'right')).toBe(true);
        expect(active.columns[0].width).toBe(20);
    });

    test('Book II: the traceability matrix has one row per RPJMD objective', () => {
        const b = book(2, lang);
        const matrix = tableById(b, 'table-traceability');
        expect(matrix.rows.length).toBe(plan.objectives.length);
        expect(matrix.rows.map(r => r.source?.name)).toEqual(plan.objectives.map(o => o.node.name));
        expect(rowsText(matrix).map(r => r[0])).toEqual(plan.objectives.map(o => o.path));
        // the pillars are numbered columns, in the framework's order, with their key above the table
        expect(matrix.columns.slice(2, -1).map(c => c.header)).toEqual(['P1', 'P2', 'P3', 'P4', 'P5', 'P6']);
        const matrixSection = sections(b).find(s => s.id === 'traceability-matrix')!;
        const key = blocks(matrixSection).filter(x => x.type === 'paragraph').map(x => (x.type === 'paragraph' ? plain(x.content) : '')).find(text => text.includes('P1 '));
        expect(key).toBe(`${lang === 'id' ? 'Kolom pilar' : 'Pillar columns'}: P1 Smart Governance; P2 Smart Branding; P3 Smart Economy; P4 Smart Living; P5 Smart Society; P6 Smart Environment.`);
        // EOffice supports M1.G1.O2: the row has a mark and a count in the Smart Governance column,
        // and the detail table names it
        const index = rowsText(matrix).findIndex(r => r[0] === 'M1.G1.O2');
        const row = matrix.rows[index];
        const governance = plan.objectives[index].servedBy.filter(n => plan.initiative(n)?.pillar.name === 'Governance').length;
        expect(row.cells[2].mark).toBe(true);
        expect(plain(row.cells[2].content)).toBe(String(governance));
        const detail = tableById(b, 'table-traceability-detail');
        expect(detail.rows.length).toBe(plan.objectives.length);
        expect(plain(detail.rows[index].cells[2].content)).toContain('e-Office Terintegrasi');
        expect(sections(b).find(s => s.id === 'gaps')!.children.map(c => c.type === 'paragraph' ? plain(c.content) : '')).toContain(t.b2NoGaps);
    });

    test('Book II: budget totals equal the sum of the budget lines', () => {
        const b = book(2, lang);
        const lines = budgetLines();
        const total = lines.reduce((sum, l) => sum + l.rupiah, 0);
        expect(total).toBeGreaterThan(0);
        const byYear = tableById(b, 'table-budget-year-pillar');
        const rows = rowsText(byYear);
        const last = rows[rows.length - 1];
        expect(last[0]).toBe(t.total);
        expect(last[last.length - 1]).toBe(formatMoney(total, lang));
        for (const r of rows.slice(0, -1)) {
            const year = Number(r[0]);
            expect(r[r.length - 1], String(year)).toBe(formatMoney(lines.filter(l => l.year === year).reduce((s, l) => s + l.rupiah, 0), lang));
        }
        const byOwner = rowsText(tableById(b, 'table-budget-owner'));
        expect(byOwner[byOwner.length - 1][3]).toBe(formatMoney(total, lang));
    });

    test('Book II: quick wins by yearly round with the workshop that agreed them; roadmap as a Gantt chart', () => {
        const b = book(2, lang);
        const round2020 = rowsText(tableById(b, 'table-quick-wins-2020'));
        const quickWins2020 = plan.quickWins.filter(f => f.years?.start === 2020);
        expect(round2020.length).toBe(quickWins2020.length);
        const langsat = round2020.find(r => r[1].startsWith('Langsat Manis'))!;
        expect(langsat[3]).toBe('Dinas Perhubungan');
        expect(langsat[6]).toContain(lang === 'en' ? '5–6 August 2019' : '5–6 Agustus 2019');
        expect(langsat[7]).toBe(lang === 'en' ? 'IDR 1.2 billion' : 'Rp 1,2 miliar');

        const gantt = blocks(b).find((x): x is GanttChart => x.type === 'gantt')!;
        expect(gantt.years).toEqual({ start: 2020, end: 2029 });
        const tasks = gantt.sections.flatMap(s => s.tasks);
        expect(tasks.length).toBe(plan.initiatives.filter(f => f.years).length);
        const pusatData = tasks.find(task => task.source?.name === 'PusatData')!;
        expect([pusatData.start, pusatData.end]).toEqual([2020, 2021]);
    });

    test('Book II: governance lists every owner and the workshop record', () => {
        const b = book(2, lang);
        expect(tableById(b, 'table-owners').rows.length).toBe(plan.owners.length);
        const workshops = rowsText(tableById(b, 'table-workshops'));
        expect(workshops.map(r => r[1])).toEqual(['Bimtek1', 'Bimtek2', 'Bimtek3', 'Bimtek4'].map(name => plan.workshops.find(w => w.name === name)!.title));
        expect(workshops[1][2]).toBe(lang === 'en' ? '5–6 August 2019' : '5–6 Agustus 2019');
    });

    test('Book III: the vision, the key numbers with the total budget, the quick wins, a brief roadmap', () => {
        const b = book(3, lang);
        const callout = blocks(b).find((x): x is Paragraph => x.type === 'paragraph' && x.style === 'callout')!;
        expect(plain(callout.content)).toBe(plan.masterplan!.vision);
        const figures = blocks(b).find((x): x is KeyFigures => x.type === 'key-figures')!;
        const value = (label: string) => figures.items.find(i => i.label === label)?.value;
        expect(value(t.pillars)).toBe('6');
        expect(value(t.programmes)).toBe(String(plan.programmes.length));
        expect(value(t.quickWins)).toBe(String(plan.quickWins.length));
        const total = budgetLines().reduce((sum, l) => sum + l.rupiah, 0);
        expect(value(t.b3TotalBudget)).toBe(formatMoney(total, lang));
        expect(value(t.b3TotalBudget)).toMatch(lang === 'en' ? /^IDR \d+(\.\d+)? billion$/ : /^Rp \d+(,\d+)? miliar$/);
        expect(value(t.b3ObjectivesServed)).toBe(t.b3ObjectivesValue(plan.objectives.length, plan.objectives.length, '100%'));
        expect(tableById(b, 'table-quick-wins').rows.length).toBe(plan.quickWins.length);
        const gantt = blocks(b).find((x): x is GanttChart => x.type === 'gantt')!;
        expect(gantt.sections[0].tasks.map(task => task.label)).toEqual(['Smart Governance', 'Smart Branding', 'Smart Economy', 'Smart Living', 'Smart Society', 'Smart Environment']);
        // short: four chapters, a handful of tables
        expect(b.sections.length).toBe(4);
        expect(tables(b).length).toBeLessThanOrEqual(3);
    });
});

describe('sources and determinism', () => {
    test('what comes from the plan points back at its text', () => {
        const b = book(2, 'id');
        const eoffice = sections(b).find(s => s.source?.name === 'EOffice')!;
        const source = eoffice.source!;
        expect(source.kind).toBe('Programme');
        expect(source.uri).toMatch(/^file:\/\/.*examples\/tabalong\/pillars\/governance\.mplan$/);
        const lines = readFileSync(fileURLToPath(source.uri), 'utf8').split('\n');
        expect(lines[source.range.start.line].slice(source.range.start.character)).toMatch(/^programme EOffice /);
    });

    test('the same plan gives the same outline', () => {
        for (const n of [1, 2, 3] as const) {
            expect(renderJson(buildBook(plan, n, 'id'))).toBe(renderJson(book(n, 'id')));
        }
    });

    test('the English books use English boilerplate and the Indonesian ones Indonesian', () => {
        const titles = (lang: Language) => book(2, lang).sections.map(s => s.title);
        expect(titles('id')).toContain('Keselarasan dengan RPJMD');
        expect(titles('id')).toContain('Peta Jalan');
        expect(titles('en')).toContain('Alignment with the RPJMD');
        expect(titles('en')).not.toContain('Peta Jalan');
        expect(titles('en')).toContain('Pillar: Smart Governance');
    });
});

describe('a plan with gaps', () => {
    test('Book II lists the RPJMD objectives no programme serves', async () => {
        const gapPlan = await loadPlan('examples', 'broken', 'objective-not-served');
        expect(gapPlan.unservedObjectives.length).toBeGreaterThan(0);
        const b = buildBook(gapPlan, 2, 'id');
        const gaps = sections(b).find(s => s.id === 'gaps')!;
        const list = blocks(gaps).find(x => x.type === 'list');
        expect(list && list.type === 'list' ? list.items.map(i => i.source?.name) : []).toEqual(gapPlan.unservedObjectives.map(o => o.node.name));
        const matrix = rowsText(tableById(b, 'table-traceability'));
        for (const objective of gapPlan.unservedObjectives) {
            expect(matrix.find(r => r[0] === objective.path)!.at(-1)).toBe('Kesenjangan');
        }
    });
});

describe('plans with problems still give books (for --force and the live preview)', () => {
    const broken = readdirSync(projectPath('examples', 'broken'), { withFileTypes: true }).filter(e => e.isDirectory()).map(e => e.name).sort();

    test.each(broken)('examples/broken/%s', async folder => {
        const { services, loaded } = await validateOnDisk(projectPath('examples', 'broken', folder));
        for (const brokenPlan of plansOf(services, loaded.documents)) {
            for (const n of [1, 2, 3] as const) {
                for (const lang of ['id', 'en'] as const) {
                    const b = buildBook(brokenPlan, n, lang);
                    expect(b.sections.length).toBeGreaterThan(0);
                    expect(renderMarkdown(b)).toContain(b.title);
                    expect(() => JSON.parse(renderJson(b))).not.toThrow();
                }
            }
        }
    });
});
