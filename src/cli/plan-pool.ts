import { availableParallelism } from 'node:os';
import { Worker, parentPort } from 'node:worker_threads';
import { createCliServices } from './services.js';
import { loadAndValidate, plansOf } from '../language/workspace-loader.js';
import { PlanFileReader } from '../language/plan-files.js';
import { buildReport, type ValidationReport } from '../validation/report.js';
import { cachedParts, type CachedPlan } from '../validation/cache.js';

/** One plan's files to check, and what came of it. */
interface Job {
    id: number;
    root: string;
    files: string[];
    baseDir: string;
}

interface JobResult {
    id: number;
    report: ValidationReport;
    ioErrors: Array<{ file: string; message: string }>;
}

export interface PlanResults {
    /** Each plan's part of the report, by root folder. */
    parts: Record<string, CachedPlan>;
    ioErrors: Array<{ file: string; message: string }>;
}

/**
 * Checks plans one at a time each, in a pool of worker threads. Plans never see each other, so each
 * is loaded, checked, reported and then dropped from its worker's workspace: memory follows the
 * largest plan, not the whole corpus, and every core works. With one worker (or one plan) the same
 * happens in this thread.
 */
export async function validatePlans(groups: ReadonlyMap<string, string[]>, baseDir: string, workers?: number, texts?: () => ReadonlyMap<string, string>): Promise<PlanResults> {
    const jobs: Job[] = [...groups].map(([root, files], id) => ({ id, root, files, baseDir }));
    const size = poolSize(workers, jobs.length);
    // The texts already read are used in this thread only: workers read their plans' files themselves.
    const results: JobResult[] = size <= 1 ? await runHere(jobs, texts?.()) : await runInPool(jobs, size);
    const parts: Record<string, CachedPlan> = {};
    const ioErrors: PlanResults['ioErrors'] = [];
    for (const result of results) {
        const job = jobs[result.id];
        Object.assign(parts, cachedParts(result.report, new Map([[job.root, { key: '', files: job.files }]]), baseDir));
        ioErrors.push(...result.ioErrors);
    }
    return { parts, ioErrors };
}

/**
 * How many threads check `plans` plans: as many as asked (`--workers`), by default one per core, but
 * never more than cores (more threads only cost memory: each holds a plan) nor than plans.
 */
function poolSize(requested: number | undefined, plans: number): number {
    const cores = availableParallelism();
    return Math.max(1, Math.min(requested ?? cores, cores, plans));
}

/** In this thread, with the texts already read (workers read their files themselves). */
async function runHere(jobs: Job[], texts?: ReadonlyMap<string, string>): Promise<JobResult[]> {
    const checker = new PlanChecker();
    const results: JobResult[] = [];
    for (const job of jobs) results.push(await checker.check(job, texts));
    return results;
}

function runInPool(jobs: Job[], size: number): Promise<JobResult[]> {
    return new Promise((resolve, reject) => {
        const results: JobResult[] = [];
        const queue = [...jobs].sort((a, b) => b.files.length - a.files.length);
        const pool: Worker[] = [];
        let failed = false;
        const finish = (error?: Error) => {
            for (const worker of pool) void worker.terminate();
            if (error) reject(error); else resolve(results);
        };
        const feed = (worker: Worker) => {
            const job = queue.shift();
            if (job) worker.postMessage(job);
            else void worker.terminate();
        };
        for (let i = 0; i < size; i++) {
            // The worker's own entry point, built beside the CLI's (scripts/build.mjs): every chunk of the
            // CLI bundle lies in the same folder, wherever this code ends up.
            const worker = new Worker(new URL('./validate-worker.js', import.meta.url));
            pool.push(worker);
            worker.on('message', (result: JobResult) => {
                results.push(result);
                if (results.length === jobs.length) finish();
                else feed(worker);
            });
            worker.on('error', error => {
                if (!failed) { failed = true; finish(error); }
            });
            feed(worker);
        }
    });
}

/** Checks plans one after another with one set of services, dropping each plan when done. */
class PlanChecker {
    private readonly services = createCliServices();

    async check(job: Job, texts?: ReadonlyMap<string, string>): Promise<JobResult> {
        const { shared, Masterplan } = this.services;
        // A worker reads its plan's files itself, at once (one awaited read after another was slower).
        const loaded = await loadAndValidate(shared, job.files, { texts: texts ?? new PlanFileReader().textsOf(job.files) });
        const report = buildReport(Masterplan, loaded.documents, plansOf(Masterplan, loaded.documents), job.baseDir);
        await shared.workspace.DocumentBuilder.update([], loaded.documents.map(d => d.uri));
        return { id: job.id, report, ioErrors: loaded.ioErrors };
    }
}

/** The body of a validation worker: checks the plans it is sent, one at a time. */
export function runValidateWorker(): void {
    const checker = new PlanChecker();
    parentPort!.on('message', (job: Job) => {
        void checker.check(job).then(result => parentPort!.postMessage(result));
    });
}

