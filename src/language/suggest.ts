/** Rows reused across calls (grown when a longer name comes): a plan may have thousands of names to compare. */
let rows: Int32Array[] = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/**
 * Edit distance (Damerau–Levenshtein, optimal string alignment), case-insensitive. With `limit`, gives
 * up as soon as the distance must exceed it and returns `limit + 1`: a plan has thousands of names to
 * compare an unresolved one with, and most are far from it.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
    return boundedDistance(a.toLowerCase(), b.toLowerCase(), limit);
}

function boundedDistance(s: string, t: string, limit: number): number {
    if (s === t) return 0;
    if (Math.abs(s.length - t.length) > limit) return limit + 1;
    const cols = t.length + 1;
    if (rows[0].length < cols) rows = [new Int32Array(cols * 2), new Int32Array(cols * 2), new Int32Array(cols * 2)];
    // Three rows: the one before the previous (for transpositions), the previous, the current.
    let [before, previous, current] = rows;
    for (let j = 0; j < cols; j++) previous[j] = j;
    for (let i = 1; i <= s.length; i++) {
        const si = s.charCodeAt(i - 1);
        const sPrev = i > 1 ? s.charCodeAt(i - 2) : -1;
        current[0] = i;
        let rowMin = i;
        for (let j = 1; j < cols; j++) {
            const tj = t.charCodeAt(j - 1);
            let value = previous[j - 1] + (si === tj ? 0 : 1);
            if (previous[j] + 1 < value) value = previous[j] + 1;
            if (current[j - 1] + 1 < value) value = current[j - 1] + 1;
            if (j > 1 && si === t.charCodeAt(j - 2) && sPrev === tj && before[j - 2] + 1 < value) value = before[j - 2] + 1;
            current[j] = value;
            if (value < rowMin) rowMin = value;
        }
        if (rowMin > limit) return limit + 1;
        const spare = before;
        before = previous;
        previous = current;
        current = spare;
    }
    return Math.min(previous[cols - 1], limit + 1);
}

/**
 * The names closest to `target`, best first: those within a third of its length (at least two edits),
 * or that share its last path segment (`RPJMD2014.M1.G1.O1` for `RPJMD2019.M1.G1.O1`).
 */
export function closestNames(target: string, candidates: Iterable<string>, max = 3): string[] {
    const limit = Math.max(2, Math.floor(target.length / 3));
    const lowered = target.toLowerCase();
    // Letter counts of the target. An edit changes the counts by at most two, so half the difference
    // of two names' counts is a lower bound of their distance: most names are ruled out in one pass.
    const counts = new Int32Array(128);
    for (let i = 0; i < lowered.length; i++) counts[lowered.charCodeAt(i) & 127]++;
    const scored: Array<{ name: string; score: number }> = [];
    const seen = new Set<string>();
    for (const name of candidates) {
        if (seen.has(name) || name === target) continue;
        seen.add(name);
        const other = name.toLowerCase();
        let difference = lowered.length;
        for (let i = 0; i < other.length; i++) {
            const c = other.charCodeAt(i) & 127;
            difference += counts[c] > 0 ? -1 : 1;
            counts[c]--;
        }
        for (let i = 0; i < other.length; i++) counts[other.charCodeAt(i) & 127]++;
        if (Math.ceil(difference / 2) > limit) continue;
        const score = boundedDistance(lowered, other, limit);
        if (score <= limit) {
            scored.push({ name, score });
        }
    }
    scored.sort((x, y) => x.score - y.score || x.name.localeCompare(y.name));
    return scored.slice(0, max).map(entry => entry.name);
}
