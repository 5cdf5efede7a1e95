/**
 * duplicate-property is checked only on the types whose grammar lets a single-valued property be
 * written twice (src/validation/names.ts); these tests pin that list to the grammar and show the
 * check still fires through a fragment (programmes and quick wins) and in nested declarations.
 */
import { EmptyFileSystem } from 'langium';
import { describe, expect, test } from 'vitest';
import { createMasterplanServices } from '../../src/language/module.js';
import { typesWithRepeatableProperties } from '../../src/validation/names.js';
import { MINIMAL_PLAN, validateFiles } from '../helpers.js';

describe('duplicate-property', () => {
    test('is checked on the declarations whose grammar has a single-valued property in a repeated group, and on no others', () => {
        const grammar = createMasterplanServices(EmptyFileSystem).Masterplan.Grammar;
        expect(typesWithRepeatableProperties(grammar)).toEqual([
            'Aspect', 'Dimension', 'Element', 'Framework', 'Indicator', 'Masterplan', 'Owner', 'Pillar',
            'Programme', 'QuickWin', 'Readiness', 'ReadinessItem', 'Rpjmd', 'RpjmdProgram', 'Workshop',
        ]);
    });

    test('reports a property given twice in a programme (through its fragment), a quick win, an indicator and an owner', async () => {
        const pillars = MINIMAL_PLAN['/plan/pillars.mplan']
            .replace('years 2021..2023', 'years 2021..2023\n        location "Tanjung" location "Murung Pudak"')
            .replace('year 2020', 'year 2020\n        effort low effort high');
        const masterplan = MINIMAL_PLAN['/plan/masterplan.mplan']
            .replace('unit "%"', 'unit "%" unit "persen"')
            .replace('owner Bappeda "Badan Perencanaan Pembangunan Daerah" kind agency', 'owner Bappeda "Badan Perencanaan Pembangunan Daerah" kind agency kind national');
        const result = await validateFiles({ ...MINIMAL_PLAN, '/plan/masterplan.mplan': masterplan, '/plan/pillars.mplan': pillars });
        const reported = (file: string) => result.diagnostics.get(file)!.filter(d => d.code === 'duplicate-property').map(d => d.message);
        expect(reported('/plan/pillars.mplan')).toEqual([
            expect.stringContaining('`location` is given more than once'),
            expect.stringContaining('`effort` is given more than once'),
        ]);
        expect(reported('/plan/masterplan.mplan').sort()).toEqual([
            expect.stringContaining('`kind` is given more than once'),
            expect.stringContaining('`unit` is given more than once'),
        ]);
    });
});
