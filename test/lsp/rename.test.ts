/**
 * Rename on the Tabalong example, in process through the server's rename provider: a new name that is
 * a keyword, or that the plan already gives to any declaration (names share one namespace per plan,
 * as duplicate-name counts them), is refused with InvalidParams, because the edit would break the plan;
 * a name that clashes with nothing is accepted, and the renamed plan still validates clean. The
 * protocol tests (protocol.test.ts) cover the same provider over stdio.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { GrammarAST, AstUtils, TextDocument, URI, type LangiumDocument } from 'langium';
import { textDocumentPositionParams } from 'langium/test';
import { ErrorCodes, ResponseError, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import { beforeAll, describe, expect, test } from 'vitest';
import { LANGUAGE_KEYWORDS } from '../../src/language/keywords.js';
import type { MasterplanServices } from '../../src/language/module.js';
import { projectPath, validateFiles } from '../helpers.js';

const EXAMPLE = projectPath('examples', 'tabalong');

/** The example's files as `/tabalong/<relative path>` → text. */
function exampleFiles(): Record<string, string> {
    const files: Record<string, string> = {};
    const walk = (relative: string) => {
        for (const entry of readdirSync(path.join(EXAMPLE, relative), { withFileTypes: true })) {
            const child = path.posix.join(relative, entry.name);
            if (entry.isDirectory()) walk(child);
            else if (entry.name.endsWith('.mplan')) files[`/tabalong/${child}`] = readFileSync(path.join(EXAMPLE, child), 'utf8');
        }
    };
    walk('');
    return files;
}

let files: Record<string, string>;
let services: MasterplanServices;
let documents: Map<string, LangiumDocument>;

/** The position `offset` characters into the `occurrence`-th `needle` of a file. */
function at(file: string, needle: string, offset: number, occurrence = 0) {
    let index = -1;
    for (let i = 0; i <= occurrence; i++) index = files[file].indexOf(needle, index + 1);
    if (index < 0) throw new Error(`'${needle}' not in ${file}`);
    return { file, offset: index + offset };
}

/** Where the cursor is put for each declaration renamed below. */
const OWNER_DISHUB = () => at('/tabalong/pillars/living.mplan', 'owner Dishub', 'owner Di'.length);
const OBJECTIVE_M1_G1_O2 = () => at('/tabalong/rpjmd.mplan', 'objective O2', 'objective '.length);
const GOAL_M1_G1 = () => at('/tabalong/rpjmd.mplan', 'goal G1', 'goal '.length);
const GOAL_M1_G2 = () => at('/tabalong/rpjmd.mplan', 'goal G2', 'goal '.length);
const MISSION_M1 = () => at('/tabalong/rpjmd.mplan', 'mission M1', 'mission '.length);
const PROGRAM_P21602 = () => at('/tabalong/rpjmd.mplan', 'program P21602', 'program '.length);
const ASPECT_STRUCTURE = () => at('/tabalong/readiness.mplan', 'aspect structure', 'aspect '.length);

function rename(where: { file: string; offset: number }, newName: string): Promise<WorkspaceEdit | undefined> {
    const document = documents.get(where.file)!;
    return Promise.resolve(services.lsp.RenameProvider!.rename(document, { ...textDocumentPositionParams(document, where.offset), newName }));
}

/** The error a refused rename gives. */
async function refusal(where: { file: string; offset: number }, newName: string): Promise<ResponseError<unknown>> {
    const error = await rename(where, newName).then(() => undefined, (e: unknown) => e);
    if (!(error instanceof ResponseError)) throw new Error(`renaming to '${newName}' was accepted`);
    return error;
}

/** The example with a rename's edits applied, validated again: every diagnostic code. */
async function codesAfter(edit: WorkspaceEdit): Promise<string[]> {
    const edited = { ...files };
    for (const [uri, edits] of Object.entries(edit.changes ?? {})) {
        const file = URI.parse(uri).path;
        expect(edited[file], uri).toBeDefined();
        edited[file] = TextDocument.applyEdits(TextDocument.create(uri, 'masterplan', 0, edited[file]), edits as TextEdit[]);
    }
    return (await validateFiles(edited)).codes;
}

beforeAll(async () => {
    files = exampleFiles();
    const result = await validateFiles(files);
    expect(result.codes).toEqual([]);
    services = result.services;
    documents = result.documents;
});

describe('rename refuses a name that would break the plan', () => {
    test('the language\'s keywords are exactly the grammar\'s keywords that look like names', () => {
        const grammar = services.Grammar;
        const words = new Set(AstUtils.streamAllContents(grammar).filter(GrammarAST.isKeyword).map(k => k.value).filter(v => /^[_a-zA-Z]\w*$/.test(v)));
        expect([...LANGUAGE_KEYWORDS].sort()).toEqual([...words].sort());
    });

    test('a keyword: every one of them, with InvalidParams and a reason', async () => {
        for (const keyword of ['owner', 'programme', 'pillar', 'kind', 'agency', 'Rp', 'after', 'supports', 'en', ...LANGUAGE_KEYWORDS]) {
            const error = await refusal(OWNER_DISHUB(), keyword);
            expect(error.code, keyword).toBe(ErrorCodes.InvalidParams);
            expect(error.message).toBe(`'${keyword}' is a keyword of the language, so it cannot be a name.`);
        }
    });

    test('a name the plan already gives to a declaration of any kind', async () => {
        const taken: Array<[string, RegExp]> = [
            ['Diskominfo', /owner, in owners\.mplan, line 10/],
            ['Living', /pillar, in living\.mplan, line 3/],
            ['LangsatManis', /quick win, in living\.mplan, line 9/],
            ['RPJMD2019', /RPJMD, in rpjmd\.mplan, line 11/],
            ['Tabalong', /masterplan, in masterplan\.mplan, line 7/],
            ['Bimtek2', /workshop, in workshops\.mplan, line 18/],
        ];
        for (const [name, where] of taken) {
            const error = await refusal(OWNER_DISHUB(), name);
            expect(error.code, name).toBe(ErrorCodes.InvalidParams);
            expect(error.message).toMatch(new RegExp(`^'${name}' is already the name of `));
            expect(error.message).toMatch(where);
        }
    });

    test('an RPJMD item: a name its parent already has below it (the path would be declared twice)', async () => {
        const clashes: Array<[ReturnType<typeof at>, string, string]> = [
            [OBJECTIVE_M1_G1_O2(), 'O1', 'RPJMD2019.M1.G1.O1'],
            [GOAL_M1_G1(), 'G2', 'RPJMD2019.M1.G2'],
            [MISSION_M1(), 'P21602', 'RPJMD2019.P21602'],
            [PROGRAM_P21602(), 'M1', 'RPJMD2019.M1'],
        ];
        for (const [where, name, clash] of clashes) {
            const error = await refusal(where, name);
            expect(error.code, name).toBe(ErrorCodes.InvalidParams);
            expect(error.message).toContain(`'${name}' is already the name of`);
            expect(error.message).toContain(clash);
        }
    });

    test('a readiness aspect: the name of another aspect', async () => {
        const error = await refusal(ASPECT_STRUCTURE(), 'infrastructure');
        expect(error.code).toBe(ErrorCodes.InvalidParams);
        expect(error.message).toMatch(/aspect, in readiness\.mplan, line 30/);
    });
});

describe('rename accepts a name that clashes with nothing, and the plan stays clean', () => {
    test('the masterplan, and a name of the built-in library, are not renamed, also when prepareRename is skipped', async () => {
        expect(await rename(at('/tabalong/masterplan.mplan', 'masterplan Tabalong', 'masterplan Ta'.length), 'Other')).toBeUndefined();
        expect(await rename(at('/tabalong/masterplan.mplan', 'framework Kominfo', 'framework Ko'.length), 'Other')).toBeUndefined();
        expect(await rename(at('/tabalong/pillars/living.mplan', 'dimension Living', 'dimension Li'.length), 'Other')).toBeUndefined();
    });

    test('an owner, to a new name', async () => {
        const edit = await rename(OWNER_DISHUB(), 'DinasPerhubungan');
        expect(Object.keys(edit!.changes!).length).toBeGreaterThan(3);
        expect(await codesAfter(edit!)).toEqual([]);
    });

    test('an owner, to the name of an RPJMD item (RPJMD items are named by their path)', async () => {
        expect(await codesAfter((await rename(OWNER_DISHUB(), 'M1'))!)).toEqual([]);
    });

    test('an owner, to its own name', async () => {
        expect(await codesAfter((await rename(OWNER_DISHUB(), 'Dishub'))!)).toEqual([]);
    });

    test('an RPJMD objective and goal, to names used only under other parents', async () => {
        // O3 is an objective of M2.G1 and M4.G2 only; G3 a goal of M2 and M3 only.
        expect(await codesAfter((await rename(OBJECTIVE_M1_G1_O2(), 'O3'))!)).toEqual([]);
        expect(await codesAfter((await rename(GOAL_M1_G2(), 'G3'))!)).toEqual([]);
    });
});
