/**
 * Completion on a plan with more owners than one list holds: names are filtered by the text typed,
 * ranked (the whole name, then names that start with it, then fuzzy matches), capped at
 * MAX_REFERENCE_ITEMS, and a cut list is `isIncomplete` so the editor asks again as the user types.
 * In process, through Langium's `expectCompletion`; the protocol tests (protocol.test.ts) cover the
 * same provider over stdio on the example plan.
 */
import { URI } from 'langium';
import { expectCompletion } from 'langium/test';
import type { CompletionItem, CompletionList } from 'vscode-languageserver';
import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { BUILTIN_FRAMEWORK_TEXT } from '../../src/language/builtin-library.js';
import type { MasterplanServices } from '../../src/language/module.js';
import { MasterplanCompletionProvider, MAX_REFERENCE_ITEMS } from '../../src/lsp/completion-provider.js';
import { MINIMAL_PLAN, validateFiles } from '../helpers.js';

const KEYWORD = 14; // CompletionItemKind.Keyword
const CLASS = 7; // CompletionItemKind.Class

/** 1 000 generated owners, a few `Dinas…` ones, one that matches `Dinas` only as a fuzzy match, and a lower-case `kantor`. */
const GENERATED = Array.from({ length: 1000 }, (_, i) => `Kantor${String(i).padStart(4, '0')}`);
const DINAS = ['DinasSosial', 'DinasKesehatan', 'DinasPendidikan'];
const FUZZY_DINAS = 'UptdDinasLama';
const OWNERS = [...GENERATED, ...DINAS, FUZZY_DINAS, 'kantor'];

const codeUnitOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const bySortText = (items: CompletionItem[]) => [...items].sort((a, b) => codeUnitOrder(a.sortText ?? a.label, b.sortText ?? b.label));
const labels = (items: CompletionItem[]) => bySortText(items).map(i => i.label);

let services: MasterplanServices;

/** The completion list at `<|>` in a new file of the plan (removed again afterwards). */
async function completeAt(text: string): Promise<CompletionList> {
    let list: CompletionList | undefined;
    await expectCompletion(services)({
        text,
        index: 0,
        parseOptions: { documentUri: URI.file('/plan/pillars/zz-completion.mplan').toString() },
        disposeAfterCheck: true,
        assert: completions => { list = completions; },
    });
    return list!;
}

/** A programme body with `line` in it (`<|>` marks the cursor). */
const inProgramme = (line: string) => `pillar Coba "Coba" dimension Governance {\n    programme CobaSatu "Coba satu" {\n        ${line}\n    }\n}\n`;

describe('completion on a plan with many owners', () => {
    beforeAll(async () => {
        const owners = OWNERS.map(name => `owner ${name} "Pemilik ${name}" kind agency\n`).join('');
        services = (await validateFiles({ ...MINIMAL_PLAN, '/plan/owners.mplan': owners })).services;
    });

    afterEach(() => {
        vi.restoreAllMocks();
    });

    test('after `owner `: the first MAX_REFERENCE_ITEMS owners by name, and the list says it is incomplete', async () => {
        expect(OWNERS.length + 2).toBeGreaterThan(MAX_REFERENCE_ITEMS); // (+ Diskominfo and Bappeda of MINIMAL_PLAN)
        const list = await completeAt(inProgramme('owner <|>'));
        expect(list.isIncomplete).toBe(true);
        expect(list.items).toHaveLength(MAX_REFERENCE_ITEMS);
        expect(list.items.every(i => i.kind === CLASS)).toBe(true);
        const all = [...OWNERS, 'Diskominfo', 'Bappeda'].sort(codeUnitOrder);
        expect(labels(list.items)).toEqual(all.slice(0, MAX_REFERENCE_ITEMS));
        // Still light, but with the title.
        const bappeda = list.items.find(i => i.label === 'Bappeda')!;
        expect(bappeda.detail).toBe('Badan Perencanaan Pembangunan Daerah');
        expect(bappeda.labelDetails).toEqual({ description: 'Badan Perencanaan Pembangunan Daerah' });
    });

    test('only the kept names become items: at most MAX_REFERENCE_ITEMS + 1 are built, whatever the number of owners', async () => {
        const build = vi.spyOn(MasterplanCompletionProvider.prototype as unknown as { createReferenceCompletionItem: () => unknown }, 'createReferenceCompletionItem');
        await completeAt(inProgramme('owner <|>'));
        expect(build.mock.calls.length).toBeGreaterThan(0);
        expect(build.mock.calls.length).toBeLessThanOrEqual(MAX_REFERENCE_ITEMS + 1);
    });

    test('after `owner Dinas`: the owners that start with it first, then the fuzzy match, and the list is complete', async () => {
        const list = await completeAt(inProgramme('owner Dinas<|>'));
        expect(list.isIncomplete).toBe(false);
        expect(labels(list.items)).toEqual([...[...DINAS, 'Diskominfo'].filter(n => n.startsWith('Dinas')).sort(codeUnitOrder), FUZZY_DINAS]);
        // Each replaces the text typed.
        for (const item of list.items) expect(item.textEdit).toMatchObject({ newText: item.label, range: { start: { line: 2, character: 14 }, end: { line: 2, character: 19 } } });
    });

    test('ignoring case: `owner dinaske` finds DinasKesehatan', async () => {
        const list = await completeAt(inProgramme('owner dinaske<|>'));
        expect(list.isIncomplete).toBe(false);
        expect(list.items.map(i => i.label)).toEqual(['DinasKesehatan']);
    });

    test('a unique full name the cut list left out is the one item once typed', async () => {
        const last = [...GENERATED].sort(codeUnitOrder).at(-1)!;
        expect(labels((await completeAt(inProgramme('owner <|>'))).items)).not.toContain(last);
        const list = await completeAt(inProgramme(`owner ${last}<|>`));
        expect(list.isIncomplete).toBe(false);
        expect(list.items.map(i => i.label)).toEqual([last]);
    });

    test('the name equal to the text typed (ignoring case) comes first, even among more than MAX_REFERENCE_ITEMS that start with it', async () => {
        // `kantor` sorts after every `Kantor0…` by name; 1 001 names start with `Kantor`.
        const list = await completeAt(inProgramme('owner Kantor<|>'));
        expect(list.isIncomplete).toBe(true);
        expect(list.items).toHaveLength(MAX_REFERENCE_ITEMS);
        const ranked = labels(list.items);
        expect(ranked[0]).toBe('kantor');
        expect(ranked.slice(1)).toEqual([...GENERATED].sort(codeUnitOrder).slice(0, MAX_REFERENCE_ITEMS - 1));
    });

    test('after `partners`: the same cap for a list of references', async () => {
        const list = await completeAt(inProgramme('owner Bappeda\n        partners Diskominfo, <|>'));
        expect(list.isIncomplete).toBe(true);
        expect(list.items).toHaveLength(MAX_REFERENCE_ITEMS);
        expect(list.items.every(i => i.kind === CLASS)).toBe(true);
    });

    test('keywords still complete, and are never cut', async () => {
        const list = await completeAt(inProgramme('owner Bappeda\n        <|>'));
        const keywords = list.items.filter(i => i.kind === KEYWORD).map(i => i.label);
        expect(keywords).toEqual(expect.arrayContaining(['budget', 'supports', 'years', 'partners', 'element', 'indicator', 'after', 'owner']));
        expect(list.items.filter(i => i.kind !== KEYWORD)).toEqual([]);
        expect(list.isIncomplete).toBe(false);
        // A keyword typed in part.
        const partial = await completeAt(inProgramme('owner Bappeda\n        bud<|>'));
        expect(partial.items.map(i => i.label)).toEqual(['budget']);
    });

    test('after `element `: all elements, those of the pillar\'s dimension first; with a prefix, matches of the start before the dimension', async () => {
        const all = [...BUILTIN_FRAMEWORK_TEXT.matchAll(/^\s*element (\w+)/gm)].map(m => m[1]);
        const governance = ['Bureaucracy', 'PublicPolicy', 'PublicService'];
        const list = await completeAt(inProgramme('element <|>'));
        expect(list.isIncomplete).toBe(false);
        expect(labels(list.items)).toEqual([...governance, ...all.filter(e => !governance.includes(e)).sort(codeUnitOrder)]);
        // `P`: PublicPolicy and PublicService (Governance), PublicSafety (Society), then EnvironmentalProtection (a fuzzy match).
        const withP = await completeAt(inProgramme('element P<|>'));
        expect(labels(withP.items)).toEqual(['PublicPolicy', 'PublicService', 'PublicSafety', 'EnvironmentalProtection']);
        // `S`: SpatialHarmony (Living) starts with it, so it comes before PublicService (Governance, a fuzzy match).
        const withS = await completeAt(inProgramme('element S<|>'));
        expect(labels(withS.items)).toEqual(['SpatialHarmony', 'PublicService', 'PublicSafety']);
    });

    test('RPJMD paths still complete step by step, and such a list stays incomplete (the next step depends on the text typed)', async () => {
        const first = await completeAt(inProgramme('supports RPJMD2019.<|>'));
        expect(labels(first.items)).toEqual(['RPJMD2019.M1', 'RPJMD2019.P21603']);
        expect(first.isIncomplete).toBe(true);
        const second = await completeAt(inProgramme('supports RPJMD2019.M1.<|>'));
        expect(labels(second.items)).toEqual(['RPJMD2019.M1.G1']);
        const third = await completeAt(inProgramme('supports RPJMD2019.M1.G1.<|>'));
        expect(labels(third.items)).toEqual(['RPJMD2019.M1.G1.O1']);
        expect(third.items[0].detail).toBe('Sasaran');
    });
});
