// Loaded with `node --import` by test/cli/cache.test.ts: writes the URL of every module the process
// loads, one per line, to the file named by MPLAN_MODULE_LOG. Registers itself as the loader hooks.
import { appendFileSync } from 'node:fs';
import { register } from 'node:module';
import { isMainThread } from 'node:worker_threads';

if (isMainThread) register(import.meta.url);

export async function load(url, context, nextLoad) {
    if (process.env.MPLAN_MODULE_LOG) appendFileSync(process.env.MPLAN_MODULE_LOG, `${url}\n`);
    return nextLoad(url, context);
}
