/**
 * The `preview` measurement: how fast the book preview refreshes after a keystroke, through the language
 * server over stdio, on the ordinary plan. The VS Code preview (src/extension/preview.ts) asks the server
 * for the HTML of a book with the custom request `masterplan/bookHtml` (src/lsp/protocol.ts); this client
 * does the same, on a server started and built as in the `lsp` measurement (`withServer` in bench/lsp.ts),
 * for Book II (the preview's default and the largest book) in Bahasa Indonesia:
 * - baseline: the request on the idle server, N times in a row (after a first, cold one, reported apart);
 * - after a keystroke: one character typed into a programme's title in the open pillar file (`didChange`),
 *   and at once a `masterplan/bookHtml`; while the answer does not yet hold the new title (the server may
 *   answer before it has taken the change in), the request is sent again when the server reports the
 *   edited file validated (`masterplan/plansChanged`), or at once if that has come already. Timed from
 *   the `didChange` to the first answer with the new title, and to the notifications that the edited file
 *   and then the whole plan were validated again; the next keystroke waits for the whole plan, so the
 *   samples are independent.
 * The extension's own waits before it asks (25 ms after `plansChanged`, 150 ms after the last keystroke
 * while typing) and the webview's work are not included.
 */
import { performance } from 'node:perf_hooks';
import { BookHtmlRequest, type BookHtmlParams, type BookHtmlResult } from '../src/lsp/protocol.js';
import { fmtLatency, programmesOf, sleep, stats, withServer, type ServerOptions, type Stats } from './lsp.js';
import { fmtBytes, measuredOn, type Machine } from './util.js';

export interface PreviewOptions extends Omit<ServerOptions, 'name' | 'open' | 'cpuProfDir'> {
    quick: boolean;
    planLabel: string;
    bytes: number;
    files: number;
}

export interface PreviewResult {
    plan: { label: string; bytes: number; files: number };
    server: string;
    file: string;
    book: BookHtmlParams['book'];
    language: BookHtmlParams['language'];
    /** The programme whose title is typed into. */
    programme: string;
    initialBuildMs: number;
    htmlBytes: number;
    firstRequestMs: number;
    idle: Stats;
    keystroke: Stats & { requests: number; staleAnswers: number };
    /** From the keystroke to the first `masterplan/plansChanged` that covers the edited file, and to the first that covers the whole plan. */
    fileValidated: Stats;
    planValidated: Stats;
}

/**
 * What is typed, one character per keystroke, at the end of the title's first word. No spaces: a
 * doubled or trailing space might not survive into the book, and the new title would never be found.
 */
const TYPED = 'terintegrasiberkelanjutan';

export async function runPreview(options: PreviewOptions): Promise<PreviewResult> {
    const { quick, log } = options;
    const idleCount = quick ? 10 : 20;
    const editCount = quick ? 10 : 20;
    return withServer({ ...options, name: 'preview' }, async ({ client, document: doc, nextFileValidated, nextPlanValidated, initialBuildMs }) => {
        const params: BookHtmlParams = { uri: doc.uri, book: 2, language: 'id' };
        const bookHtml = () => client.request<BookHtmlResult>(BookHtmlRequest, params, 120_000);

        // the programme to type into: the first with a plain title of two words or more
        const lines = doc.text.split('\n');
        const programme = programmesOf(doc.text)
            .map(p => ({ ...p, title: lines[p.titleLine].slice(p.titleStart, p.titleStart + p.titleLength), name: /programme (\w+)/.exec(lines[p.titleLine])![1] }))
            .find(p => /^[A-Za-z0-9-]+( [A-Za-z0-9-]+)+$/.test(p.title));
        if (!programme) throw new Error(`${doc.relative}: no programme with a plain title of two words or more`);

        // ---- baseline: the request on the idle server
        let t0 = performance.now();
        const first = await bookHtml();
        const firstRequestMs = performance.now() - t0;
        if (!first.html?.includes(programme.title)) throw new Error(`Book II does not show the title "${programme.title}" of ${programme.name}`);
        const idle: number[] = [];
        for (let i = 0; i < idleCount; i++) {
            t0 = performance.now();
            await bookHtml();
            idle.push(performance.now() - t0);
        }
        log(`  preview: masterplan/bookHtml on the idle server median ${fmtLatency(stats(idle).median)}, p95 ${fmtLatency(stats(idle).p95)} (${fmtBytes(Buffer.byteLength(first.html))} of HTML; first request ${fmtLatency(firstRequestMs)})`);
        await sleep(200);

        // ---- after a keystroke: until an answer shows the new title
        let title = programme.title;
        let column = programme.titleStart + title.indexOf(' ');
        const toFresh: number[] = [];
        const toFileValidated: number[] = [];
        const toPlanValidated: number[] = [];
        let requests = 0;
        let stale = 0;
        for (let i = 0; i < editCount; i++) {
            const fileValidated = nextFileValidated(doc.uri);
            const planValidated = nextPlanValidated();
            // both are awaited below; if this keystroke fails first, their timeouts must not crash the run
            fileValidated.catch(() => undefined);
            planValidated.catch(() => undefined);
            const typed = TYPED[i % TYPED.length];
            const at = column - programme.titleStart;
            title = title.slice(0, at) + typed + title.slice(at);
            t0 = performance.now();
            doc.change([{ line: programme.titleLine, start: column, end: column, insert: typed }]);
            column++;
            for (let answers = 1; ; answers++) {
                requests++;
                const result = await bookHtml();
                if (result.html?.includes(title)) break;
                stale++;
                if (answers >= 20) throw new Error(`20 answers after keystroke ${i + 1} and none shows the title "${title}"`);
                await fileValidated;
            }
            toFresh.push(performance.now() - t0);
            toFileValidated.push((await fileValidated) - t0);
            toPlanValidated.push((await planValidated) - t0);
            await sleep(100);
        }
        log(`  preview: keystroke to the new HTML median ${fmtLatency(stats(toFresh).median)}, p95 ${fmtLatency(stats(toFresh).p95)} (${requests} requests, ${stale} answered with the old text); to the edited file validated median ${fmtLatency(stats(toFileValidated).median)}, to the plan re-validated median ${fmtLatency(stats(toPlanValidated).median)}`);

        return {
            plan: { label: options.planLabel, bytes: options.bytes, files: options.files },
            server: options.server,
            file: doc.relative,
            book: params.book,
            language: params.language,
            programme: programme.name,
            initialBuildMs,
            htmlBytes: Buffer.byteLength(first.html),
            firstRequestMs,
            idle: stats(idle),
            keystroke: { ...stats(toFresh), requests, staleAnswers: stale },
            fileValidated: stats(toFileValidated),
            planValidated: stats(toPlanValidated),
        };
    });
}

/** The table for docs/performance.md. */
export function renderPreview(output: { date: string; command: string; machine: Machine; result: PreviewResult }): string {
    const r = output.result;
    const lines: string[] = [];
    lines.push(measuredOn(output.date, output.machine));
    lines.push(`Command: \`${output.command}\`. The server bundle over stdio on a copy of the ${r.plan.label} (${fmtBytes(r.plan.bytes)}, ${r.plan.files} files), initial build ${fmtLatency(r.initialBuildMs)}; \`masterplan/bookHtml\` for Book ${r.book === 1 ? 'I' : r.book === 2 ? 'II' : 'III'} (\`${r.language}\`, ${fmtBytes(r.htmlBytes)} of HTML), keystrokes in the title of programme \`${r.programme}\` in \`${r.file}\`; times from the client's send to the answer arriving.`);
    lines.push('');
    lines.push('| measurement | n | median | p95 | max |');
    lines.push('|---|---:|---:|---:|---:|');
    const row = (name: string, s: Stats) => lines.push(`| ${name} | ${s.n} | ${fmtLatency(s.median)} | **${fmtLatency(s.p95)}** | ${fmtLatency(s.max)} |`);
    row('`masterplan/bookHtml` on the idle server (baseline)', r.idle);
    row(`keystroke (\`didChange\`) to a \`masterplan/bookHtml\` answer with the new text (${r.keystroke.requests} requests, ${r.keystroke.staleAnswers} answered with the old text and sent again)`, r.keystroke);
    row('keystroke to the edited file validated again (the first `masterplan/plansChanged` that covers it)', r.fileValidated);
    row('keystroke to the whole plan re-validated (the first `masterplan/plansChanged` that covers every file)', r.planValidated);
    lines.push('');
    lines.push(`The first \`masterplan/bookHtml\` after the initial build took ${fmtLatency(r.firstRequestMs)}. While the server renders a book it sends nothing else (one thread), so the two notifications can reach the client late by up to the time of the rendering they wait behind: read those two rows as upper bounds.`);
    return lines.join('\n');
}
