/**
 * The syntax tree's leaves keep no range objects (src/language/cst-node-builder.ts makes the range
 * when asked): every leaf must still give the offset, length, range, text and hidden flag that
 * Langium's leaves give, from Chevrotain's tokens through `CstUtils.tokenToRange`. String values are
 * read in one piece (src/language/value-converter.ts), as Langium's converter reads them.
 */
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { AstUtils, CstUtils, EmptyFileSystem, ValueConverter, isLeafCstNode, isReference, type LeafCstNode, type Reference } from 'langium';
import { describe, expect, test } from 'vitest';
import { createMasterplanServices } from '../../src/language/module.js';
import { convertString } from '../../src/language/value-converter.js';
import { MINIMAL_PLAN, projectPath, validateFiles } from '../helpers.js';

const services = createMasterplanServices(EmptyFileSystem).Masterplan;

function exampleTexts(): string[] {
    const texts: string[] = [];
    const walk = (dir: string) => {
        for (const entry of readdirSync(dir, { withFileTypes: true })) {
            const full = path.join(dir, entry.name);
            if (entry.isDirectory()) walk(full);
            else if (entry.name.endsWith('.mplan')) texts.push(readFileSync(full, 'utf8'));
        }
    };
    walk(projectPath('examples', 'tabalong'));
    return texts;
}

const EDGES = [
    'masterplan Contoh "Contoh" {\r\n    period 2020..2029\r\n    vision "v \\"quoted\\" \\n"\r\n}\r\n',
    '/* a comment\nover lines */ owner A \u201Cc\u00F6ntoh\u201D kind agency\n\n\n// last\n',
    'pillar G "G" dimension Governance {\n    description """\n        over\n        lines\n    """\n}\r\rowner B "B" kind agency',
];

describe('compact syntax tree leaves', () => {
    test('every leaf has the offset, length, range, text and hidden flag of its token', () => {
        let checked = 0;
        for (const text of [...exampleTexts(), ...EDGES]) {
            const lexed = services.parser.Lexer.tokenize(text);
            const tokens = new Map([...lexed.tokens, ...lexed.hidden].map(token => [token.startOffset, token]));
            const root = services.parser.LangiumParser.parse(text).value.$cstNode!.root;
            const leaves = CstUtils.streamCst(root).filter(isLeafCstNode).toArray() as LeafCstNode[];
            expect(leaves.length).toBe(tokens.size);
            for (const leaf of leaves) {
                const token = tokens.get(leaf.offset)!;
                expect(token).toBeDefined();
                expect(leaf.length).toBe(token.image.length);
                expect(leaf.end).toBe(token.startOffset + token.image.length);
                expect(leaf.text).toBe(token.image);
                expect(leaf.range).toEqual(CstUtils.tokenToRange(token));
                expect(leaf.tokenType).toBe(token.tokenType);
                expect(leaf.hidden).toBe(leaf.grammarSource === undefined);
                expect(leaf.root).toBe(root);
                expect(leaf.astNode).toBe(leaf.container!.astNode);
                checked++;
            }
        }
        expect(checked).toBeGreaterThan(1000);
    });

    test('string values read as Langium reads them', () => {
        const samples = ['""', '"a"', '"plain text longer than twelve characters"', '"a\\"b"', '"\\n\\t\\\\"', '"x\\0y\\qz"', '"\\\\"', '"ends\\"', '"\u00E9\\u"'];
        for (const sample of samples) expect(convertString(sample)).toBe(ValueConverter.convertString(sample));
    });

    test('references resolve as Langium\'s do, and an unresolved one carries its error', async () => {
        const pillars = MINIMAL_PLAN['/plan/pillars.mplan'];
        const result = await validateFiles({ ...MINIMAL_PLAN, '/plan/pillars.mplan': pillars.replace('owner Diskominfo partners Bappeda', 'owner Nobody partners Bappeda') });
        const document = result.documents.get('/plan/pillars.mplan')!;
        const references = AstUtils.streamAst(document.parseResult.value).flatMap(node => AstUtils.streamReferences(node)).toArray();
        const owner = references.find(info => info.reference.$refText === 'Nobody')!.reference as Reference;
        const partner = references.find(info => info.reference.$refText === 'Bappeda')!.reference as Reference;
        expect(isReference(owner) && isReference(partner)).toBe(true);
        expect(partner.ref?.$type).toBe('Owner');
        expect((partner.ref as unknown as { name: string }).name).toBe('Bappeda');
        expect(partner.$nodeDescription?.name).toBe('Bappeda');
        expect(partner.error).toBeUndefined();
        expect(owner.ref).toBeUndefined();
        expect(owner.error?.message).toMatch(/Nobody/);
        expect(document.references).toContain(partner);
    });
});
