/** How files are told apart before parsing: a `masterplan` declaration at the start of a line. */
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

    test('finds a declaration however far into the file it is', () => {
        expect(declaresMasterplanText(`${'// header\n'.repeat(20_000)}masterplan Late {`)).toBe(true);
        expect(declaresMasterplanText(`${'// header\n'.repeat(20_000)}owner A "A" kind agency`)).toBe(false);
    });
});
