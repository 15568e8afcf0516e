import type { MilpModel } from '../../../../domain/optimisation/milp-model.js';
import {
  DEFAULT_RELATIVE_GAP,
  type MilpResult,
  type MilpSolveOptions,
  type MilpSolver,
} from '../../../../domain/optimisation/milp-solver.port.js';
import { createGlpkEngine } from '../../../../src/infrastructure/solvers/glpk-engine.js';
import { createHighsEngine } from '../../../../src/infrastructure/solvers/highs-engine.js';
import { solveWithEngine } from '../../../../src/infrastructure/solvers/solve-pipeline.js';

/**
 * The solver helper's engines and pipeline as a `MilpSolver` in this thread: the unit tests of
 * the portfolio model need real solves but not worker threads (those are covered by the solver's
 * own e2e tests and by portfolio-solve.e2e.spec.ts). Time is measured with performance.now().
 */
export const inProcessSolver = async (engine: 'glpk' | 'highs' = 'glpk'): Promise<MilpSolver> => {
  const instance = await (engine === 'glpk' ? createGlpkEngine() : createHighsEngine());
  return {
    name: instance.solver.name,
    capabilities: instance.capabilities,
    solve: (model: MilpModel, options: MilpSolveOptions = {}): Promise<MilpResult> => {
      const start = performance.now();
      const outcome = solveWithEngine(instance, model, {
        timeLimitSeconds: options.timeLimitSeconds ?? 60,
        relativeGap: options.relativeGap ?? DEFAULT_RELATIVE_GAP,
        deterministicNodeLimit: options.deterministicNodeLimit,
        diagnoseFamilies: options.diagnoseInfeasibility === false ? undefined : [],
      });
      return Promise.resolve({
        ...outcome,
        solveSeconds: (performance.now() - start) / 1000,
        solver: instance.solver,
      });
    },
  };
};
