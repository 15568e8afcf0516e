import { parentPort, workerData } from 'node:worker_threads';
import { createGlpkEngine } from './glpk-engine.js';
import { createHighsEngine } from './highs-engine.js';
import type { MilpEngine } from './milp-engine.js';
import { solveWithEngine } from './solve-pipeline.js';
import type { FromWorker, ToWorker, WorkerSetup } from './worker-protocol.js';

// Entry of one solver worker (see worker-milp-solver.ts): load the engine once, then solve one
// model at a time, reporting incumbents and bounds as they come so that a solve the parent kills
// at its deadline still leaves them behind.
const port = parentPort!;
const post = (message: FromWorker): void => port.postMessage(message);
const { engine: engineName } = workerData as WorkerSetup;

let engine: MilpEngine;
try {
  engine = await (engineName === 'glpk' ? createGlpkEngine() : createHighsEngine());
  post({ type: 'ready', solver: engine.solver });
} catch (error) {
  post({ type: 'startup_failed', message: String(error) });
  process.exit(1);
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'memory') {
    const usage = process.memoryUsage();
    post({
      type: 'memory',
      id: message.id,
      memory: {
        rssBytes: usage.rss,
        heapUsedBytes: usage.heapUsed,
        externalBytes: usage.external,
        wasmBytes: engine.memoryBytes(),
      },
    });
    return;
  }
  const { id, model, options } = message;
  try {
    const outcome = solveWithEngine(engine, model, options, {
      incumbent: (objective, values) => post({ type: 'incumbent', id, objective, values }),
      bound: (bound, source) => post({ type: 'bound', id, bound, source }),
    });
    post({ type: 'result', id, outcome });
  } catch (error) {
    // A WebAssembly abort leaves the engine unusable: report, and let the parent replace us.
    post({ type: 'failed', id, message: error instanceof Error ? error.message : String(error) });
    process.exit(1);
  }
});
