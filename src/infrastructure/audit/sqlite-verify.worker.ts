import { parentPort, workerData } from 'node:worker_threads';
import { verifyRange, type RangeTask } from './sqlite-range-verify.js';

// Entry of one verification worker (see sqlite-audit-verifier.ts): verify the range, answer, exit.
parentPort?.postMessage(verifyRange(workerData as RangeTask));
