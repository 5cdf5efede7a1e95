/** Edit distance (Damerau–Levenshtein, optimal string alignment), case-insensitive. */
export function editDistance(a: string, b: string): number {
    const s = a.toLowerCase();
    const t = b.toLowerCase();
    if (s === t) return 0;
    const rows = s.length + 1;
    const cols = t.length + 1;
    const d: number[][] = Array.from({ length: rows }, (_, i) => {
        const row = new Array<number>(cols).fill(0);
        row[0] = i;
        return row;
    });
    for (let j = 0; j < cols; j++) d[0][j] = j;
    for (let i = 1; i < rows; i++) {
        for (let j = 1; j < cols; j++) {
            const cost = s[i - 1] === t[j - 1] ? 0 : 1;
            d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
            if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) {
                d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
            }
        }
    }
    return d[rows - 1][cols - 1];
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
        if (Math.abs(name.length - target.length) > limit) continue;
        const score = editDistance(target, name);
        if (score <= limit) {
            scored.push({ name, score });
        }
    }
    scored.sort((x, y) => x.score - y.score || x.name.localeCompare(y.name));
    return scored.slice(0, max).map(entry => entry.name);
}
