/**
 * dependency-cycle on long cycles: every member of a cycle gets one diagnostic, and each message names
 * at most MAX_CYCLE_LISTED members, so the diagnostics of a cycle grow linearly with its length (they
 * once listed the whole cycle in every message: a cycle of 2 000 quick wins made 7.7 MB of messages).
 */
import { describe, expect, test } from 'vitest';
import { MAX_CYCLE_LISTED } from '../../src/validation/dependencies.js';
import { MINIMAL_PLAN, validateFiles } from '../helpers.js';

const TAIL = 'None of these can start first; remove one of the `after` links.';

/** Quick wins Q00000 … in a ring (each comes after the next, the last after the first), `perFile` to a pillar file. */
function ring(length: number, perFile = 500): Record<string, string> {
    const name = (i: number) => `Q${String(i % length).padStart(5, '0')}`;
    const files: Record<string, string> = {};
    for (let first = 0; first < length; first += perFile) {
        const lines = [`pillar P${first} "Pilar ${first}" dimension Governance {`];
        for (let i = first; i < Math.min(first + perFile, length); i++) {
            lines.push(`    quickwin ${name(i)} "Q ${i}" { owner Diskominfo year 2021 supports RPJMD2019.P21603 after ${name(i + 1)} }`);
        }
        lines.push('}', '');
        files[`/plan/ring-${String(first).padStart(5, '0')}.mplan`] = lines.join('\n');
    }
    return files;
}

async function cycleMessages(length: number): Promise<string[]> {
    const { '/plan/pillars.mplan': _pillars, ...plan } = MINIMAL_PLAN;
    const result = await validateFiles({ ...plan, ...ring(length) });
    return [...result.diagnostics.values()].flat().filter(d => d.code === 'dependency-cycle').map(d => d.message);
}

describe('dependency-cycle', () => {
    test(`a cycle of ${MAX_CYCLE_LISTED} is listed whole in every message, as it always was`, async () => {
        const messages = await cycleMessages(MAX_CYCLE_LISTED);
        expect(messages).toHaveLength(MAX_CYCLE_LISTED);
        expect(messages[0]).toBe(`Dependency cycle: ${[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0].map(i => `Q0000${i}`).join(' → ')}. ${TAIL}`);
    });

    test('a longer cycle: the first members from each one, how many more, and back to it', async () => {
        const messages = await cycleMessages(MAX_CYCLE_LISTED + 3);
        expect(messages).toHaveLength(MAX_CYCLE_LISTED + 3);
        const listed = (from: number) => Array.from({ length: MAX_CYCLE_LISTED }, (_, i) => `Q${String((from + i) % 13).padStart(5, '0')}`);
        expect(messages[0]).toBe(`Dependency cycle: ${listed(0).join(' → ')} → … and 3 more → Q00000. ${TAIL}`);
        expect(messages).toContain(`Dependency cycle: ${listed(12).join(' → ')} → … and 3 more → Q00012. ${TAIL}`);
    });

    test('a cycle of 3 000 quick wins: one bounded message each, so the total grows linearly', async () => {
        const length = 3000;
        const messages = await cycleMessages(length);
        expect(messages).toHaveLength(length);
        const longest = Math.max(...messages.map(m => m.length));
        expect(longest).toBeLessThan(300);
        expect(messages.reduce((sum, m) => sum + m.length, 0)).toBeLessThan(300 * length);
        for (const message of messages.slice(0, 20)) expect(message).toMatch(/^Dependency cycle: (Q\d{5}) → .* → … and 2990 more → \1\. /);
    });
});
