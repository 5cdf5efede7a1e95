/**
 * The benchmark harness (`npm run bench`, `npm run bench -- --quick`, `npm run bench -- --profile`).
 * Bundled and started by `bench/bench.mjs`; see `bench/README.md`.
 *
 * For each scenario (a generated plan or corpus on disk) it measures, in one run, a few repeats of:
 * - the cold `mplan validate DIR --format json` in a child process: wall time, peak RSS, CPU time;
 * - the floor: a child process that loads the same bundle, creates the same services, reads the
 *   same files and only lexes and parses them (`parser.LangiumParser.parse`), keeping the results:
 *   wall time (measured the same way), the in-process parse time, peak RSS;
 * - warm figures in the floor process: the lexer alone (`parser.Lexer.tokenize`) and the parser,
 *   after one cold pass;
 * and reports medians, the ratio validate / floor, bytes of peak memory per source byte, and how
 * time grows with size and with the number of files.
 *
 * Measurements of their own, each with its baseline from the same run, its results file and its
 * section of docs/performance.md (selected like scenarios, with `--only`):
 * - `cache` (cache.ts): `mplan validate --cache` cold, warm and with one file changed;
 * - `generate` (books.ts): `mplan generate` of every book in every format, against `mplan validate`;
 * - `preview` (preview.ts): a keystroke to the new book HTML through the language server;
 * - `lsp` (lsp.ts): language-server latency on the extreme plan.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { DocumentState, EmptyFileSystem } from 'langium';
import { createMasterplanServices } from '../src/language/module.js';
import { createCliServices } from '../src/cli/services.js';
import { loadAndValidate, plansOf } from '../src/language/workspace-loader.js';
import { findPlanFiles, groupByPlan, PlanFileReader } from '../src/language/plan-files.js';
import { buildReport } from '../src/validation/report.js';
import { generateCorpus, generatePlan } from './generate.js';
import { analyseProfile, type ProfileSummary } from './profile.js';
import { renderLsp, runLsp } from './lsp.js';
import { renderCache, runCacheBench, type CacheResult } from './cache.js';
import { childBooks, renderGenerate, runGenerateBench } from './books.js';
import { renderPreview, runPreview } from './preview.js';
import { BUILD, CACHE, ROOT, fmtBytes, fmtMs, listFiles, log, machineInfo, median, reportToParent as report, round, runChild, runValidate, updateDocs, writeResultsFile, type Machine } from './util.js';

const PLANS = path.join(CACHE, 'plans');
const GENERATOR_VERSION = 1;

// ------------------------------------------------------------------------------------ scenarios

interface Scenario {
    id: string;
    label: string;
    /** Which comparisons it takes part in. */
    series: Array<'ordinary' | 'extreme' | 'files' | 'size' | 'corpus'>;
    plan?: { seed: number; targetBytes: number; files: number };
    corpus?: { seed: number; plans: number; minBytes: number; maxBytes: number };
}

const MB = 1_000_000;

function scenarios(quick: boolean): Scenario[] {
    const big = quick ? 1 * MB : 12 * MB;
    const perFile = 40_000;
    const list: Scenario[] = [
        { id: 'ordinary', label: 'ordinary plan', series: ['ordinary'], plan: { seed: 1, targetBytes: 250_000, files: 20 } },
        { id: 'size-quarter', label: `${fmtBytes(big / 4)} plan`, series: ['size'], plan: { seed: 7, targetBytes: big / 4, files: Math.round(big / 4 / perFile) } },
        { id: 'size-half', label: `${fmtBytes(big / 2)} plan`, series: ['size'], plan: { seed: 7, targetBytes: big / 2, files: Math.round(big / 2 / perFile) } },
        { id: 'extreme', label: 'extreme plan', series: ['extreme', 'size', 'files'], plan: { seed: 7, targetBytes: big, files: Math.round(big / perFile) } },
        { id: 'extreme-few-files', label: 'extreme plan, fewer files', series: ['files'], plan: { seed: 7, targetBytes: big, files: Math.round(big / perFile / 2) } },
        { id: 'extreme-many-files', label: 'extreme plan, many files', series: ['files'], plan: { seed: 7, targetBytes: big, files: Math.round(big / perFile * 5) } },
        quick
            ? { id: 'corpus', label: 'corpus of 60 plans (quick)', series: ['corpus'], corpus: { seed: 11, plans: 60, minBytes: 15_000, maxBytes: 60_000 } }
            : { id: 'corpus', label: 'national corpus, 514 plans', series: ['corpus'], corpus: { seed: 11, plans: 514, minBytes: 15_000, maxBytes: 80_000 } },
    ];
    return list;
}

/** The measurements that are not scenarios of the main table; `--only` selects them by these ids too. */
const MEASUREMENTS = ['workers', 'cache', 'generate', 'preview', 'lsp'];

/** Writes the scenario's files (once; reused while the generator and its options are unchanged). */
function materialise(scenario: Scenario): { dir: string; bytes: number; files: number; plans: number } {
    const key = createHash('sha1').update(JSON.stringify({ v: GENERATOR_VERSION, g: generatorHash(), p: scenario.plan, c: scenario.corpus })).digest('hex').slice(0, 10);
    const dir = path.join(PLANS, `${scenario.id}-${key}`);
    const manifest = path.join(dir, '.manifest.json');
    if (existsSync(manifest)) return JSON.parse(readFileSync(manifest, 'utf8'));
    rmSync(dir, { recursive: true, force: true });
    const started = performance.now();
    const files = scenario.plan ? generatePlan(scenario.plan) : generateCorpus(scenario.corpus!);
    let bytes = 0;
    for (const [file, text] of files) {
        const full = path.join(dir, file);
        mkdirSync(path.dirname(full), { recursive: true });
        writeFileSync(full, text);
        bytes += Buffer.byteLength(text);
    }
    const plans = [...files.keys()].filter(f => f.endsWith('masterplan.mplan')).length;
    const info = { dir, bytes, files: files.size, plans };
    writeFileSync(manifest, JSON.stringify(info));
    log(`  generated ${scenario.id}: ${fmtBytes(bytes)} in ${files.size} files, ${plans} plan(s) (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    return info;
}

let generatorHashValue: string | undefined;
function generatorHash(): string {
    generatorHashValue ??= createHash('sha1').update(readFileSync(path.join(ROOT, 'bench', 'generate.ts'))).digest('hex');
    return generatorHashValue;
}

// ------------------------------------------------------------------------------------ children

/** Child: the lex+parse floor. One cold pass that keeps its results (as validate does), then exits. */
async function childFloor(dir: string): Promise<void> {
    const { Masterplan } = createMasterplanServices(EmptyFileSystem);
    const parser = Masterplan.parser.LangiumParser;
    const files = listFiles(dir);
    const t0 = performance.now();
    const texts = files.map(f => readFileSync(f, 'utf8'));
    const t1 = performance.now();
    const results = texts.map(text => parser.parse(text));
    const t2 = performance.now();
    let errors = 0;
    for (const r of results) errors += r.lexerErrors.length + r.parserErrors.length;
    report({ readMs: t1 - t0, parseMs: t2 - t1, errors });
}

/**
 * Child: how this machine scales the parser's kind of work over threads. The same total work in
 * `threads` worker threads started together: `parse`, the lex+parse floor of the corpus with whole plans
 * shared out as the validation pool shares them (each thread parses about the same number of bytes);
 * `compute`, a loop of arithmetic that allocates nothing. Wall time from starting the threads to the
 * last one done; the parent takes the process's CPU time from the report line.
 */
async function childScaling(kind: string, dir: string, threads: number): Promise<void> {
    const shares: string[][] = Array.from({ length: threads }, () => []);
    if (kind === 'parse') {
        const found = await findPlanFiles([dir]);
        const reader = new PlanFileReader();
        const groups = [...groupByPlan(found.files, file => reader.declares(file)).values()];
        const sizes = groups.map(files => files.reduce((n, f) => n + statSync(f).size, 0));
        const load = new Array<number>(threads).fill(0);
        for (const i of groups.map((_, i) => i).sort((a, b) => sizes[b] - sizes[a])) {
            const t = load.indexOf(Math.min(...load));
            shares[t].push(...groups[i]);
            load[t] += sizes[i];
        }
    }
    const started = performance.now();
    const busy = await Promise.all(shares.map((files, index) => new Promise<number>((resolve, reject) => {
        const worker = new Worker(new URL(import.meta.url), { workerData: { scaling: kind, files, units: SCALING_COMPUTE_UNITS / threads, index } });
        worker.once('message', (ms: number) => resolve(ms));
        worker.once('error', reject);
    })));
    report({ wallMs: performance.now() - started, threadBusyMs: Math.max(...busy) });
}

const SCALING_COMPUTE_UNITS = 300;

/** In a scaling thread: its share of the work; posts how long it took. */
function scalingThread(data: { scaling: string; files: string[]; units: number }): void {
    const started = performance.now();
    if (data.scaling === 'parse') {
        const { Masterplan } = createMasterplanServices(EmptyFileSystem);
        const parser = Masterplan.parser.LangiumParser;
        const kept = data.files.map(file => parser.parse(readFileSync(file, 'utf8')));
        if (kept.length !== data.files.length) throw new Error('lost a file');
    } else {
        let x = 0;
        for (let unit = 0; unit < data.units; unit++) {
            for (let i = 0; i < 1_000_000; i++) x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
        }
        if (x < 0) throw new Error('unreachable');
    }
    parentPort!.postMessage(performance.now() - started);
}

/** Child: warm figures, after one cold pass: the lexer alone and the parser, median of 3 each. */
async function childWarm(dir: string): Promise<void> {
    const { Masterplan } = createMasterplanServices(EmptyFileSystem);
    const parser = Masterplan.parser.LangiumParser;
    const lexer = Masterplan.parser.Lexer;
    const texts = listFiles(dir).map(f => readFileSync(f, 'utf8'));
    const coldLex0 = performance.now();
    for (const text of texts) lexer.tokenize(text);
    const coldLexMs = performance.now() - coldLex0;
    for (const text of texts) parser.parse(text);
    const lex: number[] = [];
    const parse: number[] = [];
    let tokens = 0;
    const bytes = texts.reduce((sum, t) => sum + t.length, 0);
    for (let i = 0; i < (bytes > 3_000_000 ? 1 : 3); i++) {
        const a = performance.now();
        tokens = 0;
        for (const text of texts) tokens += lexer.tokenize(text).tokens.length;
        const b = performance.now();
        for (const text of texts) parser.parse(text);
        const c = performance.now();
        lex.push(b - a);
        parse.push(c - b);
    }
    report({ coldLexMs, lexMs: median(lex), parseMs: median(parse), tokens });
}

/** Child: validate in process with a timestamp at the end of each build phase. */
async function childPhases(dir: string): Promise<void> {
    const t0 = performance.now();
    const { shared, Masterplan } = createCliServices();
    const t1 = performance.now();
    const found = await findPlanFiles([dir]);
    const t2 = performance.now();
    const marks: Record<string, number> = {};
    const builder = shared.workspace.DocumentBuilder;
    for (const [state, name] of [[DocumentState.IndexedContent, 'index'], [DocumentState.ComputedScopes, 'localScopes'], [DocumentState.Linked, 'link'], [DocumentState.IndexedReferences, 'indexReferences'], [DocumentState.Validated, 'validate']] as const) {
        builder.onBuildPhase(state, () => { marks[name] = performance.now(); });
    }
    // loadAndValidate reads and parses every file (LangiumDocumentFactory.fromString), then builds.
    const factory = shared.workspace.LangiumDocumentFactory;
    const originalFromString = factory.fromString.bind(factory);
    let parseMs = 0;
    factory.fromString = ((text: string, uri: never, options?: never) => {
        const a = performance.now();
        const doc = originalFromString(text, uri, options);
        parseMs += performance.now() - a;
        return doc;
    }) as typeof factory.fromString;
    const originalBuild = builder.build.bind(builder);
    builder.build = ((documents: never, options?: never, token?: never) => {
        marks.buildStart = performance.now();
        return originalBuild(documents, options, token);
    }) as typeof builder.build;
    const loaded = await loadAndValidate(shared, found.files);
    const t3 = performance.now();
    const plans = plansOf(Masterplan, loaded.documents);
    const t4 = performance.now();
    const rep = buildReport(Masterplan, loaded.documents, plans, ROOT);
    const t5 = performance.now();
    report({
        servicesMs: t1 - t0,
        findFilesMs: t2 - t1,
        parseMs,
        readMs: marks.buildStart - t2 - parseMs,
        indexMs: marks.index - marks.buildStart,
        localScopesMs: marks.localScopes - marks.index,
        linkMs: marks.link - marks.localScopes,
        indexReferencesMs: marks.indexReferences - marks.link,
        validateMs: marks.validate - marks.indexReferences,
        afterBuildMs: t3 - marks.validate,
        planModelsMs: t4 - t3,
        reportMs: t5 - t4,
        totalMs: t5 - t0,
        diagnostics: rep.diagnostics.length,
    });
}

// ------------------------------------------------------------------------------------ main

interface ScenarioResult {
    id: string;
    label: string;
    series: Scenario['series'];
    bytes: number;
    files: number;
    plans: number;
    repeats: number;
    clean: boolean;
    summary: { errors: number; warnings: number; infos: number };
    firstDiagnostics: unknown[];
    validate: { wallMs: number; cpuMs: number; maxRss: number; wallMsAll: number[] };
    floor: { wallMs: number; cpuMs: number; parseMs: number; readMs: number; maxRss: number; wallMsAll: number[] };
    warm?: { lexMs: number; parseMs: number; coldLexMs: number; tokens: number };
    ratio: number;
    /** The same ratio on CPU time (user + system), steadier when the machine is shared. */
    cpuRatio: number;
    ratioToParse: number;
    rssPerByte: number;
    floorRssPerByte: number;
}

async function main(): Promise<void> {
    const args = process.argv.slice(2);
    const quick = args.includes('--quick');
    const profileOnly = args.includes('--profile');
    const option = (name: string) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
    const repeats = Number(option('--repeats') ?? (quick ? 1 : 3));
    const only = option('--only')?.split(',');
    const cli = path.resolve(ROOT, option('--cli') ?? path.join(BUILD, 'cli', 'main.js'));
    const writeDocs = !quick && !only && !args.includes('--no-docs');
    mkdirSync(PLANS, { recursive: true });
    const machine = machineInfo();
    const command = `npm run bench${args.length ? ` -- ${args.join(' ')}` : ''}`;

    if (args.includes('--render')) {
        // re-renders the table of a saved run (bench/results/full.json) into docs/performance.md
        const saved = JSON.parse(readFileSync(path.join(ROOT, 'bench', 'results', 'full.json'), 'utf8'));
        saved.growth = growthOf(saved.results);
        writeFileSync(path.join(ROOT, 'bench', 'results', 'full.json'), JSON.stringify(saved, null, 2) + '\n');
        const table = renderTable(saved);
        updateDocs('results', table);
        process.stdout.write(table + '\n');
        return;
    }
    if (profileOnly) {
        await runProfile(quick, cli, command, machine, args.includes('--reuse'));
        return;
    }

    const unknown = only?.filter(id => !MEASUREMENTS.includes(id) && !scenarios(quick).some(s => s.id === id));
    if (unknown?.length) throw new Error(`--only: unknown id(s) ${unknown.join(', ')}; known: ${[...scenarios(quick).map(s => s.id), ...MEASUREMENTS].join(', ')}`);
    const selected = scenarios(quick).filter(s => !only || only.includes(s.id));
    if (selected.length > 0) log(`mplan benchmark (${quick ? 'quick' : 'full'}, ${repeats} repeat${repeats === 1 ? '' : 's'}); CLI: ${path.relative(ROOT, cli)}`);
    const results: ScenarioResult[] = [];
    for (const scenario of selected) {
        const data = materialise(scenario);
        const validates = [];
        const floors = [];
        for (let r = 0; r < repeats; r++) {
            // alternate, so that both see the same machine state
            floors.push(await runChild([path.join(BUILD, 'run.mjs'), '--child', 'floor', data.dir]));
            validates.push(await runValidate(cli, data.dir));
        }
        const warm = await runChild([path.join(BUILD, 'run.mjs'), '--child', 'warm', data.dir]);
        const v = validates[0];
        const floorWall = median(floors.map(f => f.wallMs));
        const validateWall = median(validates.map(x => x.wallMs));
        const result: ScenarioResult = {
            id: scenario.id,
            label: scenario.label,
            series: scenario.series,
            bytes: data.bytes,
            files: data.files,
            plans: data.plans,
            repeats,
            clean: validates.every(x => x.summary.errors === 0 && x.summary.warnings === 0 && x.exit === 0),
            summary: { errors: v.summary.errors, warnings: v.summary.warnings, infos: v.summary.infos },
            firstDiagnostics: v.diagnostics,
            validate: { wallMs: validateWall, cpuMs: median(validates.map(x => x.cpuMs)), maxRss: median(validates.map(x => x.maxRss)), wallMsAll: validates.map(x => round(x.wallMs)) },
            floor: {
                wallMs: floorWall,
                cpuMs: median(floors.map(f => (f.report.user + f.report.system) / 1000)),
                parseMs: median(floors.map(f => f.report.parseMs)),
                readMs: median(floors.map(f => f.report.readMs)),
                maxRss: median(floors.map(f => f.report.maxRss)),
                wallMsAll: floors.map(f => round(f.wallMs)),
            },
            warm: warm.report.parseMs !== undefined ? { lexMs: warm.report.lexMs, parseMs: warm.report.parseMs, coldLexMs: warm.report.coldLexMs, tokens: warm.report.tokens } : undefined,
            ratio: validateWall / floorWall,
            cpuRatio: median(validates.map(x => x.cpuMs)) / median(floors.map(f => (f.report.user + f.report.system) / 1000)),
            ratioToParse: validateWall / median(floors.map(f => f.report.parseMs)),
            rssPerByte: median(validates.map(x => x.maxRss)) / data.bytes,
            floorRssPerByte: median(floors.map(f => f.report.maxRss)) / data.bytes,
        };
        if (floors.some(f => f.report.errors > 0)) log(`  WARNING: ${scenario.id}: the floor saw syntax errors`);
        results.push(result);
        log(`  ${scenario.id.padEnd(20)} ${fmtBytes(data.bytes).padStart(8)} ${String(data.files).padStart(5)} files  validate ${fmtMs(validateWall).padStart(8)} ${fmtBytes(result.validate.maxRss).padStart(8)}  floor ${fmtMs(floorWall).padStart(8)}  ratio ${result.ratio.toFixed(2)} (CPU ${result.cpuRatio.toFixed(2)})  ${result.rssPerByte.toFixed(1)} B/B  ${result.clean ? 'clean' : `NOT CLEAN: ${JSON.stringify(result.summary)} ${JSON.stringify(result.firstDiagnostics).slice(0, 500)}`}`);
    }
    if (results.length > 0) writeResults(results, { quick, only, repeats, machine, cli, command, writeDocs });
    const wanted = (id: string) => !only || only.includes(id);
    // The measurements write their own section of the docs on every run that is not --quick, also with --only.
    const ownDocs = !quick && !args.includes('--no-docs');
    const server = path.resolve(ROOT, option('--server') ?? path.join(BUILD, 'lsp.cjs'));
    if (wanted('workers')) await runWorkersScenario(quick, Math.max(repeats, 3), machine, command, cli, ownDocs);
    if (wanted('cache')) await runCacheScenario(quick, repeats, machine, command, cli, ownDocs);
    if (wanted('generate')) await runGenerateScenario(quick, repeats, machine, command, cli, ownDocs);
    if (wanted('preview')) await runPreviewScenario(quick, machine, command, server, ownDocs);
    if (wanted('lsp')) await runLspScenario(quick, machine, command, server, ownDocs, args.includes('--lsp-prof'));
}

function writeResults(results: ScenarioResult[], o: { quick: boolean; only?: string[]; repeats: number; machine: ReturnType<typeof machineInfo>; cli: string; command: string; writeDocs: boolean }): void {
    const { quick, only, repeats, machine, cli, command, writeDocs } = o;
    const growth = growthOf(results);
    const output = { date: new Date().toISOString(), command, quick, repeats, machine, cli: path.relative(ROOT, cli), results, growth };
    const resultsDir = path.join(ROOT, 'bench', 'results');
    mkdirSync(resultsDir, { recursive: true });
    const jsonFile = path.join(resultsDir, quick ? 'quick.json' : only ? 'partial.json' : 'full.json');
    writeFileSync(jsonFile, JSON.stringify(output, null, 2) + '\n');
    const table = renderTable(output);
    process.stdout.write('\n' + table + '\n');
    log(`results: ${path.relative(ROOT, jsonFile)}`);
    if (writeDocs) {
        updateDocs('results', table);
        log('table: docs/performance.md');
    }
    if (results.some(r => !r.clean)) process.exitCode = 1;
}

/**
 * The `workers` measurement: the corpus checked with one worker and with two (`--workers 1`, `--workers
 * 2`), alternating, each a fresh process; the target is two at least 1.3x faster than one.
 */
async function runWorkersScenario(quick: boolean, repeats: number, machine: Machine, command: string, cli: string, writeDocs: boolean): Promise<void> {
    const scenario = scenarios(quick).find(s => s.id === 'corpus')!;
    const data = materialise(scenario);
    log(`mplan validate --workers 1 and 2 on the ${scenario.label} (${fmtBytes(data.bytes)}, ${data.files} files), ${repeats} repeats`);
    const runs: Record<'1' | '2', Awaited<ReturnType<typeof runValidate>>[]> = { 1: [], 2: [] };
    for (let r = 0; r < repeats; r++) {
        for (const workers of ['1', '2'] as const) runs[workers].push(await runValidate(cli, data.dir, ['--workers', workers]));
    }
    const sameReport = JSON.stringify(runs[1][0].summary) === JSON.stringify(runs[2][0].summary);
    const row = (workers: '1' | '2') => ({
        wallMs: median(runs[workers].map(x => x.wallMs)),
        cpuMs: median(runs[workers].map(x => x.cpuMs)),
        maxRss: median(runs[workers].map(x => x.maxRss)),
        wallMsAll: runs[workers].map(x => round(x.wallMs)),
    });
    const result = { label: scenario.label, bytes: data.bytes, files: data.files, plans: data.plans, repeats, one: row('1'), two: row('2'), sameReport };
    const speedUp = result.one.wallMs / result.two.wallMs;
    log(`  workers: one ${fmtMs(result.one.wallMs)}, two ${fmtMs(result.two.wallMs)}: ${speedUp.toFixed(2)}x`);
    // What this machine gives a second thread: the parse floor alone, and arithmetic that allocates nothing.
    const scaling: Record<string, { threads: number; wallMs: number; cpuMs: number; wallMsAll: number[] }[]> = {};
    for (const kind of ['parse', 'compute']) {
        const byThreads: Record<number, Awaited<ReturnType<typeof runChild>>[]> = { 1: [], 2: [] };
        for (let r = 0; r < repeats; r++) {
            for (const threads of [1, 2]) byThreads[threads].push(await runChild([path.join(BUILD, 'run.mjs'), '--child', 'scaling', kind, data.dir, String(threads)]));
        }
        scaling[kind] = [1, 2].map(threads => ({
            threads,
            wallMs: median(byThreads[threads].map(x => x.report.wallMs)),
            cpuMs: median(byThreads[threads].map(x => (x.report.user + x.report.system) / 1000)),
            wallMsAll: byThreads[threads].map(x => round(x.report.wallMs)),
        }));
        log(`  ${kind} in 1 and 2 threads: ${fmtMs(scaling[kind][0].wallMs)}, ${fmtMs(scaling[kind][1].wallMs)}: ${(scaling[kind][0].wallMs / scaling[kind][1].wallMs).toFixed(2)}x`);
    }
    const scalingOf = (kind: string) => scaling[kind][0].wallMs / scaling[kind][1].wallMs;
    const output = { date: new Date().toISOString(), command, quick, machine, cli: path.relative(ROOT, cli), result: { ...result, speedUp, scaling, parseSpeedUp: scalingOf('parse'), computeSpeedUp: scalingOf('compute') } };
    const lines = [
        `Measured ${output.date.slice(0, 16).replace('T', ' ')} UTC on ${machine.cpu} (${machine.cores} cores), Node ${machine.node}; load average at the start: ${machine.load}.`,
        `Command: \`${command}\`. \`mplan validate DIR --format json --workers N\` on the ${scenario.label} (${fmtBytes(data.bytes)}, ${data.files} files, ${data.plans} plans), one and two workers alternating, each a fresh process; medians of ${repeats} runs. CPU is user + system time of all threads.`,
        '',
        '| workers | wall | CPU | CPU / wall (cores busy) | peak RSS | runs (wall) |',
        '|---:|---:|---:|---:|---:|---|',
        ...(['1', '2'] as const).map(w => { const x = result[w === '1' ? 'one' : 'two']; return `| ${w} | ${fmtMs(x.wallMs)} | ${fmtMs(x.cpuMs)} | ${(x.cpuMs / x.wallMs).toFixed(2)} | ${fmtBytes(x.maxRss)} | ${x.wallMsAll.map(fmtMs).join(', ')} |`; }),
        '',
        `Two workers over one: **${speedUp.toFixed(2)}x** (target ≥ 1.3x): ${speedUp >= 1.3 ? 'met' : '**not met**'}. The same report with one and two workers: ${sameReport ? 'yes' : '**no**'}.`,
        '',
        `What a second thread gives on this machine, in the same run (\`run.mjs --child scaling\`, one process each, the same total work in one thread and in two started together; wall time from starting the threads to the last one done, medians of ${repeats} runs):`,
        '',
        '| work | one thread: wall | CPU | two threads: wall | CPU | speed-up |',
        '|---|---:|---:|---:|---:|---:|',
        `| the lex+parse floor of the same corpus, whole plans shared out as the pool does | ${fmtMs(scaling.parse[0].wallMs)} | ${fmtMs(scaling.parse[0].cpuMs)} | ${fmtMs(scaling.parse[1].wallMs)} | ${fmtMs(scaling.parse[1].cpuMs)} | **${scalingOf('parse').toFixed(2)}x** |`,
        `| arithmetic that allocates nothing | ${fmtMs(scaling.compute[0].wallMs)} | ${fmtMs(scaling.compute[0].cpuMs)} | ${fmtMs(scaling.compute[1].wallMs)} | ${fmtMs(scaling.compute[1].cpuMs)} | ${scalingOf('compute').toFixed(2)}x |`,
    ];
    finish('workers', quick, output, lines.join('\n'), writeDocs, sameReport);
}

/** The `cache` measurement (bench/cache.ts): `mplan validate --cache` on the extreme plan and on the corpus. */
async function runCacheScenario(quick: boolean, repeats: number, machine: Machine, command: string, cli: string, writeDocs: boolean): Promise<void> {
    const results: CacheResult[] = [];
    for (const scenario of scenarios(quick).filter(s => s.id === 'extreme' || s.id === 'corpus')) {
        const data = materialise(scenario);
        log(`mplan validate --cache on the ${scenario.label} (${fmtBytes(data.bytes)}, ${data.files} files), ${repeats} repeat${repeats === 1 ? '' : 's'}`);
        results.push(await runCacheBench(cli, { id: scenario.id, label: scenario.label, ...data }, repeats, log));
    }
    const output = { date: new Date().toISOString(), command, quick, repeats, machine, cli: path.relative(ROOT, cli), results };
    finish('cache', quick, output, renderCache(output), writeDocs, results.every(r => r.clean));
}

/** The `generate` measurement (bench/books.ts): every book in every format of the ordinary plan. */
async function runGenerateScenario(quick: boolean, repeats: number, machine: Machine, command: string, cli: string, writeDocs: boolean): Promise<void> {
    const scenario = scenarios(quick).find(s => s.id === 'ordinary')!;
    const data = materialise(scenario);
    log(`mplan generate on the ${scenario.label} (${fmtBytes(data.bytes)}, ${data.files} files), ${repeats} repeat${repeats === 1 ? '' : 's'}`);
    const result = await runGenerateBench(cli, { label: scenario.label, ...data }, repeats, log);
    const output = { date: new Date().toISOString(), command, quick, machine, cli: path.relative(ROOT, cli), result };
    finish('generate', quick, output, renderGenerate(output), writeDocs, result.clean);
}

/** The `preview` measurement (bench/preview.ts): a keystroke to the new book HTML, through the language server, on the ordinary plan. */
async function runPreviewScenario(quick: boolean, machine: Machine, command: string, server: string, writeDocs: boolean): Promise<void> {
    if (!existsSync(server)) throw new Error(`language server bundle ${server} is missing`);
    const scenario = scenarios(quick).find(s => s.id === 'ordinary')!;
    const data = materialise(scenario);
    log(`book preview through the language server on the ${scenario.label} (${fmtBytes(data.bytes)}, ${data.files} files): ${path.relative(ROOT, server)}`);
    const result = await runPreview({ quick, planDir: data.dir, planLabel: scenario.label, bytes: data.bytes, files: data.files, server, workDir: path.join(CACHE, 'lsp', 'preview'), log });
    result.server = path.relative(ROOT, server);
    const output = { date: new Date().toISOString(), command, quick, machine, result };
    finish('preview', quick, output, renderPreview(output), writeDocs, true);
}

/** Writes a measurement's results (`bench/results/ID.json`, `ID-quick.json`), prints its table, and puts it into its docs section. */
function finish(id: string, quick: boolean, output: unknown, table: string, writeDocs: boolean, clean: boolean): void {
    const file = writeResultsFile(`${id}${quick ? '-quick' : ''}.json`, output);
    process.stdout.write('\n' + table + '\n');
    log(`results: ${path.relative(ROOT, file)}`);
    if (writeDocs) {
        updateDocs(id, table);
        log('table: docs/performance.md');
    }
    if (!clean) process.exitCode = 1;
}

/** The `lsp` scenario (bench/lsp.ts): language-server latency over stdio on the extreme plan. */
async function runLspScenario(quick: boolean, machine: ReturnType<typeof machineInfo>, command: string, server: string, writeDocs: boolean, profile: boolean): Promise<void> {
    if (!existsSync(server)) throw new Error(`language server bundle ${server} is missing`);
    const scenario = scenarios(quick).find(s => s.id === 'extreme')!;
    const data = materialise(scenario);
    log(`language server on the ${scenario.label} (${fmtBytes(data.bytes)}, ${data.files} files): ${path.relative(ROOT, server)}`);
    const profileDir = profile ? path.join(CACHE, 'profile-lsp') : undefined;
    const result = await runLsp({
        quick,
        planDir: data.dir,
        planLabel: scenario.label,
        bytes: data.bytes,
        files: data.files,
        server,
        workDir: path.join(CACHE, 'lsp', scenario.id),
        cpuProfDir: profileDir,
        log,
    });
    result.server = path.relative(ROOT, server);
    let profileSummary: ProfileSummary | undefined;
    if (profileDir) {
        const file = readdirSync(profileDir).find(f => f.endsWith('.cpuprofile'));
        if (file) profileSummary = analyseProfile(path.join(profileDir, file), server, ROOT);
    }
    const output = { date: new Date().toISOString(), command, quick, machine, result, profile: profileSummary };
    const resultsDir = path.join(ROOT, 'bench', 'results');
    mkdirSync(resultsDir, { recursive: true });
    const jsonFile = path.join(resultsDir, profile ? (quick ? 'lsp-profile-quick.json' : 'lsp-profile.json') : quick ? 'lsp-quick.json' : 'lsp.json');
    writeFileSync(jsonFile, JSON.stringify(output, null, 2) + '\n');
    const table = renderLsp(output);
    process.stdout.write('\n' + table + '\n');
    if (profileSummary) {
        process.stdout.write('\nServer CPU profile, top 20 functions by self time:\n');
        for (const f of profileSummary.functions.slice(0, 20)) process.stdout.write(`  ${fmtMs(f.ms).padStart(8)} ${f.share.toFixed(1).padStart(5)} %  ${f.name}  ${f.source}\n`);
        for (const c of profileSummary.categories) process.stdout.write(`  area ${c.name}: ${fmtMs(c.ms)} (${c.share.toFixed(1)} %)\n`);
    }
    log(`results: ${path.relative(ROOT, jsonFile)}`);
    // A profiled run's times include the profiler's overhead: it does not go into the docs.
    if (writeDocs && !profile) {
        updateDocs('lsp', table);
        log('table: docs/performance.md');
    }
}

/** How time grows: with size (log-log slope over the size series) and with files at equal size. */
function growthOf(results: ScenarioResult[]) {
    const size = results.filter(r => r.series.includes('size')).sort((a, b) => a.bytes - b.bytes);
    const files = results.filter(r => r.series.includes('files')).sort((a, b) => a.files - b.files);
    const slope = (key: (r: ScenarioResult) => number) => {
        if (size.length < 2) return undefined;
        const first = size[0];
        const last = size[size.length - 1];
        return Math.log(key(last) / key(first)) / Math.log(last.bytes / first.bytes);
    };
    const fileRatio = (key: (r: ScenarioResult) => number) => files.length < 2 ? undefined : key(files[files.length - 1]) / key(files[0]);
    return {
        sizeExponent: {
            validate: slope(r => r.validate.wallMs), floor: slope(r => r.floor.wallMs), validateRss: slope(r => r.validate.maxRss),
            validateCpu: slope(r => r.validate.cpuMs), floorCpu: slope(r => r.floor.cpuMs),
            /** CPU time validate spends beyond the floor: linking, checks, model. */
            beyondFloorCpu: slope(r => r.validate.cpuMs - r.floor.cpuMs),
        },
        filesRatio: {
            fewFiles: files[0]?.files, manyFiles: files[files.length - 1]?.files,
            validate: fileRatio(r => r.validate.wallMs), floor: fileRatio(r => r.floor.wallMs), ratio: fileRatio(r => r.ratio),
            validateCpu: fileRatio(r => r.validate.cpuMs), floorCpu: fileRatio(r => r.floor.cpuMs),
        },
    };
}

function renderTable(output: { date: string; command: string; machine: ReturnType<typeof machineInfo>; repeats: number; results: ScenarioResult[]; growth: ReturnType<typeof growthOf> }): string {
    const lines: string[] = [];
    lines.push(`Measured ${output.date.slice(0, 16).replace('T', ' ')} UTC on ${output.machine.cpu} (${output.machine.cores} cores), ${output.machine.memory}, Node ${output.machine.node}, ${output.machine.os}.`);
    lines.push(`Command: \`${output.command}\`. Medians of ${output.repeats} run${output.repeats === 1 ? '' : 's'}; every run is a fresh process. Load average at the start: ${output.machine.load}.`);
    lines.push('');
    lines.push('| scenario | size | files | plans | validate: wall | floor: wall | ratio (target ≤ 1.5) | validate: CPU | floor: CPU | CPU ratio | parse in floor process | validate peak RSS | bytes per source byte (target ≤ 40) | floor peak RSS | clean |');
    lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|');
    for (const r of output.results) {
        lines.push(`| ${r.label} | ${fmtBytes(r.bytes)} | ${r.files} | ${r.plans} | ${fmtMs(r.validate.wallMs)} | ${fmtMs(r.floor.wallMs)} | **${r.ratio.toFixed(2)}** | ${fmtMs(r.validate.cpuMs)} | ${fmtMs(r.floor.cpuMs)} | ${r.cpuRatio.toFixed(2)} | ${fmtMs(r.floor.parseMs)} | ${fmtBytes(r.validate.maxRss)} | **${r.rssPerByte.toFixed(1)}** | ${fmtBytes(r.floor.maxRss)} (${r.floorRssPerByte.toFixed(1)} B/B) | ${r.clean ? 'yes' : `**no** (${r.summary.errors} errors, ${r.summary.warnings} warnings)`} |`);
    }
    lines.push('');
    lines.push('Warm figures (same process, after one cold pass; medians of 3, one pass above 3 MB): the lexer alone and the parser (which lexes too).');
    lines.push('');
    lines.push('| scenario | tokens | lexer, cold | lexer, warm | lex+parse, warm | throughput (warm lex+parse) |');
    lines.push('|---|---:|---:|---:|---:|---:|');
    for (const r of output.results) {
        if (!r.warm) continue;
        lines.push(`| ${r.label} | ${r.warm.tokens.toLocaleString('en')} | ${fmtMs(r.warm.coldLexMs)} | ${fmtMs(r.warm.lexMs)} | ${fmtMs(r.warm.parseMs)} | ${(r.bytes / 1e6 / (r.warm.parseMs / 1000)).toFixed(1)} MB/s |`);
    }
    const g = output.growth;
    lines.push('');
    if (g.sizeExponent.validate !== undefined) {
        lines.push(`Growth with size (log-log slope over the size series; 1.00 is linear): validate wall ${g.sizeExponent.validate.toFixed(2)}, CPU **${g.sizeExponent.validateCpu!.toFixed(2)}**; floor wall ${g.sizeExponent.floor!.toFixed(2)}, CPU ${g.sizeExponent.floorCpu!.toFixed(2)}; validate CPU beyond the floor (linking, checks, model) **${g.sizeExponent.beyondFloorCpu!.toFixed(2)}**; validate peak RSS ${g.sizeExponent.validateRss!.toFixed(2)}.`);
    }
    if (g.filesRatio.validate !== undefined) {
        lines.push(`Growth with files at equal size (${g.filesRatio.fewFiles} -> ${g.filesRatio.manyFiles} files): validate wall x${g.filesRatio.validate.toFixed(2)}, CPU x${g.filesRatio.validateCpu!.toFixed(2)}; floor wall x${g.filesRatio.floor!.toFixed(2)}, CPU x${g.filesRatio.floorCpu!.toFixed(2)}.`);
    }
    return lines.join('\n');
}

// ------------------------------------------------------------------------------------ profile

async function runProfile(quick: boolean, cli: string, command: string, machine: ReturnType<typeof machineInfo>, reuse: boolean): Promise<void> {
    const scenario = scenarios(quick).find(s => s.id === 'extreme')!;
    const data = materialise(scenario);
    const dir = path.join(CACHE, 'profile');
    const previous = path.join(ROOT, 'bench', 'results', quick ? 'profile-quick.json' : 'profile.json');
    let result: { wallMs: number };
    if (reuse && existsSync(dir) && existsSync(previous)) {
        // `--reuse`: aggregate the last profile again (after a change to profile.ts)
        result = { wallMs: JSON.parse(readFileSync(previous, 'utf8')).wallMs };
    } else {
        rmSync(dir, { recursive: true, force: true });
        mkdirSync(dir, { recursive: true });
        log(`profiling mplan validate on the ${scenario.label} (${fmtBytes(data.bytes)}, ${data.files} files)`);
        const run = await runChild(['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-interval', '500', cli, 'validate', data.dir, '--format', 'json']);
        if (run.code !== 0) throw new Error(`validate failed: ${run.stderr.slice(0, 1000)}`);
        result = run;
    }
    const profileFile = readdirSync(dir).find(f => f.endsWith('.cpuprofile'))!;
    const summary: ProfileSummary = analyseProfile(path.join(dir, profileFile), cli, ROOT);
    const phases = await runChild([path.join(BUILD, 'run.mjs'), '--child', 'phases', data.dir]);
    // Paths relative to the project, so the results carry nothing of the machine they ran on.
    const output = { date: new Date().toISOString(), command, machine, scenario: { ...scenario, ...data, dir: path.relative(ROOT, data.dir) }, wallMs: result.wallMs, phases: phases.report, profile: summary };
    mkdirSync(path.join(ROOT, 'bench', 'results'), { recursive: true });
    writeFileSync(path.join(ROOT, 'bench', 'results', quick ? 'profile-quick.json' : 'profile.json'), JSON.stringify(output, null, 2) + '\n');
    const text = renderProfile(output);
    process.stdout.write('\n' + text + '\n');
    if (!quick) updateDocs('profile', text);
}

function renderProfile(output: { date: string; command: string; machine: ReturnType<typeof machineInfo>; scenario: { label: string; bytes: number; files: number }; wallMs: number; phases: Record<string, number>; profile: ProfileSummary }): string {
    const p = output.phases;
    const lines: string[] = [];
    lines.push(`Profiled ${output.date.slice(0, 16).replace('T', ' ')} UTC: \`${output.command}\`, cold \`mplan validate\` of the ${output.scenario.label} (${fmtBytes(output.scenario.bytes)}, ${output.scenario.files} files) under \`node --cpu-prof\` (${fmtMs(output.wallMs)} with the profiler).`);
    lines.push('');
    lines.push('Phases (a second, unprofiled in-process run with a timestamp at the end of each build phase):');
    lines.push('');
    lines.push('| phase | time | share |');
    lines.push('|---|---:|---:|');
    const rows: Array<[string, number]> = [
        ['create services (incl. the built-in library document)', p.servicesMs],
        ['find files', p.findFilesMs],
        ['read files', p.readMs],
        ['lex + parse (LangiumDocumentFactory.fromString)', p.parseMs],
        ['index exports (collectExportedSymbols)', p.indexMs],
        ['local symbols (collectLocalSymbols)', p.localScopesMs],
        ['link', p.linkMs],
        ['index references', p.indexReferencesMs],
        ['validate (checks; plan model built on first use)', p.validateMs],
        ['after the build, plan models, report', p.afterBuildMs + p.planModelsMs + p.reportMs],
    ];
    for (const [name, ms] of rows) lines.push(`| ${name} | ${fmtMs(ms)} | ${(100 * ms / p.totalMs).toFixed(1)} % |`);
    lines.push(`| **total in process** | **${fmtMs(p.totalMs)}** | |`);
    lines.push('');
    lines.push('Self time by area (from the CPU profile, mapped to sources through the bundle\'s source map):');
    lines.push('');
    lines.push('| area | self time | share |');
    lines.push('|---|---:|---:|');
    for (const c of output.profile.categories) lines.push(`| ${c.name} | ${fmtMs(c.ms)} | ${c.share.toFixed(1)} % |`);
    lines.push('');
    lines.push('Top 25 functions by self time:');
    lines.push('');
    lines.push('| # | function | source | self time | share |');
    lines.push('|---:|---|---|---:|---:|');
    output.profile.functions.slice(0, 25).forEach((f, i) => lines.push(`| ${i + 1} | \`${f.name}\` | ${f.source} | ${fmtMs(f.ms)} | ${f.share.toFixed(1)} % |`));
    lines.push('');
    lines.push('Inclusive time of selected functions (samples with the function anywhere on the stack; async continuations lose their callers, so these are lower bounds):');
    lines.push('');
    lines.push('| function | inclusive time | share |');
    lines.push('|---|---:|---:|');
    for (const f of output.profile.inclusive) lines.push(`| \`${f.name}\` (${f.source}) | ${fmtMs(f.ms)} | ${f.share.toFixed(1)} % |`);
    return lines.join('\n');
}

// ------------------------------------------------------------------------------------ entry

const argv = process.argv.slice(2);
if (!isMainThread && (workerData as { scaling?: string } | undefined)?.scaling) {
    scalingThread(workerData);
} else if (argv[0] === '--child') {
    const [, mode, dir] = argv;
    if (mode === 'floor') await childFloor(dir);
    else if (mode === 'warm') await childWarm(dir);
    else if (mode === 'phases') await childPhases(dir);
    else if (mode === 'books') await childBooks(dir);
    else if (mode === 'scaling') await childScaling(dir, argv[3], Number(argv[4]));
    else throw new Error(`unknown child mode ${mode}`);
} else {
    await main();
}

