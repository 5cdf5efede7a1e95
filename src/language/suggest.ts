/**
 * Edit distance (Damerau–Levenshtein, optimal string alignment), case-insensitive. With `limit`, gives
 * up as soon as the distance must exceed it and returns `limit + 1`: a plan has thousands of names to
 * compare an unresolved one with, and most are far from it.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
    const s = a.toLowerCase();
    const t = b.toLowerCase();
    if (s === t) return 0;
    if (Math.abs(s.length - t.length) > limit) return limit + 1;
    const cols = t.length + 1;
    // Three rows: the one before the previous (for transpositions), the previous, the current.
    let before = new Int32Array(cols);
    let previous = new Int32Array(cols);
    let current = new Int32Array(cols);
    for (let j = 0; j < cols; j++) previous[j] = j;
    for (let i = 1; i <= s.length; i++) {
        current[0] = i;
        let rowMin = i;
        for (let j = 1; j < cols; j++) {
            const cost = s.charCodeAt(i - 1) === t.charCodeAt(j - 1) ? 0 : 1;
            let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
            if (i > 1 && j > 1 && s.charCodeAt(i - 1) === t.charCodeAt(j - 2) && s.charCodeAt(i - 2) === t.charCodeAt(j - 1)) {
                value = Math.min(value, before[j - 2] + 1);
            }
            current[j] = value;
            if (value < rowMin) rowMin = value;
        }
        if (rowMin > limit) return limit + 1;
        [before, previous, current] = [previous, current, before];
    }
    return Math.min(previous[cols - 1], limit + 1);
}

/**
 * The names closest to `target`, best first: those within a third of its length (at least two edits),
 * or that share its last path segment (`RPJMD2014.M1.G1.O1` for `RPJMD2019.M1.G1.O1`).
 */
export function closestNames(target: string, candidates: Iterable<string>, max = 3): string[] {
    const limit = Math.max(2, Math.floor(target.length / 3));
    const scored: Array<{ name: string; score: number }> = [];
    const seen = new Set<string>();
    for (const name of candidates) {
        if (seen.has(name) || name === target) continue;
        seen.add(name);
        const score = editDistance(target, name, limit);
        if (score <= limit) {
            scored.push({ name, score });
        }
    }
    scored.sort((x, y) => x.score - y.score || x.name.localeCompare(y.name));
    return scored.slice(0, max).map(entry => entry.name);
}
