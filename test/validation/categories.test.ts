/**
 * The split of the checks into `fast` (a node, its document, its references) and `plan` (the plan
 * model), which lets the editor check an edited file alone first; and the carrying of diagnostics
 * over an edit until the plan checks run again.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DocumentState, TextDocument } from 'langium';
import { EmptyFileSystem } from 'langium';
import type { Diagnostic } from 'vscode-languageserver';
import { describe, expect, test, vi } from 'vitest';
import { createMasterplanServices } from '../../src/language/module.js';
import { carryDiagnostics } from '../../src/language/carried-diagnostics.js';
import { FIRST_PASS_CATEGORIES, isPlanDiagnostic } from '../../src/validation/categories.js';
import { projectPath, validateFiles } from '../helpers.js';

/** Every file of examples/broken/<code>/, keyed by an in-memory path. */
function brokenPlan(code: string): Record<string, string> {
    const dir = projectPath('examples', 'broken', code);
    return Object.fromEntries(readdirSync(dir).filter(f => f.endsWith('.mplan')).map(f => [`/${code}/${f}`, readFileSync(path.join(dir, f), 'utf8')]));
}

const PLAN_CODES = [
    'duplicate-name', 'missing-masterplan', 'multiple-masterplans', 'duplicate-program-code', 'objective-not-served', 'unused-owner',
    'dependency-cycle', 'starts-before-dependency', 'outside-plan-period', 'alignment-period-mismatch', 'dimension-not-covered',
];

describe('check categories', () => {
    test.each(readdirSync(projectPath('examples', 'broken')).filter(c => !c.includes('.')))('%s: fast checks never read the plan model, and the categories together report what one full run does', async code => {
        const full = await validateFiles(brokenPlan(code));
        const services = createMasterplanServices(EmptyFileSystem);
        const read = vi.spyOn(services.Masterplan.model.PlanModels, 'forDocument');
        const get = vi.spyOn(services.Masterplan.model.PlanModels, 'get');
        const shared = services.shared;
        const documents = Object.entries(brokenPlan(code)).map(([file, text]) => {
            const doc = shared.workspace.LangiumDocumentFactory.fromString(text, (full.documents.get(file)!).uri);
            shared.workspace.LangiumDocuments.addDocument(doc);
            return doc;
        });
        await shared.workspace.DocumentBuilder.build(documents, { validation: { categories: FIRST_PASS_CATEGORIES } });
        expect(read).not.toHaveBeenCalled();
        expect(get).not.toHaveBeenCalled();
        const fast = documents.flatMap(d => d.diagnostics ?? []);
        expect(fast.filter(isPlanDiagnostic)).toEqual([]);
        // The plan checks, added afterwards, complete the report (Langium runs only the missing category).
        await shared.workspace.DocumentBuilder.build(documents, { validation: true });
        expect(documents.every(d => d.state === DocumentState.Validated)).toBe(true);
        const staged = documents.flatMap(d => (d.diagnostics ?? []).map(x => `${d.uri.path}:${x.code}@${x.range.start.line}:${x.range.start.character}`)).sort();
        const once = [...full.documents.values()].flatMap(d => (d.diagnostics ?? []).map(x => `${d.uri.path}:${x.code}@${x.range.start.line}:${x.range.start.character}`)).sort();
        expect(staged).toEqual(once);
        // A plan code comes from a plan check, every other from a fast one.
        for (const diagnostic of documents.flatMap(d => d.diagnostics ?? [])) {
            expect(isPlanDiagnostic(diagnostic), String(diagnostic.code)).toBe(PLAN_CODES.includes(String(diagnostic.code)));
        }
    });
});

describe('carrying diagnostics over an edit', () => {
    const text = 'owner Alpha "A"\nowner Beta "B"\nowner Gamma "C"\n';
    const at = (line: number, from: number, to: number, code: string): Diagnostic => ({ range: { start: { line, character: from }, end: { line, character: to } }, message: code, code, data: { code } });
    const diagnostics = [at(0, 6, 11, 'first'), at(1, 6, 10, 'second'), at(2, 6, 11, 'third')];
    const carry = (after: string) => carryDiagnostics(diagnostics, TextDocument.create('file:///a', 'masterplan', 1, text), TextDocument.create('file:///a', 'masterplan', 2, after));
    const lines = (list: Diagnostic[]) => list.map(d => `${d.code}@${d.range.start.line}:${d.range.start.character}-${d.range.end.character}`);

    test('before the edit: kept in place; after it: moved with the text; marked as carried', () => {
        const result = carry('owner Alpha "A"\n// baru\nowner Beta "B"\nowner Gamma "C"\n');
        expect(lines(result)).toEqual(['first@0:6-11', 'second@2:6-10', 'third@3:6-11']);
        expect(result.every(d => (d.data as { carried?: boolean }).carried)).toBe(true);
    });

    test('an edit on the same line moves what follows on that line only by columns', () => {
        expect(lines(carry('owner Alpha "Aaa"\nowner Beta "B"\nowner Gamma "C"\n'))).toEqual(['first@0:6-11', 'second@1:6-10', 'third@2:6-11']);
        expect(lines(carry('owner Alpha "A"\n  owner Beta "B"\nowner Gamma "C"\n'))).toEqual(['first@0:6-11', 'second@1:8-12', 'third@2:6-11']);
    });

    test('a diagnostic whose text is edited is dropped', () => {
        expect(lines(carry('owner Alpha "A"\nowner Betax "B"\nowner Gamma "C"\n'))).toEqual(['first@0:6-11', 'third@2:6-11']);
        expect(lines(carry('owner Alpha "A"\nowner Gamma "C"\n'))).toEqual(['first@0:6-11', 'third@1:6-11']);
    });

    test('no change carries everything as it was', () => {
        expect(lines(carry(text))).toEqual(['first@0:6-11', 'second@1:6-10', 'third@2:6-11']);
    });
});
