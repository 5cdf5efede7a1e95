/**
 * The plain walk that linking and validation use (src/language/ast-walk.ts) visits the nodes and
 * references Langium's streams do, in the same order, without recursion.
 */
import { AstUtils, type AstNode } from 'langium';
import { describe, expect, test } from 'vitest';
import { astNodes, forEachReference } from '../../src/language/ast-walk.js';
import { validateOnDisk } from '../helpers.js';

describe('the plain walk of a tree', () => {
    test('gives the nodes and references of streamAst and streamReferences, in their order (Tabalong)', async () => {
        const { loaded } = await validateOnDisk('examples/tabalong');
        let nodes = 0;
        for (const document of loaded.documents) {
            const root = document.parseResult.value;
            const walked = astNodes(root);
            expect(walked).toEqual(AstUtils.streamAst(root).toArray());
            nodes += walked.length;
            const references: unknown[] = [];
            for (const node of walked) forEachReference(node, info => references.push(info));
            expect(references).toEqual(walked.flatMap(node => AstUtils.streamReferences(node).toArray()));
        }
        expect(nodes).toBeGreaterThan(500);
    });

    test('does not recurse: a chain of 100 000 nodes is walked in order', () => {
        const root = { $type: 'Node' } as AstNode & { child?: AstNode };
        let last = root;
        for (let i = 0; i < 100_000; i++) {
            const child = { $type: 'Node', $container: last, n: i } as AstNode & { child?: AstNode };
            last.child = child;
            last = child;
        }
        const walked = astNodes(root);
        expect(walked).toHaveLength(100_001);
        expect(walked.at(-1)).toBe(last);
        expect((walked[1] as unknown as { n: number }).n).toBe(0);
    });
});
