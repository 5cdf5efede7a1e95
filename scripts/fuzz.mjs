#!/usr/bin/env node
// A long fuzz run (`npm run fuzz`, or `npm run fuzz -- --quick`): the suite's property test of
// test/input/fuzz.test.ts, with many more runs and a new seed each time. A failure prints the seed
// and the mutated text; MPLAN_FUZZ_SEED=<seed> npm run fuzz replays it.
import { spawnSync } from 'node:child_process';

const quick = process.argv.includes('--quick');
const env = {
    ...process.env,
    MPLAN_FUZZ_SEED: process.env.MPLAN_FUZZ_SEED ?? String(Date.now() % 2_147_483_647),
    MPLAN_FUZZ_RUNS: process.env.MPLAN_FUZZ_RUNS ?? (quick ? '300' : '3000'),
};
console.log(`fuzz: seed ${env.MPLAN_FUZZ_SEED}, ${env.MPLAN_FUZZ_RUNS} runs`);
const result = spawnSync('npx', ['vitest', 'run', 'test/input/fuzz.test.ts'], { env, stdio: 'inherit' });
process.exit(result.status ?? 1);
