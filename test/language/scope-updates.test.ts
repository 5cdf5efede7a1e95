/**
 * The scope provider keeps its name maps from one build to the next and, when only a few files'
 * names changed, patches them (src/language/scope-provider.ts). Edits as the editor makes them, one
 * after another; after each, the diagnostics must be those of a fresh build of the same texts, and
 * references must lead to the nodes of the current syntax trees, never to those of an older parse.
 * And while the plan is checked again, a hover is served the last plan model instead of waiting.
 */
import { DocumentState, type Reference } from 'langium';
import { describe, expect, test } from 'vitest';
import { isProgramme, type Owner } from '../../src/language/generated/ast.js';
import { MINIMAL_PLAN, validateFiles } from '../helpers.js';
import { openWorkspace } from './open-workspace.js';

const OWNERS = '/plan/owners.mplan';
const PILLARS = '/plan/pillars.mplan';

const summary = (diagnostics: Array<{ code?: string | number; range: { start: { line: number } } }>) =>
    diagnostics.map(d => `${d.code}@${d.range.start.line}`).sort();

describe('name maps kept across edits', () => {
    test('after each edit the diagnostics are a fresh build\'s, and references lead into the current trees', async () => {
        const masterplan = MINIMAL_PLAN['/plan/masterplan.mplan'];
        const ownersStart = masterplan.indexOf('owner Diskominfo');
        const ownersEnd = masterplan.indexOf('rpjmd RPJMD2019 "');
        const files = {
            '/plan/masterplan.mplan': masterplan.slice(0, ownersStart) + masterplan.slice(ownersEnd),
            [OWNERS]: masterplan.slice(ownersStart, ownersEnd),
            [PILLARS]: MINIMAL_PLAN[PILLARS],
        };
        const workspace = await openWorkspace(files);

        const check = async () => {
            const fresh = await validateFiles(Object.fromEntries(workspace.texts));
            for (const file of workspace.texts.keys()) {
                expect(summary(workspace.document(file).diagnostics ?? []), file).toEqual(summary(fresh.diagnostics.get(file)!));
            }
            // Every resolved owner reference of the programme is an owner of the current owners file.
            const owners = new Set(workspace.document(OWNERS).parseResult.value.elements);
            const programme = workspace.document(PILLARS).parseResult.value.elements.flatMap(e => 'initiatives' in e ? e.initiatives : []).find(isProgramme)!;
            const refs: Array<Reference<Owner>> = [programme.owner!, ...programme.partners];
            for (const ref of refs) if (ref.ref) expect(owners.has(ref.ref), ref.$refText).toBe(true);
            return fresh.codes;
        };

        expect(await check()).toEqual([]);
        // Names unchanged (a title): the maps are patched with the new parse's nodes.
        await workspace.edit(OWNERS, t => t.replace('"Dinas Komunikasi dan Informatika"', '"Dinas Kominfo"'));
        expect(await check()).toEqual([]);
        // A name renamed: references to it no longer resolve.
        await workspace.edit(OWNERS, t => t.replace('owner Bappeda', 'owner Bapeda'));
        expect(await check()).toContain('unresolved-reference');
        // Renamed back.
        await workspace.edit(OWNERS, t => t.replace('owner Bapeda', 'owner Bappeda'));
        expect(await check()).toEqual([]);
        // A duplicate in the same file: which one wins depends on order, so the maps are grouped again.
        await workspace.edit(OWNERS, t => `${t}owner Bappeda "Bappeda lagi" kind agency\n`);
        expect(await check()).toContain('duplicate-name');
        // A duplicate in another file of the plan, then both removed.
        await workspace.edit(PILLARS, t => `${t}\nowner Diskominfo "Kominfo lagi" kind agency\n`);
        expect((await check()).filter(code => code === 'duplicate-name')).toHaveLength(2);
        await workspace.edit(PILLARS, t => t.replace('\nowner Diskominfo "Kominfo lagi" kind agency\n', ''));
        await workspace.edit(OWNERS, t => t.replace('owner Bappeda "Bappeda lagi" kind agency\n', ''));
        expect(await check()).toEqual([]);
        // A new owner, used at once from the other file.
        await workspace.edit(OWNERS, t => `${t}owner Dishub "Dinas Perhubungan" kind agency\n`);
        await workspace.edit(PILLARS, t => t.replace('partners Bappeda', 'partners Bappeda, Dishub'));
        expect(await check()).toEqual([]);
    });
});

describe('the plan model while a plan is checked again', () => {
    test('a hover gets the last model until the build has made the new one, instead of building it there and then', async () => {
        const workspace = await openWorkspace({ ...MINIMAL_PLAN });
        const models = workspace.services.Masterplan.model.PlanModels;
        const builder = workspace.services.shared.workspace.DocumentBuilder;
        const pillars = () => workspace.document('/plan/pillars.mplan');
        const before = models.forDocument(pillars());
        expect(before).toBeDefined();

        // In the second pass, once linked and before validating, the plan's model is stale and not yet made again.
        let during: unknown;
        let building: unknown;
        let phases = 0;
        const seen = builder.onBuildPhase(DocumentState.IndexedReferences, () => {
            if (++phases !== 2) return;
            during = models.forRequest(pillars());
            building = (models as unknown as { cache: Map<string, unknown> }).cache.size;
        });
        await workspace.startEdit('/plan/pillars.mplan', t => t.replace('"E-Office"', '"E-Office Terpadu"'));
        seen.dispose();
        expect(during).toBe(before);
        expect(building).toBe(0);

        // Once the build is over, the new model is there for everyone.
        const after = models.forRequest(pillars());
        expect(after).not.toBe(before);
        expect(after).toBe(models.forDocument(pillars()));
        expect(after!.initiatives.map(i => i.node.title)).toContain('E-Office Terpadu');
    });
});
