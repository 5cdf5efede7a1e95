/**
 * The scope provider keeps its name maps from one build to the next and, when only a few files'
 * names changed, patches them (src/language/scope-provider.ts). Edits as the editor makes them, one
 * after another; after each, the diagnostics must be those of a fresh build of the same texts, and
 * references must lead to the nodes of the current syntax trees, never to those of an older parse.
 */
import { EmptyFileSystem, TextDocument, URI, type LangiumDocument, type Reference } from 'langium';
import { describe, expect, test } from 'vitest';
import { createMasterplanServices } from '../../src/language/module.js';
import { isProgramme, type Document, type Owner } from '../../src/language/generated/ast.js';
import { MINIMAL_PLAN, validateFiles } from '../helpers.js';

const OWNERS = '/plan/owners.mplan';
const PILLARS = '/plan/pillars.mplan';

/** A workspace whose open documents are edited in memory, as the language server's are. */
async function openWorkspace(files: Record<string, string>) {
    const services = createMasterplanServices(EmptyFileSystem);
    const { shared } = services;
    const open = new Map<string, TextDocument>();
    const textDocuments = shared.workspace.TextDocuments as unknown as { get(uri: string): TextDocument | undefined };
    textDocuments.get = (uri: string) => open.get(uri);
    const texts = new Map(Object.entries(files));
    const documents: LangiumDocument[] = [];
    for (const [file, text] of texts) {
        const uri = URI.file(file).toString();
        open.set(uri, TextDocument.create(uri, 'masterplan', 1, text));
        const document = shared.workspace.LangiumDocumentFactory.fromString(text, URI.file(file));
        shared.workspace.LangiumDocuments.addDocument(document);
        documents.push(document);
    }
    await shared.workspace.DocumentBuilder.build(documents, { validation: true });
    return {
        services,
        texts,
        async edit(file: string, change: (text: string) => string) {
            const text = change(texts.get(file)!);
            expect(text).not.toBe(texts.get(file));
            texts.set(file, text);
            const uri = URI.file(file).toString();
            open.set(uri, TextDocument.create(uri, 'masterplan', open.get(uri)!.version + 1, text));
            await shared.workspace.DocumentBuilder.update([URI.file(file)], []);
        },
        document(file: string): LangiumDocument<Document> {
            return shared.workspace.LangiumDocuments.getDocument(URI.file(file)) as LangiumDocument<Document>;
        },
    };
}

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
