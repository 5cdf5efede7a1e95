import { readFileSync } from 'node:fs';
import { describe, expect, test, beforeAll } from 'vitest';
import type { PlanModel } from '../../src/model/plan-model.js';
import { parseMoney } from '../../src/model/money.js';
import type { Money } from '../../src/language/generated/ast.js';
import { MINIMAL_PLAN, projectPath, validateFiles, validateOnDisk } from '../helpers.js';

describe('the plan model of the Tabalong example', () => {
    let plan: PlanModel;
    let sources: string[];
    beforeAll(async () => {
        const { services, found } = await validateOnDisk(projectPath('examples', 'tabalong'));
        const models = services.model.PlanModels.all();
        expect(models).toHaveLength(1);
        plan = models[0];
        sources = found.files.map(file => readFileSync(file, 'utf8'));
    });

    test('counts what the text declares', () => {
        const count = (pattern: RegExp) => sources.reduce((n, text) => n + (text.match(pattern)?.length ?? 0), 0);
        expect(plan.counts.programmes).toBe(count(/^\s*programme\s+\w+\s+["\u201C]/gm));
        expect(plan.counts.quickWins).toBe(count(/^\s*quickwin\s+\w+\s+["\u201C]/gm));
        expect(plan.counts.owners).toBe(count(/^\s*owner\s+\w+\s+["\u201C]/gm));
        expect(plan.counts.pillars).toBe(6);
        expect(plan.counts.programmes).toBeGreaterThanOrEqual(30);
        expect(plan.counts.quickWins).toBeGreaterThanOrEqual(6);
        expect(plan.period).toEqual({ start: 2020, end: 2029 });
    });

    test('the budget total is the sum of every budget line of every programme and quick win', () => {
        // Read the budget lines of the pillar files independently of the parser.
        let expected = 0;
        for (const text of sources) {
            for (const line of text.matchAll(/budget\s+([^\n]+)/g)) {
                if (!/^\s*(programme|quickwin)|\n/.test(line[0]) && text.slice(0, line.index).lastIndexOf('pillar') < 0) continue;
                for (const entry of line[1].matchAll(/(\d{4}):\s*(?:Rp\s+)?([\d.,]+)\s*([a-z]+)?/g)) {
                    const value = parseMoney({ amount: entry[2], scale: entry[3] } as unknown as Money);
                    if (value.ok) expected += value.rupiah;
                }
            }
        }
        expect(plan.budget.total).toBe(expected);
        const byYear = [...plan.budget.byYear.values()].reduce((a, b) => a + b, 0);
        const byPillar = [...plan.budget.byPillar.values()].reduce((a, b) => a + b, 0);
        expect(byYear).toBe(plan.budget.total);
        expect(byPillar).toBe(plan.budget.total);
        expect([...plan.budget.byYear.keys()]).toEqual([...plan.budget.byYear.keys()].sort());
    });

    test('every objective of the aligned RPJMD is served, and each server supports it', () => {
        expect(plan.rpjmd?.name).toBe('RPJMD2019');
        expect(plan.objectives.length).toBeGreaterThan(0);
        expect(plan.unservedObjectives).toEqual([]);
        for (const objective of plan.objectives) {
            for (const initiative of objective.servedBy) {
                expect(plan.initiative(initiative)!.objectives).toContain(objective.node);
            }
        }
    });

    test('every owner has a role and there are no dependency cycles', () => {
        for (const [owner, usage] of plan.ownerUsage) {
            const roles = Object.values(usage).reduce((n, list) => n + list.length, 0);
            expect(roles, owner.name).toBeGreaterThan(0);
        }
        expect(plan.cycles).toEqual([]);
    });

    test('readiness is summarised per aspect on its scale', () => {
        const readiness = plan.readiness[0];
        expect(readiness.aspects.map(a => a.node.name)).toEqual(['structure', 'infrastructure', 'superstructure']);
        for (const aspect of readiness.aspects) {
            expect(aspect.average).toBeGreaterThan(0);
            expect(aspect.average).toBeLessThanOrEqual(1);
        }
        const ratios = readiness.weakest.map(i => i.ratio!);
        expect(ratios).toEqual([...ratios].sort((a, b) => a - b));
    });
});

describe('computed facts on small plans', () => {
    test('a cycle is found once and listed along its `after` links', async () => {
        const result = await validateFiles({
            ...MINIMAL_PLAN,
            '/plan/cycle.mplan': `pillar Living "Smart Living" dimension Living {
    programme A "A" { owner Bappeda years 2021..2022 supports RPJMD2019.M1.G1.O1 after B }
    programme B "B" { owner Bappeda years 2021..2022 supports RPJMD2019.M1.G1.O1 after C }
    programme C "C" { owner Bappeda years 2021..2022 supports RPJMD2019.M1.G1.O1 after A }
    programme D "D" { owner Bappeda years 2023..2024 supports RPJMD2019.M1.G1.O1 after A }
    quickwin Q "Q" { owner Bappeda year 2021 supports RPJMD2019.M1.G1.O1 }
}
`,
        });
        const plan = result.services.model.PlanModels.all()[0];
        expect(plan.cycles.map(c => c.map(n => n.name))).toEqual([['A', 'B', 'C']]);
        const messages = result.diagnostics.get('/plan/cycle.mplan')!.filter(d => d.code === 'dependency-cycle').map(d => d.message);
        expect(messages).toEqual([
            'Dependency cycle: A → B → C → A. None of these can start first; remove one of the `after` links.',
            'Dependency cycle: B → C → A → B. None of these can start first; remove one of the `after` links.',
            'Dependency cycle: C → A → B → C. None of these can start first; remove one of the `after` links.',
        ]);
    });

    test('an RPJMD program passes on the objectives it serves', async () => {
        const result = await validateFiles(MINIMAL_PLAN);
        const plan = result.services.model.PlanModels.all()[0];
        const quickWin = plan.quickWins[0];
        expect(quickWin.supports.map(s => s.name)).toEqual(['P21603']);
        expect(quickWin.objectives.map(o => o.name)).toEqual(['O1']);
        expect(plan.objectives[0].servedBy.map(n => n.name).sort()).toEqual(['EOffice', 'Pengaduan']);
        expect(plan.initiative(plan.programmes[0].node)!.budgetByYear).toEqual(new Map([[2021, 800_000_000], [2022, 1_200_000_000]]));
    });
});
