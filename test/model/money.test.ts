import { describe, expect, test } from 'vitest';
import { parseMoney, parseNumber } from '../../src/model/money.js';
import type { Money } from '../../src/language/generated/ast.js';

const money = (amount: string, scale?: string) => parseMoney({ amount, scale } as unknown as Money);

describe('money is unambiguous', () => {
    test.each([
        ['750000000', undefined, 750_000_000],
        ['750.000.000', undefined, 750_000_000],
        ['1.500', undefined, 1_500],
        ['800', 'juta', 800_000_000],
        ['1,2', 'miliar', 1_200_000_000],
        ['1.2', 'miliar', 1_200_000_000],
        ['1,25', 'miliar', 1_250_000_000],
        ['2', 'milyar', 2_000_000_000],
        ['3', 'triliun', 3_000_000_000_000],
        ['500', 'ribu', 500_000],
        ['2.5', 'billion', 2_500_000_000],
        ['800', 'million', 800_000_000],
        ['0,5', 'juta', 500_000],
    ])('%s %s is %d rupiah', (amount, scale, rupiah) => {
        expect(money(amount, scale)).toEqual({ ok: true, rupiah });
    });

    test.each([
        ['2', 'M', /means miliar \(billion\) to an Indonesian reader and million to an English one/],
        ['2', 'jt', /abbreviation/],
        ['2', 'T', /triliun or thousand/],
        ['2', 'lakh', /'lakh' is not a scale word/],
        ['1.500', 'miliar', /ambiguous.*1500 miliar or 1,5 miliar/],
        ['1,5', undefined, /fraction of a rupiah; a scale word is probably missing/],
        ['1.5.5', 'juta', /mixes thousands separators/],
        ['1,2345', 'juta', /too many decimals/],
        ['99999999999', 'triliun', /larger than any regional budget/],
    ])('%s %s is refused', (amount, scale, message) => {
        const result = money(amount, scale);
        expect(result.ok).toBe(false);
        expect(result.ok ? '' : result.message).toMatch(message);
    });
});

describe('numbers in indicators and scores', () => {
    test.each([
        ['85', 85], ['85,5', 85.5], ['85.5', 85.5], ['1.500.000', 1_500_000], ['1.500.000,5', 1_500_000.5], ['0', 0],
    ])('%s reads as %d', (text, value) => {
        expect(parseNumber(text)).toBe(value);
    });
    test('malformed numbers read as nothing', () => {
        expect(parseNumber('1,2,3')).toBeUndefined();
        expect(parseNumber(undefined)).toBeUndefined();
    });
});
