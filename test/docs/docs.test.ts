import { readFileSync } from 'node:fs';
import { EmptyFileSystem, URI } from 'langium';
import { describe, expect, test } from 'vitest';
import { renderDiagnosticsDoc } from '../../scripts/diagnostics-doc.js';
import { createMasterplanServices } from '../../src/language/module.js';
import { BUILTIN_FRAMEWORK_URI } from '../../src/language/builtin-library.js';
import type { Document, Framework } from '../../src/language/generated/ast.js';
import { plainSyntaxMessage } from '../../src/language/document-validator.js';
import { projectPath } from '../helpers.js';

describe('documentation that cannot drift', () => {
    test('docs/diagnostics.md is what `npm run docs` generates from the catalogue and the broken examples', async () => {
        const committed = readFileSync(projectPath('docs', 'diagnostics.md'), 'utf8');
        expect(committed).toBe(await renderDiagnosticsDoc(projectPath()));
    });

    test('the framework tables in docs/language.md match the built-in library', () => {
        const { shared } = createMasterplanServices(EmptyFileSystem);
        const library = shared.workspace.LangiumDocuments.getDocument(URI.parse(BUILTIN_FRAMEWORK_URI))!;
        const framework = (library.parseResult.value as Document).elements[0] as Framework;
        const doc = readFileSync(projectPath('docs', 'language.md'), 'utf8');
        const elementRows = [...doc.matchAll(/^\| `(\w+)` \| `(\w+)` \| ([^|]+) \| ([^|]+) \|$/gm)].map(m => [m[1], m[2], m[3].trim(), m[4].trim()]);
        const expected = framework.dimensions.flatMap(d => d.elements.map(e => [e.name, d.name, e.title, e.titleEn]));
        expect(elementRows).toEqual(expected);
        for (const dimension of framework.dimensions) {
            expect(doc).toContain(`| \`${dimension.name}\` | ${dimension.title} |`);
            for (const alias of dimension.aliases) expect(doc).toContain(`\`${alias.name}\` ("${alias.title}")`);
        }
    });
});

describe('syntax errors in plain words', () => {
    test.each([
        ["Expecting: one of these possible Token sequences:\n  1. [short]\n  2. [medium]\n  3. [long]\nbut found: 'soon'", "Expected 'short', 'medium' or 'long', but found 'soon'."],
        ["Expecting token of type '}' but found `owner`.", "Expected '}', but found 'owner'."],
        ["Expecting token of type 'STRING' but found ``.", 'Expected a text in double quotes, but found the end of the file.'],
        ['unexpected character: ->§<- at offset: 41, skipped 1 characters.', 'Unexpected character \'§\' (U+00A7); it is not part of the language. Remove it, or put it inside a "quoted text".'],
    ])('%s', (chevrotain, plain) => {
        expect(plainSyntaxMessage(chevrotain)).toBe(plain);
    });
});
