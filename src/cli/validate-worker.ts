import { runValidateWorker } from './plan-pool.js';

/** The entry point of a worker thread of `mplan validate` (started by plan-pool.ts): checks the plans it is sent. */
runValidateWorker();
