import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { findPlanFiles } from '../../src/language/plan-files.js';
import { projectPath, validateFiles } from '../helpers.js';
import { formatText } from './format-helper.js';

const messy = `// Kepala berkas
masterplan   Contoh "Contoh"{region "Kabupaten Contoh" period 2020 .. 2029
vision "v" // visi singkat
}
owner A "Dinas A"   kind agency
owner B "Dinas B" kind agency role "Mitra"
rpjmd R "R" { period 2019..2024 mission M "m" { goal G "g" { objective O "o" { indicator "i" baseline 2019 : 1 target 2024:2 } } }
program P "p" code "2.16.03" owner A serves M.G.O }
pillar Gov "Gov" dimension Governance {
  programme X "X" { element PublicService owner A partners B,A years 2021..2022
  /* anggaran
     dua tahun */
  budget 2021: Rp 1 miliar,2022 : Rp 2 miliar supports R.M.G.O }
      quickwin Q "Q" { owner B year 2021 supports R.P impact high effort low }
}
`;

const expected = `// Kepala berkas
masterplan Contoh "Contoh" {
    region "Kabupaten Contoh"
    period 2020..2029
    vision "v" // visi singkat
}

owner A "Dinas A" kind agency
owner B "Dinas B" kind agency role "Mitra"

rpjmd R "R" {
    period 2019..2024
    mission M "m" {
        goal G "g" {
            objective O "o" {
                indicator "i" baseline 2019: 1 target 2024: 2
            }
        }
    }
    program P "p" code "2.16.03" owner A serves M.G.O
}

pillar Gov "Gov" dimension Governance {
    programme X "X" {
        element PublicService
        owner A
        partners B, A
        years 2021..2022
        /* anggaran
           dua tahun */
        budget 2021: Rp 1 miliar, 2022: Rp 2 miliar
        supports R.M.G.O
    }
    quickwin Q "Q" {
        owner B
        year 2021
        supports R.P
        impact high
        effort low
    }
}
`;

describe('formatting', () => {
    test('a messy plan takes the canonical layout, comments kept', async () => {
        expect(await formatText(messy)).toBe(expected);
    });

    test('formatting twice changes nothing', async () => {
        const once = await formatText(messy);
        expect(await formatText(once)).toBe(once);
    });

    test('formatting never changes what the plan means', async () => {
        const before = await validateFiles({ '/p/a.mplan': messy });
        const after = await validateFiles({ '/p/a.mplan': await formatText(messy) });
        const strip = (value: unknown): unknown => JSON.parse(JSON.stringify(value, (key, v) => ((key.startsWith('$') && key !== '$type' && key !== '$refText') || key.startsWith('_') || key === 'ref' || key === 'error' ? undefined : v)));
        expect(strip(after.documents.get('/p/a.mplan')!.parseResult.value)).toEqual(strip(before.documents.get('/p/a.mplan')!.parseResult.value));
        expect(after.codes).toEqual(before.codes);
    });

    test('the bundled examples are already in canonical form', async () => {
        const { files } = await findPlanFiles([projectPath('examples', 'tabalong')]);
        for (const file of files) {
            const text = readFileSync(file, 'utf8');
            expect(await formatText(text), file).toBe(text);
        }
    });

    test('a file with syntax errors is left as it is', async () => {
        const broken = 'pillar P "P" {\n   programme Q "Q" { owner\n';
        expect(await formatText(broken)).toBe(broken);
    });
});
