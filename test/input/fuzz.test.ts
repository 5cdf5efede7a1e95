/**
 * Property-based fuzzing of the validator: one file of the Tabalong example is mutated at the token
 * level (a token deleted, duplicated, two swapped, the file truncated at a token or inside one, a
 * random keyword inserted; up to three mutations), and the whole plan is validated in memory. The
 * validator must return within PER_CASE_MS, never throw, never log a swallowed exception, and give
 * only documented codes at positions inside the file. Fixed seed: a failure reproduces exactly, and
 * fast-check prints the shrunk counterexample with the mutated file and the location of each mutation.
 */
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, test, vi, type MockInstance } from 'vitest';
import { validateFiles } from '../helpers.js';
import { expectWellFormed, grammarKeywords, lineColumn, tabalongFiles, timed, tokenSpans, underFolder } from './generate.js';

// `npm run fuzz` runs the same property much longer, with a fresh seed each time (printed on failure):
// MPLAN_FUZZ_RUNS and MPLAN_FUZZ_SEED. The suite keeps 150 runs with a fixed seed.
const SEED = Number(process.env.MPLAN_FUZZ_SEED ?? 20_240_611);
const NUM_RUNS = Number(process.env.MPLAN_FUZZ_RUNS ?? 150);
/** Time bound for validating the whole Tabalong plan with one mutated file. */
const PER_CASE_MS = 2_000;

const FILES = tabalongFiles();
const FILE_NAMES = Object.keys(FILES);
const KEYWORDS = grammarKeywords();

type Mutation =
    | { kind: 'delete'; at: number }
    | { kind: 'duplicate'; at: number }
    | { kind: 'swap'; at: number; with: number }
    | { kind: 'truncate'; at: number; inside: boolean }
    | { kind: 'insert'; at: number; keyword: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), with: fc.nat() }),
    fc.record({ kind: fc.constant('truncate' as const), at: fc.nat(), inside: fc.boolean() }),
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), keyword: fc.constantFrom(...KEYWORDS) }),
);

/** Applies one mutation to the text; returns the new text and where (offset) it happened. */
function mutate(text: string, m: Mutation): { text: string; offset: number; what: string } {
    const spans = tokenSpans(text);
    if (spans.length === 0) return { text, offset: 0, what: `${m.kind}: no tokens left` };
    const a = spans[m.at % spans.length];
    const token = (s: { start: number; end: number }) => JSON.stringify(text.slice(s.start, s.end).slice(0, 40));
    switch (m.kind) {
        case 'delete':
            return { text: text.slice(0, a.start) + text.slice(a.end), offset: a.start, what: `deleted ${token(a)}` };
        case 'duplicate':
            return { text: text.slice(0, a.end) + ' ' + text.slice(a.start, a.end) + text.slice(a.end), offset: a.end, what: `duplicated ${token(a)}` };
        case 'swap': {
            const b = spans[m.with % spans.length];
            const [first, second] = a.start <= b.start ? [a, b] : [b, a];
            if (first === second) return { text, offset: first.start, what: `swapped ${token(first)} with itself` };
            return {
                text: text.slice(0, first.start) + text.slice(second.start, second.end) + text.slice(first.end, second.start) + text.slice(first.start, first.end) + text.slice(second.end),
                offset: first.start,
                what: `swapped ${token(first)} and ${token(second)}`,
            };
        }
        case 'truncate': {
            const cut = m.inside && a.end - a.start > 1 ? a.start + Math.ceil((a.end - a.start) / 2) : a.start;
            return { text: text.slice(0, cut), offset: cut, what: `truncated ${m.inside ? 'inside' : 'before'} ${token(a)}` };
        }
        case 'insert':
            return { text: `${text.slice(0, a.start)}${m.keyword} ${text.slice(a.start)}`, offset: a.start, what: `inserted '${m.keyword}' before ${token(a)}` };
    }
}

let consoleError: MockInstance<typeof console.error>;
beforeEach(() => {
    consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => {
    consoleError.mockRestore();
});

describe('fuzzing the Tabalong example', () => {
    test('the tokenizer splits every example file into many tokens', () => {
        for (const name of FILE_NAMES) expect(tokenSpans(FILES[name]).length, name).toBeGreaterThan(40);
        expect(KEYWORDS).toContain('programme');
    });

    test(`${NUM_RUNS} token-level mutations: the validator returns within ${PER_CASE_MS} ms, without throwing`, async () => {
        // Warm up (JIT, the built-in library) and check the unmutated plan is clean.
        const baseline = await validateFiles(underFolder('/tabalong', FILES));
        expect(baseline.codes).toEqual([]);
        const slowest = { ms: 0 };
        await fc.assert(
            fc.asyncProperty(fc.constantFrom(...FILE_NAMES), fc.array(mutation, { minLength: 1, maxLength: 3 }), async (file, mutations) => {
                let text = FILES[file];
                const log: string[] = [];
                for (const m of mutations) {
                    const step = mutate(text, m);
                    text = step.text;
                    log.push(`${step.what} at ${file}:${lineColumn(text, step.offset)}`);
                }
                const where = () => {
                    const first = mutate(FILES[file], mutations[0]).offset;
                    return `file ${file}, mutations:\n  ${log.join('\n  ')}\ntext around the first mutation:\n${JSON.stringify(text.slice(Math.max(0, first - 120), first + 120))}`;
                };
                consoleError.mockClear();
                let outcome;
                try {
                    outcome = await timed(() => validateFiles(underFolder('/tabalong', { ...FILES, [file]: text })));
                } catch (error) {
                    throw new Error(`the validator threw on ${where()}\n${(error as Error).stack}`);
                }
                slowest.ms = Math.max(slowest.ms, outcome.ms);
                if (outcome.ms > PER_CASE_MS) throw new Error(`validation took ${Math.round(outcome.ms)} ms (bound ${PER_CASE_MS} ms) on ${where()}`);
                if (consoleError.mock.calls.length > 0) {
                    throw new Error(`a check threw and Langium logged it on ${where()}\n${consoleError.mock.calls.map(args => args.map(a => (a instanceof Error ? a.stack : String(a))).join(' ')).join('\n')}`);
                }
                try {
                    expectWellFormed(file, text, outcome.result.diagnostics.get(`/tabalong/${file}`) ?? []);
                } catch (error) {
                    throw new Error(`malformed diagnostic on ${where()}\n${(error as Error).message}`);
                }
            }),
            { seed: SEED, numRuns: NUM_RUNS, endOnFailure: false },
        );
        expect(slowest.ms).toBeLessThan(PER_CASE_MS);
    }, Math.max(120_000, NUM_RUNS * 2_500));
});
