/**
 * The `lsp` measurement of the harness: the language server over stdio on the extreme plan, driven by
 * the protocol tests' client (test/lsp/client.ts) as an editor would drive it.
 *
 * The server is the bundle of src/lsp/main.ts in bench/.cache/build/lsp.cjs (or `--server PATH`),
 * started as `node lsp.cjs --stdio` on a fresh copy of the generated plan (the generated plan itself is
 * never edited). After the initial build (diagnostics published for every file), in one process:
 * - keystroke to diagnostics: N edits of one pillar file, each inserting or removing a character in a
 *   programme title and, alternately, breaking the programme's owner name (a unique unresolved name
 *   each time) or fixing it; from `didChange` to the `publishDiagnostics` of that file in the new state,
 *   and to the end of the plan's re-validation (the server's first `masterplan/plansChanged` notification
 *   after the edit that covers every file of the plan); the next edit waits for that end, so the samples
 *   are independent;
 * - completion after `owner `, hover, definition and references of an owner reference: each R times,
 *   sequentially, on the idle server;
 * - under edits: a `didChange`, then at once a hover (or a completion) in the same file: is the request
 *   answered before the rebuild the edit started has ended?
 * - typing bursts: 5 keystrokes 40 ms apart; from the last keystroke to its diagnostics, and how many of
 *   the earlier keystrokes still had their diagnostics published (stale work that was not cancelled).
 *
 * Starting the server on a copy of a plan and editing one file (`withServer`, `OpenDocument`) are shared
 * with the preview measurement (bench/preview.ts).
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { CompletionItem, CompletionList, Diagnostic, Hover, InitializeResult, Location, LocationLink, Position, TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { LspClient } from '../test/lsp/client.js';

export interface LspOptions extends Omit<ServerOptions, 'name' | 'open'> {
    quick: boolean;
    planLabel: string;
    bytes: number;
    files: number;
}

export interface Stats {
    n: number;
    median: number;
    p95: number;
    min: number;
    max: number;
    mean: number;
}

export interface LspResult {
    plan: { label: string; bytes: number; files: number };
    server: string;
    file: string;
    initialBuildMs: number;
    serverRssAfterStart?: number;
    edits: { n: number; toDiagnostics: Stats; toRebuilt: Stats };
    requests: Record<'completion' | 'hover' | 'definition' | 'references', Stats & { sample: string }>;
    underEdits: Record<'hover' | 'completion', Stats & { answeredBeforeDiagnostics: number; answeredBeforeRebuilt: number; rebuilt: Stats }>;
    bursts: { n: number; keystrokes: number; intervalMs: number; lastToDiagnostics: Stats; stalePublished: number; staleTotal: number };
}

export function stats(values: number[]): Stats {
    const sorted = [...values].sort((a, b) => a - b);
    const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
    const mid = Math.floor(sorted.length / 2);
    return {
        n: sorted.length,
        median: sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2,
        p95: q(0.95),
        min: sorted[0],
        max: sorted[sorted.length - 1],
        mean: sorted.reduce((s, v) => s + v, 0) / sorted.length,
    };
}

function mplanFiles(dir: string, prefix = ''): string[] {
    return readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap(entry => {
        if (entry.name.startsWith('.')) return [];
        const relative = path.join(prefix, entry.name);
        if (entry.isDirectory()) return mplanFiles(dir, relative);
        return entry.name.endsWith('.mplan') ? [relative] : [];
    }).sort();
}

export interface Programme {
    titleLine: number;
    /** Column of the first character inside the title's quotes, and the title's length. */
    titleStart: number;
    titleLength: number;
    ownerLine: number;
    ownerStart: number;
    owner: string;
}

/** The programmes of a pillar file with their title and owner positions. */
export function programmesOf(text: string): Programme[] {
    const lines = text.split('\n');
    const result: Programme[] = [];
    let current: Partial<Programme> | undefined;
    lines.forEach((line, number) => {
        const p = /^(\s*programme \w+ ")([^"]*)"/.exec(line);
        if (p) {
            current = { titleLine: number, titleStart: p[1].length, titleLength: p[2].length };
            return;
        }
        const o = /^(\s*owner )(\w+)\s*$/.exec(line);
        if (o && current) {
            result.push({ ...current, ownerLine: number, ownerStart: o[1].length, owner: o[2] } as Programme);
            current = undefined;
        }
    });
    return result;
}

export const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

export interface ServerOptions {
    /** The generated plan to copy. */
    planDir: string;
    /** The server bundle (CommonJS). */
    server: string;
    /** Where the copy goes (emptied first). */
    workDir: string;
    /** Write a CPU profile of the server to this folder. */
    cpuProfDir?: string;
    /** Which file of the copy the editor opens (relative to it); by default the middle pillar file. */
    open?: (files: string[]) => string;
    /** Prefix of the progress lines. */
    name: string;
    log: (message: string) => void;
}

/** A language server started on a copy of a plan, built, with one file open in the "editor". */
export interface ServerSession {
    client: LspClient;
    workDir: string;
    /** The plan's files, relative to the copy. */
    files: string[];
    uriOf: (relative: string) => string;
    /** The open file: relative path, URI, and its text as this client last sent it. */
    document: OpenDocument;
    /** From `initialize` until every file had its diagnostics. */
    initialBuildMs: number;
    /**
     * Resolve (with the time) at the next `masterplan/plansChanged`, which the server sends at the end of
     * each build's validation phase with the documents it validated: the next that covers this URI (the
     * file validated again), or the next that covers every file of the plan (the plan re-validated). They
     * are the same notification when a build re-validates the whole plan at once; the server's two-pass
     * build of an edit (src/language/document-builder.ts) sends one for the edited file first.
     */
    nextFileValidated: (uri: string, timeout?: number) => Promise<number>;
    nextPlanValidated: (timeout?: number) => Promise<number>;
}

/** The open document as the editor holds it: its text, its version, and how changes are sent. */
export class OpenDocument {
    version = 1;

    constructor(private readonly client: LspClient, readonly relative: string, readonly uri: string, public text: string, private readonly incremental: boolean) {}

    /** Applies range changes (each on a single line) to the local text and sends them as one `didChange`. */
    change(changes: Array<{ line: number; start: number; end: number; insert: string }>): void {
        const events: TextDocumentContentChangeEvent[] = [];
        for (const c of changes) {
            const at = lineStart(this.text, c.line);
            this.text = this.text.slice(0, at + c.start) + c.insert + this.text.slice(at + c.end);
            events.push({ range: { start: { line: c.line, character: c.start }, end: { line: c.line, character: c.end } }, text: c.insert });
        }
        this.version++;
        this.client.notify('textDocument/didChange', { textDocument: { uri: this.uri, version: this.version }, contentChanges: this.incremental ? events : [{ text: this.text }] });
    }
}

function lineStart(text: string, line: number): number {
    let offset = 0;
    for (let i = 0; i < line; i++) offset = text.indexOf('\n', offset) + 1;
    return offset;
}

/**
 * Copies the plan, starts the server on the copy (`initialize` with the workspace folder, as VS Code
 * does), opens one file, waits until every file of the plan has its diagnostics and checks that the
 * plan is clean, then runs `body`. The server is shut down afterwards, whatever happens; a failure
 * carries the end of the server's stderr.
 */
export async function withServer<T>(options: ServerOptions, body: (session: ServerSession) => Promise<T>): Promise<T> {
    const { log } = options;
    // A fresh copy of the plan: the edits stay in the server's memory, but the copy keeps them away from the cache anyway.
    rmSync(options.workDir, { recursive: true, force: true });
    mkdirSync(path.dirname(options.workDir), { recursive: true });
    cpSync(options.planDir, options.workDir, { recursive: true, filter: source => !path.basename(source).startsWith('.manifest') });
    const files = mplanFiles(options.workDir);
    const uriOf = (relative: string) => pathToFileURL(path.join(options.workDir, relative)).toString();
    const pillars = files.filter(f => f.startsWith('pillars'));
    const relative = options.open?.(files) ?? pillars[Math.floor(pillars.length / 2)];
    const uri = uriOf(relative);

    const serverArgs = [...(options.cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', options.cpuProfDir, '--cpu-prof-interval', '500'] : []), options.server, '--stdio'];
    if (options.cpuProfDir) {
        rmSync(options.cpuProfDir, { recursive: true, force: true });
        mkdirSync(options.cpuProfDir, { recursive: true });
    }
    const client = LspClient.start(process.execPath, serverArgs, {
        timeout: 120_000,
        configuration: section => (section === 'masterplan' ? { books: { language: 'id' } } : null),
    });
    // The end of a build's validation phase: the server's `masterplan/plansChanged` notification.
    const validatedWaiters: Array<{ covers: (uris: Set<string>) => boolean; resolve: () => void }> = [];
    client.onNotification('masterplan/plansChanged', params => {
        const uris = new Set((params as { uris: string[] }).uris);
        for (const waiter of [...validatedWaiters]) {
            if (waiter.covers(uris)) {
                validatedWaiters.splice(validatedWaiters.indexOf(waiter), 1);
                waiter.resolve();
            }
        }
    });
    const nextValidated = (what: string, covers: (uris: Set<string>) => boolean, timeout: number) => new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no masterplan/plansChanged for ${what} within ${timeout} ms`)), timeout);
        validatedWaiters.push({ covers, resolve: () => { clearTimeout(timer); resolve(performance.now()); } });
    });
    const planUris = files.map(uriOf);
    const nextFileValidated = (target: string, timeout = 300_000) => nextValidated(target, uris => uris.has(target), timeout);
    const nextPlanValidated = (timeout = 300_000) => nextValidated(`all ${planUris.length} files`, uris => planUris.every(u => uris.has(u)), timeout);

    try {
        const started = performance.now();
        const init = await client.request<InitializeResult>('initialize', {
            processId: process.pid,
            clientInfo: { name: 'mplan-bench' },
            rootUri: pathToFileURL(options.workDir).toString(),
            workspaceFolders: [{ uri: pathToFileURL(options.workDir).toString(), name: 'plan' }],
            capabilities: {
                workspace: { workspaceFolders: true, configuration: true },
                textDocument: {
                    synchronization: { didSave: false },
                    publishDiagnostics: { relatedInformation: true },
                    hover: { contentFormat: ['markdown', 'plaintext'] },
                    completion: { completionItem: { snippetSupport: false, labelDetailsSupport: true } },
                    definition: { linkSupport: true },
                },
            },
        }, 120_000);
        const sync = init.capabilities.textDocumentSync;
        const incremental = (typeof sync === 'number' ? sync : sync?.change) === 2;
        client.notify('initialized', {});
        const document = new OpenDocument(client, relative, uri, readFileSync(path.join(options.workDir, relative), 'utf8'), incremental);
        client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'masterplan', version: document.version, text: document.text } });
        await client.waitForDiagnostics(uri, () => true, 600_000);
        await Promise.all(files.map(f => client.waitForDiagnostics(uriOf(f), () => true, 600_000)));
        const initialBuildMs = performance.now() - started;
        const initialErrors = [...client.diagnostics.values()].reduce((n, d) => n + d.filter(x => x.severity === 1).length, 0);
        if (initialErrors > 0) {
            const first = [...client.diagnostics].flatMap(([u, list]) => list.filter(x => x.severity === 1).map(x => `${path.relative(options.workDir, new URL(u).pathname)}:${x.range.start.line + 1}: ${x.message}`)).slice(0, 3);
            throw new Error(`the plan is not clean in the server: ${initialErrors} errors, e.g.\n  ${first.join('\n  ')}`);
        }
        if ((client.diagnostics.get(uri) ?? []).length > 0) throw new Error(`${relative} has diagnostics before the edits`);
        log(`  ${options.name}: initial build of ${files.length} files ${Math.round(initialBuildMs)} ms; editing ${relative} (${incremental ? 'incremental' : 'full'} sync)`);
        await sleep(1000);
        return await body({ client, workDir: options.workDir, files, uriOf, document, initialBuildMs, nextFileValidated, nextPlanValidated });
    } catch (error) {
        throw new Error(`${(error as Error).message}\nserver stderr: ${client.stderr.slice(-3000)}`);
    } finally {
        await client.shutdown(30_000);
        if (options.cpuProfDir && !readdirSync(options.cpuProfDir).some(f => f.endsWith('.cpuprofile'))) log(`  ${options.name}: no CPU profile was written`);
    }
}

/** A number in capital letters (A, B, …, Z, BA, …): a name part that is new for every keystroke. */
function letters(n: number): string {
    let s = '';
    do { s = String.fromCharCode(65 + (n % 26)) + s; n = Math.floor(n / 26); } while (n > 0);
    return s;
}

export async function runLsp(options: LspOptions): Promise<LspResult> {
    const { quick, log } = options;
    const editCount = quick ? 20 : 60;
    const requestCount = quick ? 30 : 100;
    const underEditCount = quick ? 10 : 20;
    const burstCount = quick ? 4 : 10;
    const burstKeys = 5;
    const burstInterval = 40;

    return withServer({ ...options, name: 'lsp' }, async session => {
        const { client, document: doc, nextPlanValidated, initialBuildMs } = session;
        const { uri, relative } = doc;
        const baseText = doc.text;
        const programmes = programmesOf(baseText);
        if (programmes.length < 2) throw new Error(`${relative}: fewer than two programmes with an owner`);
        const [edited, probe] = programmes;

        // ---- the text changes
        let ownerNow = edited.owner;
        let titleInserted: number | undefined;
        let counter = 0;
        /** One keystroke: toggles a character in the edited programme's title, and sets its owner name. */
        const keystroke = (owner: string) => {
            const changes = [{ line: edited.ownerLine, start: edited.ownerStart, end: edited.ownerStart + ownerNow.length, insert: owner }];
            const column = edited.titleStart + 1 + (counter % Math.max(1, edited.titleLength - 1));
            if (titleInserted === undefined) {
                changes.push({ line: edited.titleLine, start: column, end: column, insert: 'x' });
                titleInserted = column;
            } else {
                changes.push({ line: edited.titleLine, start: titleInserted, end: titleInserted + 1, insert: '' });
                titleInserted = undefined;
            }
            ownerNow = owner;
            counter++;
            doc.change(changes);
        };
        const isBroken = (name: string) => (d: Diagnostic[]) => d.some(x => x.range.start.line === edited.ownerLine && x.severity === 1 && (x.message.includes(name) || JSON.stringify(x.data ?? '').includes(name)));
        const isClean = (d: Diagnostic[]) => !d.some(x => x.range.start.line === edited.ownerLine);
        /** The next keystroke: broken with a unique name, or fixed; resolves with the times to diagnostics and to the rebuilt plan. */
        const measuredKeystroke = async (after?: () => Promise<unknown>) => {
            const broken = ownerNow === edited.owner ? `${edited.owner}Q${letters(counter)}` : undefined;
            const diagnostics = client.waitForDiagnostics(uri, broken ? isBroken(broken) : isClean, 120_000, true);
            const rebuilt = nextPlanValidated();
            const t0 = performance.now();
            keystroke(broken ?? edited.owner);
            const extra = after?.().then(() => performance.now());
            const tDiag = await diagnostics.then(() => performance.now());
            const tRebuilt = await rebuilt;
            const tExtra = extra ? await extra : undefined;
            return { toDiagnostics: tDiag - t0, toRebuilt: tRebuilt - t0, extra: tExtra === undefined ? undefined : tExtra - t0, extraBeforeDiagnostics: tExtra !== undefined && tExtra < tDiag, extraBeforeRebuilt: tExtra !== undefined && tExtra < tRebuilt };
        };

        // ---- (1) keystroke to diagnostics
        const toDiagnostics: number[] = [];
        const toRebuilt: number[] = [];
        for (let i = 0; i < editCount; i++) {
            const r = await measuredKeystroke();
            toDiagnostics.push(r.toDiagnostics);
            toRebuilt.push(r.toRebuilt);
        }
        log(`  lsp: keystroke to diagnostics median ${Math.round(stats(toDiagnostics).median)} ms, p95 ${Math.round(stats(toDiagnostics).p95)} ms; to the plan re-validated median ${Math.round(stats(toRebuilt).median)} ms`);
        if (doc.text !== baseText) throw new Error('the edits did not return to the original text');
        await sleep(500);

        // ---- (2)-(5) requests on the idle server
        const ownerRef: Position = { line: probe.ownerLine, character: probe.ownerStart + Math.floor(probe.owner.length / 2) };
        const afterOwner: Position = { line: probe.ownerLine, character: probe.ownerStart };
        const requests = {
            completion: () => client.request<CompletionList | CompletionItem[] | null>('textDocument/completion', { textDocument: { uri }, position: afterOwner, context: { triggerKind: 1 } })
                .then(r => { const items = Array.isArray(r) ? r : r?.items ?? []; return `${items.length} items${items.some(i => i.label === probe.owner) ? `, incl. ${probe.owner}` : `, WITHOUT ${probe.owner}`}`; }),
            hover: () => client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: ownerRef })
                .then(h => { const c = h?.contents; const s = !c ? '' : typeof c === 'string' ? c : Array.isArray(c) ? c.map(x => (typeof x === 'string' ? x : x.value)).join('\n') : c.value; return `${s.length} characters`; }),
            definition: () => client.request<Location | Location[] | LocationLink[] | null>('textDocument/definition', { textDocument: { uri }, position: ownerRef })
                .then(d => { const list = !d ? [] : Array.isArray(d) ? d : [d]; const target = list[0] ? ('targetUri' in list[0] ? list[0].targetUri : list[0].uri) : undefined; return target ? `${list.length} location(s), ${path.relative(options.workDir, new URL(target).pathname)}` : 'none'; }),
            references: () => client.request<Location[] | null>('textDocument/references', { textDocument: { uri }, position: ownerRef, context: { includeDeclaration: true } })
                .then(r => `${r?.length ?? 0} locations`),
        };
        const requestStats = {} as LspResult['requests'];
        for (const [kind, call] of Object.entries(requests) as Array<[keyof typeof requests, () => Promise<string>]>) {
            const times: number[] = [];
            let sample = '';
            for (let i = 0; i < requestCount; i++) {
                const t0 = performance.now();
                sample = await call();
                times.push(performance.now() - t0);
            }
            requestStats[kind] = { ...stats(times), sample };
            log(`  lsp: ${kind.padEnd(10)} median ${stats(times).median.toFixed(1)} ms, p95 ${stats(times).p95.toFixed(1)} ms (${sample})`);
        }

        // ---- (6) requests right after a keystroke
        const underEdits = {} as LspResult['underEdits'];
        for (const kind of ['hover', 'completion'] as const) {
            const times: number[] = [];
            const rebuilt: number[] = [];
            let beforeDiagnostics = 0;
            let beforeRebuilt = 0;
            for (let i = 0; i < underEditCount; i++) {
                const r = await measuredKeystroke(requests[kind]);
                times.push(r.extra!);
                rebuilt.push(r.toRebuilt);
                if (r.extraBeforeDiagnostics) beforeDiagnostics++;
                if (r.extraBeforeRebuilt) beforeRebuilt++;
            }
            underEdits[kind] = { ...stats(times), answeredBeforeDiagnostics: beforeDiagnostics, answeredBeforeRebuilt: beforeRebuilt, rebuilt: stats(rebuilt) };
            log(`  lsp: ${kind} right after a keystroke: median ${Math.round(stats(times).median)} ms, p95 ${Math.round(stats(times).p95)} ms; answered before the file's diagnostics ${beforeDiagnostics}/${underEditCount}, before the rebuild ended ${beforeRebuilt}/${underEditCount}`);
        }

        // ---- (7) typing bursts: is stale work cancelled?
        const lastToDiagnostics: number[] = [];
        let stalePublished = 0;
        for (let b = 0; b < burstCount; b++) {
            const names: string[] = [];
            const published = new Set<string>();
            const seen = (params: unknown) => {
                const p = params as { uri: string; diagnostics: Diagnostic[] };
                if (p.uri !== uri) return;
                for (const name of names) if (isBroken(name)(p.diagnostics)) published.add(name);
            };
            client.onNotification('textDocument/publishDiagnostics', seen);
            let last: Promise<Diagnostic[]> | undefined;
            let t0 = 0;
            for (let k = 0; k < burstKeys; k++) {
                const name = `${edited.owner}Z${letters(counter)}`;
                names.push(name);
                if (k === burstKeys - 1) last = client.waitForDiagnostics(uri, isBroken(name), 120_000, true);
                t0 = performance.now();
                keystroke(name);
                if (k < burstKeys - 1) await sleep(burstInterval);
            }
            await last;
            lastToDiagnostics.push(performance.now() - t0);
            // back to the clean state (this cancels what is left of the burst's build), and wait for its rebuild
            await measuredKeystroke();
            for (const name of names.slice(0, -1)) if (published.has(name)) stalePublished++;
            names.length = 0; // the handler stays registered; it has nothing left to match
            await sleep(200);
        }
        log(`  lsp: typing bursts (${burstKeys} keystrokes ${burstInterval} ms apart): last keystroke to diagnostics median ${Math.round(stats(lastToDiagnostics).median)} ms, p95 ${Math.round(stats(lastToDiagnostics).p95)} ms; stale diagnostics published ${stalePublished}/${burstCount * (burstKeys - 1)}`);

        return {
            plan: { label: options.planLabel, bytes: options.bytes, files: options.files },
            server: options.server,
            file: relative,
            initialBuildMs,
            edits: { n: editCount, toDiagnostics: stats(toDiagnostics), toRebuilt: stats(toRebuilt) },
            requests: requestStats,
            underEdits,
            bursts: { n: burstCount, keystrokes: burstKeys, intervalMs: burstInterval, lastToDiagnostics: stats(lastToDiagnostics), stalePublished, staleTotal: burstCount * (burstKeys - 1) },
        };
    });
}

export function existsServer(server: string): boolean {
    return existsSync(server);
}

/** A latency: tenths of a millisecond below 100 ms. */
export const fmtLatency = (v: number) => (v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : v >= 1000 ? `${(v / 1000).toFixed(2)} s` : v >= 100 ? `${Math.round(v)} ms` : `${v.toFixed(1)} ms`);

/** The table for docs/performance.md. */
export function renderLsp(output: { date: string; command: string; machine: { cpu: string; cores: number; memory: string; node: string; os: string; load: string }; result: LspResult }): string {
    const r = output.result;
    const m = output.machine;
    const lines: string[] = [];
    lines.push(`Measured ${output.date.slice(0, 16).replace('T', ' ')} UTC on ${m.cpu} (${m.cores} cores), ${m.memory}, Node ${m.node}, ${m.os}; load average at the start: ${m.load}.`);
    lines.push(`Command: \`${output.command}\`. The server bundle (\`src/lsp/main.ts\`, CommonJS) over stdio on a copy of the ${r.plan.label} (${(r.plan.bytes / 1e6).toFixed(1)} MB, ${r.plan.files} files); edits and requests in \`${r.file}\`; times from the client's send to the answer (or the \`publishDiagnostics\`) arriving. Initial build until every file had its diagnostics: ${fmtLatency(r.initialBuildMs)}.`);
    lines.push('');
    lines.push('| measurement | n | median | p95 | max | target | met |');
    lines.push('|---|---:|---:|---:|---:|---|---|');
    const row = (name: string, s: Stats, target?: number, note = '') =>
        lines.push(`| ${name} | ${s.n} | ${fmtLatency(s.median)} | **${fmtLatency(s.p95)}** | ${fmtLatency(s.max)} | ${target === undefined ? '—' : `p95 < ${target} ms`}${note} | ${target === undefined ? '' : s.p95 < target ? 'yes' : '**no**'} |`);
    row('keystroke to diagnostics of the edited file', r.edits.toDiagnostics, 150);
    row('keystroke to the whole plan re-validated', r.edits.toRebuilt);
    row(`completion after \`owner \` (${r.requests.completion.sample})`, r.requests.completion, 50);
    row('hover on an owner reference', r.requests.hover, 50);
    row(`definition of an owner reference (${r.requests.definition.sample})`, r.requests.definition);
    row(`references of an owner (${r.requests.references.sample})`, r.requests.references);
    const u = r.underEdits;
    row(`hover sent right after a keystroke (answered before that file's diagnostics: ${u.hover.answeredBeforeDiagnostics}/${u.hover.n}, before the re-validation ended: ${u.hover.answeredBeforeRebuilt}/${u.hover.n})`, u.hover, 50, ', not blocked behind the rebuild');
    row(`completion sent right after a keystroke (before the diagnostics: ${u.completion.answeredBeforeDiagnostics}/${u.completion.n}, before the re-validation ended: ${u.completion.answeredBeforeRebuilt}/${u.completion.n})`, u.completion, 50, ', not blocked behind the rebuild');
    row(`typing burst, ${r.bursts.keystrokes} keystrokes ${r.bursts.intervalMs} ms apart: last keystroke to its diagnostics (stale diagnostics still published: ${r.bursts.stalePublished} of ${r.bursts.staleTotal} earlier keystrokes)`, r.bursts.lastToDiagnostics, 150, ', stale work cancelled');
    return lines.join('\n');
}
