/** How files are told apart before parsing: a `masterplan` declaration at the start of a line, in the first 64 KB. */
import { describe, expect, test } from 'vitest';
import { declaresMasterplanText } from '../../src/language/plan-files.js';

describe('declaresMasterplanText', () => {
    test.each([
        ['masterplan Tabalong "Masterplan" {', true],
        ['\uFEFFmasterplan Tabalong {', true],
        ['owner A "A" kind agency\n    masterplan B {', true],
        ['owner A "A" kind agency\r\nmasterplan B {', true],
        ['// masterplan Tabalong', false],
        ['owner A "Masterplan Smart City" kind agency', false],
        ['masterplanTabalong {', false],
        ['vision "the masterplan of the regency"', false],
        ['', false],
    ])('%j: %s', (text, expected) => {
        expect(declaresMasterplanText(text)).toBe(expected);
    });

    test('reads only the first 64 KB', () => {
        expect(declaresMasterplanText(`${' '.repeat(65_530)}\nmasterplan Late {`)).toBe(false);
        expect(declaresMasterplanText(`${' '.repeat(65_000)}\nmasterplan Early {`)).toBe(true);
    });
});
