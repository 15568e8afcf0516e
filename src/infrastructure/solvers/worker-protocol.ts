import type { MilpModel } from '../../../domain/optimisation/milp-model.js';
import type {
  MilpBoundSource,
  MilpResult,
  MilpSolverCapabilities,
} from '../../../domain/optimisation/milp-solver.port.js';

/** Messages between WorkerMilpSolver (parent) and milp-solve.worker.ts. */

export type EngineName = 'glpk' | 'highs';

export interface WorkerSetup {
  readonly engine: EngineName;
}

/** Known without starting a worker, so that the parent can answer `capabilities` at once. */
export const ENGINE_CAPABILITIES: Readonly<Record<EngineName, MilpSolverCapabilities>> = {
  // glpk.js exposes neither node limits, nor callbacks during glp_intopt, nor the tree's bound.
  // Decomposition: glpk.js's whole model is faster on s (5 batteries) and m (20), the
  // decomposition on l (50) and xl (100); HiGHS's whole model is faster on all four (l 1.65 vs
  // 3.81 s, xl 3.35 vs 11.07 s: each of the decomposition's LPs pays HiGHS's model set-up).
  glpk: {
    deterministicNodeLimit: false,
    incumbentsDuringSolve: false,
    mipBound: 'lp_relaxation',
    decompositionFromBatteries: 30,
  },
  highs: { deterministicNodeLimit: true, incumbentsDuringSolve: true, mipBound: 'solver' },
};

export const ENGINE_SOLVER_NAME: Readonly<Record<EngineName, string>> = {
  glpk: 'glpk.js',
  highs: 'highs',
};

/** Options after defaults were applied by the parent. */
export interface ResolvedSolveOptions {
  readonly timeLimitSeconds: number;
  readonly relativeGap: number;
  readonly deterministicNodeLimit: number | undefined;
  /** Undefined: no diagnosis; empty array: every constraint family. */
  readonly diagnoseFamilies: readonly string[] | undefined;
}

/** A result as the worker knows it: the parent adds the wall-clock time and the solver. */
export type WorkerOutcome = Omit<MilpResult, 'solveSeconds' | 'solver'>;

export interface WorkerMemory {
  readonly rssBytes: number;
  readonly heapUsedBytes: number;
  readonly externalBytes: number;
  /** The solver's WebAssembly memory, when the library exposes it. */
  readonly wasmBytes: number | undefined;
}

export type ToWorker =
  | {
      readonly type: 'solve';
      readonly id: number;
      readonly model: MilpModel;
      readonly options: ResolvedSolveOptions;
    }
  | { readonly type: 'memory'; readonly id: number };

export type FromWorker =
  | { readonly type: 'ready'; readonly solver: { readonly name: string; readonly version: string } }
  | { readonly type: 'startup_failed'; readonly message: string }
  | {
      readonly type: 'incumbent';
      readonly id: number;
      readonly objective: number;
      readonly values: Float64Array;
    }
  | {
      readonly type: 'bound';
      readonly id: number;
      readonly bound: number;
      readonly source: MilpBoundSource;
    }
  | { readonly type: 'result'; readonly id: number; readonly outcome: WorkerOutcome }
  | { readonly type: 'memory'; readonly id: number; readonly memory: WorkerMemory }
  /** The engine threw; the worker exits after this and is replaced. */
  | { readonly type: 'failed'; readonly id: number; readonly message: string };
