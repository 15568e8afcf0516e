import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { WorkerMilpSolver } from '../../../src/infrastructure/solvers/worker-milp-solver.js';
import { compileWorker, type CompiledWorker } from '../../support/ts-worker.js';
import { batteryArbitrage } from './milp-fixtures.js';

// 1,000 solves per engine on a loaded 2-core machine take longer than the e2e default.
jest.setTimeout(240_000);

let compiled: CompiledWorker;
beforeAll(async () => {
  compiled = await compileWorker(
    new URL('../../../src/infrastructure/solvers/milp-solve.worker.ts', import.meta.url),
  );
});
afterAll(() => compiled.cleanup());

const MB = 1024 * 1024;
const MODEL = batteryArbitrage(
  [90, 70, 60, 110, 150, 130, 80, 170],
  [
    { id: 'ess-1', capacityKwh: 10, powerKw: 5, initialSocKwh: 0 },
    { id: 'ess-2', capacityKwh: 20, powerKw: 4, initialSocKwh: 6 },
  ],
  true,
);

// A solver that leaked its problem objects or runtimes (glpk.js problems not deleted, HiGHS models
// not disposed, a GLPK module per solve) grows by far more than 20 MB over 900 solves of this
// 64-variable MIP: each leaked HiGHS model or GLPK module is 100s of kB of WebAssembly memory.
describe.each(['glpk', 'highs'] as const)('%s worker memory', (engine) => {
  it('stays flat over 1,000 consecutive solves in one worker', async () => {
    const solver = new WorkerMilpSolver({ engine, workerUrl: compiled.url });
    try {
      let at100 = 0;
      for (let i = 1; i <= 1000; i++) {
        const result = await solver.solve(MODEL);
        expect(result.status).toBe('optimal');
        if (i === 100) at100 = (await solver.probeMemory()).rssBytes;
      }
      const at1000 = (await solver.probeMemory()).rssBytes;
      expect(solver.stats().workersStarted).toBe(1);
      expect(at1000).toBeLessThanOrEqual(at100 + 20 * MB);
    } finally {
      await solver.close();
    }
  });
});
