import { describe, expect, test } from 'vitest';
import { AstUtils } from 'langium';
import type { Programme, Pillar, Document } from '../../src/language/generated/ast.js';
import { MINIMAL_PLAN, validateFiles } from '../helpers.js';

function programme(doc: { parseResult: { value: unknown } }, index = 0): Programme {
    const pillar = (doc.parseResult.value as Document).elements.find(e => e.$type === 'Pillar') as Pillar;
    return pillar.initiatives[index] as Programme;
}

describe('plan roots and scoping', () => {
    test('two plans in one workspace may declare the same names and never see each other', async () => {
        const second = Object.fromEntries(Object.entries(MINIMAL_PLAN).map(([file, text]) => [file.replace('/plan/', '/other/'), text]));
        const result = await validateFiles({ ...MINIMAL_PLAN, ...second });
        expect(result.codes).toEqual([]);
        const ownerHere = programme(result.documents.get('/plan/pillars.mplan')!).owner!.ref!;
        const ownerThere = programme(result.documents.get('/other/pillars.mplan')!).owner!.ref!;
        expect(ownerHere.name).toBe('Diskominfo');
        expect(ownerThere.name).toBe('Diskominfo');
        expect(ownerHere).not.toBe(ownerThere);
        expect(AstUtils.getDocument(ownerHere).uri.path).toBe('/plan/masterplan.mplan');
        expect(AstUtils.getDocument(ownerThere).uri.path).toBe('/other/masterplan.mplan');
    });

    test('a name declared only in another plan does not resolve', async () => {
        const result = await validateFiles({
            ...MINIMAL_PLAN,
            '/other/masterplan.mplan': 'masterplan Other "Other" { period 2020..2029 vision "v" }\nowner Dishub "Dinas Perhubungan"\n',
            '/plan/extra.mplan': 'pillar Living "Smart Living" dimension Living { programme Bus "Bus" { owner Dishub } }\n',
        });
        const diagnostics = result.diagnostics.get('/plan/extra.mplan')!;
        const unresolved = diagnostics.filter(d => d.code === 'unresolved-reference');
        expect(unresolved).toHaveLength(1);
        expect(unresolved[0].message).toContain("No owner named 'Dishub'");
    });

    test('files in subfolders belong to the plan above them, down to the next plan root', async () => {
        const result = await validateFiles({
            ...MINIMAL_PLAN,
            '/plan/pillars/deep/more.mplan': 'owner Dishub "Dinas Perhubungan"\npillar Living "Smart Living" dimension Living { programme Bus "Bus" { owner Diskominfo partners Dishub years 2021..2022 supports RPJMD2019.M1.G1.O1 } quickwin Q "Q" { owner Dishub year 2021 supports RPJMD2019.M1.G1.O1 } }\n',
            '/plan/nested/masterplan.mplan': 'masterplan Nested "Nested" { period 2020..2029 vision "v" }\nowner Solo "Solo" kind private\npillar X "X" { programme Y "Y" { owner Solo supports Z } quickwin W "W" { owner Solo } }\n',
        });
        expect(result.diagnostics.get('/plan/pillars/deep/more.mplan')).toEqual([]);
        // The nested plan cannot see RPJMD items of the outer plan.
        const nested = result.diagnostics.get('/plan/nested/masterplan.mplan')!;
        expect(nested.map(d => d.code)).toContain('unresolved-reference');
    });

    test('RPJMD items resolve by path from outside, and relative to the RPJMD inside it', async () => {
        const result = await validateFiles(MINIMAL_PLAN);
        const supports = programme(result.documents.get('/plan/pillars.mplan')!).supports[0];
        expect(supports.ref?.$type).toBe('RpjmdObjective');
        expect(supports.ref?.name).toBe('O1');
        const root = result.documents.get('/plan/masterplan.mplan')!.parseResult.value as Document;
        const rpjmd = root.elements.find(e => e.$type === 'Rpjmd')!;
        expect((rpjmd as { programs: Array<{ serves: Array<{ ref?: { name: string } }> }> }).programs[0].serves[0].ref?.name).toBe('O1');
    });

    test('the loose dimension names of real documents resolve to the national dimensions', async () => {
        const result = await validateFiles({
            ...MINIMAL_PLAN,
            '/plan/people.mplan': 'pillar SmartPeople "Smart People" dimension People { programme Lit "Literasi" { element Learning owner Bappeda years 2021..2022 supports RPJMD2019.M1.G1.O1 } quickwin Kelas "Kelas" { element Learning owner Bappeda year 2021 supports RPJMD2019.M1.G1.O1 } }\n',
        });
        expect(result.diagnostics.get('/plan/people.mplan')).toEqual([]);
        const pillar = (result.documents.get('/plan/people.mplan')!.parseResult.value as Document).elements[0] as Pillar;
        expect(pillar.dimension?.ref?.name).toBe('Society');
    });

    test('an unresolved reference suggests the closest names, each target once', async () => {
        const result = await validateFiles({
            ...MINIMAL_PLAN,
            '/plan/typo.mplan': 'pillar G2 "G2" dimension Governence { programme T "T" { owner Diskominfoo element PublicServise supports RPJMD2019.M1.G1.O2 } quickwin U "U" { owner Bappeda } }\n',
        });
        const messages = result.diagnostics.get('/plan/typo.mplan')!.filter(d => d.code === 'unresolved-reference').map(d => d.message);
        expect(messages).toContain("No dimension named 'Governence' in this plan. Did you mean 'Governance'?");
        expect(messages).toContain("No owner named 'Diskominfoo' in this plan. Did you mean 'Diskominfo'?");
        expect(messages).toContain("No element named 'PublicServise' in this plan. Did you mean 'PublicService'?");
        expect(messages.find(m => m.includes("'RPJMD2019.M1.G1.O2'"))).toContain("Did you mean 'RPJMD2019.M1.G1.O1'");
        const data = result.diagnostics.get('/plan/typo.mplan')!.find(d => d.message.includes('Diskominfoo'))!.data;
        expect(data).toMatchObject({ code: 'unresolved-reference', referenceType: 'Owner', refText: 'Diskominfoo', suggestions: ['Diskominfo'] });
    });
});

describe('values as written', () => {
    test('curly quotes from Word, text blocks, and numbers keep their meaning', async () => {
        const result = await validateFiles({
            ...MINIMAL_PLAN,
            '/plan/words.mplan': 'owner Dishub \u201CDinas Perhubungan\u201D kind agency role "Pelaksana"\npillar Living "Smart Living" dimension Living {\n    description """\n        Baris *pertama*.\n\n        Baris kedua.\n    """\n    programme Bus "Bus" { owner Dishub years 2021..2022 supports RPJMD2019.M1.G1.O1 indicator "Penumpang" baseline 2020: 1,5 target 2021: 80,2022: 85.5 }\n    quickwin Q "Q" { owner Dishub year 2021 supports RPJMD2019.M1.G1.O1 }\n}\n',
        });
        expect(result.diagnostics.get('/plan/words.mplan')).toEqual([]);
        const root = result.documents.get('/plan/words.mplan')!.parseResult.value as Document;
        expect((root.elements[0] as { title: string }).title).toBe('Dinas Perhubungan');
        const pillar = root.elements[1] as Pillar;
        expect(pillar.description).toBe('Baris *pertama*.\n\nBaris kedua.');
        const indicator = (pillar.initiatives[0] as Programme).indicators[0];
        expect(indicator.targets.map(t => [t.year, t.value])).toEqual([[2021, '80'], [2022, '85.5']]);
        expect(indicator.baseline?.value).toBe('1,5');
    });
});
