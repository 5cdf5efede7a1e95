/**
 * The syntax tree keeps comments where they are in the text (src/language/cst-node-builder.ts inserts
 * them with its own array moves instead of Langium's): every leaf in text order, each comment once,
 * in the node it stands in.
 */
import { CstUtils, isLeafCstNode, type LeafCstNode } from 'langium';
import { describe, expect, test } from 'vitest';
import { validateFiles, MINIMAL_PLAN } from '../helpers.js';

const text = `// before everything
masterplan Contoh "Contoh" {
    // inside the masterplan, before its first property
    period 2020..2029
    vision "v"
}
// before an owner
owner Diskominfo "Dinas" kind agency
pillar Governance "Smart Governance" dimension Governance {
    // before the first programme
    programme A "A" {
        // before the owner line
        owner Diskominfo
        years 2021..2022
    }
    // between programmes
    programme B "B" { owner Diskominfo /* inline */ years 2021..2022 }
    quickwin C "C" { owner Diskominfo year 2021 }
}
// at the end
`;

describe('comments in the syntax tree', () => {
    test('every leaf in text order, every comment once, each in the node it stands in', async () => {
        const result = await validateFiles({ ...MINIMAL_PLAN, '/plan/masterplan.mplan': text });
        const root = result.documents.get('/plan/masterplan.mplan')!.parseResult.value.$cstNode!;
        const leaves = CstUtils.streamCst(root).filter(isLeafCstNode).toArray() as LeafCstNode[];
        const offsets = leaves.map(leaf => leaf.offset);
        expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
        const comments = leaves.filter(leaf => leaf.hidden);
        const expected = [...text.matchAll(/\/\/[^\n]*|\/\*.*?\*\//g)].map(m => m[0]);
        expect(comments.map(c => c.text)).toEqual(expected);
        const containerText = (needle: string) => comments.find(c => c.text.includes(needle))!.container!.text;
        expect(containerText('between programmes')).toMatch(/^pillar Governance/);
        expect(containerText('before the owner line')).toMatch(/^programme A/);
        expect(containerText('inline')).toMatch(/^programme B/);
    });
});
