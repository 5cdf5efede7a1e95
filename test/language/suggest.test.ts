import { describe, expect, test } from 'vitest';
import { closestNames, editDistance } from '../../src/language/suggest.js';

/** The textbook full-matrix optimal string alignment distance, to check the bounded one against. */
function reference(a: string, b: string): number {
    const s = a.toLowerCase(), t = b.toLowerCase();
    const d = Array.from({ length: s.length + 1 }, (_, i) => Array.from({ length: t.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
    for (let i = 1; i <= s.length; i++) {
        for (let j = 1; j <= t.length; j++) {
            d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (s[i - 1] === t[j - 1] ? 0 : 1));
            if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[s.length][t.length];
}

describe('edit distance', () => {
    test('known pairs: substitution, insertion, transposition, case', () => {
        expect(editDistance('Dishub', 'Dishubb')).toBe(1);
        expect(editDistance('Diskominfo', 'Dsikominfo')).toBe(1);
        expect(editDistance('BAPPEDA', 'bappeda')).toBe(0);
        expect(editDistance('', 'abc')).toBe(3);
        expect(editDistance('kitten', 'sitting')).toBe(3);
    });

    test('with a limit: the exact distance when within it, limit + 1 beyond it (random names)', () => {
        let seed = 7;
        const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
        const word = () => Array.from({ length: 1 + Math.floor(random() * 12) }, () => 'abcdeAB'[Math.floor(random() * 7)]).join('');
        for (let n = 0; n < 2000; n++) {
            const a = word(), b = random() < 0.5 ? word() : a.slice(0, -1) + 'x';
            const exact = reference(a, b);
            expect(editDistance(a, b), `${a} ${b}`).toBe(exact);
            for (const limit of [0, 1, 2, 4]) expect(editDistance(a, b, limit), `${a} ${b} ≤ ${limit}`).toBe(Math.min(exact, limit + 1));
        }
    });
});

describe('closest names', () => {
    test('best first, within a third of the length, at most three', () => {
        const names = ['Dishub', 'Dishut', 'Disdik', 'Diskominfo', 'Bappeda', 'DishubKab'];
        // Dishub is one edit away; DishubKab and Dishut two (equal scores: by name).
        expect(closestNames('Dishubb', names)).toEqual(['Dishub', 'DishubKab', 'Dishut']);
        expect(closestNames('Zzzzzzz', names)).toEqual([]);
    });

    test('the quick filter never drops a name within reach (random names, against the plain definition)', () => {
        let seed = 11;
        const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
        const word = () => Array.from({ length: 3 + Math.floor(random() * 10) }, () => 'abcABé'[Math.floor(random() * 6)]).join('');
        for (let n = 0; n < 300; n++) {
            const target = word();
            const names = [...new Set(Array.from({ length: 30 }, () => (random() < 0.5 ? word() : target.slice(1) + 'c')))];
            const limit = Math.max(2, Math.floor(target.length / 3));
            const expected = names.filter(name => name !== target && reference(target, name) <= limit)
                .sort((x, y) => reference(target, x) - reference(target, y) || x.localeCompare(y)).slice(0, 5);
            expect(closestNames(target, names, 5), target).toEqual(expected);
        }
    });

    test('thousands of candidates stay quick', () => {
        const names = Array.from({ length: 20_000 }, (_, i) => `UPTDinasKabupaten${i}`);
        const started = performance.now();
        expect(closestNames('UPTDinasKabupaten1234x', names)[0]).toBe('UPTDinasKabupaten1234');
        // Not a benchmark: a guard against the quadratic-per-name version coming back (it took ~0.5 s here).
        expect(performance.now() - started).toBeLessThan(2_000);
    });
});
