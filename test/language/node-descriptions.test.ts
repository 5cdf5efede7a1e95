/**
 * Descriptions of declarations (src/language/node-descriptions.ts) say what Langium's own would, and
 * batch services keep no index of references while diagnosing exactly as the editor's do.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DefaultAstNodeDescriptionProvider, DefaultReferenceDescriptionProvider, EmptyFileSystem, type AstNodeDescription, type ReferenceDescription } from 'langium';
import { describe, expect, test } from 'vitest';
import { createMasterplanServices } from '../../src/language/module.js';
import { MasterplanReferenceDescriptionProvider } from '../../src/language/node-descriptions.js';
import { projectPath, validateFiles } from '../helpers.js';

function tabalong(): Record<string, string> {
    const dir = projectPath('examples', 'tabalong');
    const files: Record<string, string> = {};
    const walk = (d: string) => {
        for (const entry of readdirSync(d, { withFileTypes: true })) {
            const full = join(d, entry.name);
            if (entry.isDirectory()) walk(full);
            else if (entry.name.endsWith('.mplan')) files[`/tabalong${full.slice(dir.length)}`] = readFileSync(full, 'utf8');
        }
    };
    walk(dir);
    return files;
}

const plain = (d: AstNodeDescription) => ({
    name: d.name,
    type: d.type,
    path: d.path,
    documentUri: d.documentUri.toString(),
    nameSegment: d.nameSegment,
    selectionSegment: d.selectionSegment,
});

describe('descriptions of declarations', () => {
    test('give the path, segments and type that Langium computes, for every exported name', async () => {
        const result = await validateFiles(tabalong());
        const shared = result.services.shared;
        const langium = new DefaultAstNodeDescriptionProvider(result.services);
        const exported = shared.workspace.IndexManager.allElements().filter(d => d.documentUri.path.startsWith('/tabalong')).toArray();
        expect(exported.length).toBeGreaterThan(100);
        for (const d of exported) {
            expect(plain(d)).toEqual(plain(langium.createDescription(d.node!, d.name)));
        }
    });
});

describe('the index of references', () => {
    test('records what Langium records for every document, in the same order', async () => {
        // Unresolved references are left out by both; a broken one is here on purpose.
        const files = { ...tabalong(), '/tabalong/extra.mplan': 'owner Nobody "Tidak ada" kind agency\npillar Extra "Extra" { programme P "P" { owner Missing partners Nobody } }\n' };
        const result = await validateFiles(files);
        const ours = result.services.workspace.ReferenceDescriptionProvider;
        expect(ours).toBeInstanceOf(MasterplanReferenceDescriptionProvider);
        const langium = new DefaultReferenceDescriptionProvider(result.services);
        const plainRef = (d: ReferenceDescription) => ({ ...d, sourceUri: d.sourceUri.toString(), targetUri: d.targetUri.toString() });
        let total = 0;
        for (const document of result.documents.values()) {
            const expected = (await langium.createDescriptions(document)).map(plainRef);
            expect((await ours.createDescriptions(document)).map(plainRef)).toEqual(expected);
            total += expected.length;
        }
        expect(total).toBeGreaterThan(100);
    });
});

describe('batch services', () => {
    test('keep no index of references, and report the same diagnostics as the editor services', async () => {
        // An owner nobody names (a plan check) and one that is named twice (a check of one file).
        const files = { ...tabalong(), '/tabalong/extra.mplan': 'owner Nobody "Tidak ada" kind agency\nowner Twice "A" kind agency\nowner Twice "B" kind agency\n' };
        const editor = await validateFiles(files);
        const batch = await validateFiles(files, createMasterplanServices(EmptyFileSystem, { batch: true }));
        const owner = editor.services.shared.workspace.IndexManager.allElements('Owner').head()!;
        const referencesIn = (r: typeof editor) => r.services.shared.workspace.IndexManager.findAllReferences(
            r.services.shared.workspace.IndexManager.allElements('Owner').find(d => d.name === owner.name)!.node!, owner.path).count();
        expect(referencesIn(editor)).toBeGreaterThan(0);
        expect(referencesIn(batch)).toBe(0);
        const all = (r: typeof editor) => [...r.diagnostics].map(([file, list]) => list.map(d => `${file}:${d.range.start.line}:${d.range.start.character} ${d.code} ${d.message}`)).flat().sort();
        expect(all(batch)).toEqual(all(editor));
        expect(all(editor).length).toBeGreaterThan(0);
    });
});
