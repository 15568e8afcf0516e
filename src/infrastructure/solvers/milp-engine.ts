import type { MilpModel } from '../../../domain/optimisation/milp-model.js';
import type {
  MilpBoundSource,
  MilpLimit,
  MilpSolverCapabilities,
} from '../../../domain/optimisation/milp-solver.port.js';

/**
 * One synchronous solver library behind a common face, used inside a solver worker thread (see
 * milp-solve.worker.ts). The pipeline around it (solve-pipeline.ts) adds what is common to every
 * engine: telling infeasible from unbounded, the infeasibility diagnosis, time budgets.
 */
export interface MilpEngine {
  readonly solver: { readonly name: string; readonly version: string };
  readonly capabilities: MilpSolverCapabilities;
  solve(request: EngineRequest, listener?: EngineListener): EngineSolution;
  /** Bytes of the engine's WebAssembly memory, when it tells. */
  memoryBytes(): number | undefined;
}

export interface EngineRequest {
  readonly model: MilpModel;
  /** Undefined: no wall-clock limit inside the solver. */
  readonly timeLimitSeconds: number | undefined;
  readonly relativeGap: number;
  /** Undefined: no node limit. Engines without one ignore it. */
  readonly nodeLimit: number | undefined;
}

export type EngineStatus =
  | 'optimal'
  | 'feasible'
  | 'infeasible'
  | 'unbounded'
  /** The solver proved one of the two without telling which (presolve often cannot). */
  | 'infeasible_or_unbounded'
  /** A limit (`limitReached`) stopped the solve; `values` present when there is an incumbent. */
  | 'limit'
  | 'error';

export interface EngineSolution {
  readonly status: EngineStatus;
  /** Including the model's objective offset. */
  readonly objective?: number;
  readonly bound?: number;
  readonly boundSource?: MilpBoundSource;
  readonly values?: Float64Array;
  /** Optimal LPs only, when the library exposes them (see `MilpResult.rowDuals`). */
  readonly rowDuals?: Float64Array;
  readonly limitReached?: MilpLimit;
  readonly message?: string;
}

/** Progress reported while the (blocking) solve runs, so a killed solve leaves something behind. */
export interface EngineListener {
  incumbent?(objective: number, values: Float64Array): void;
  bound?(bound: number, source: MilpBoundSource): void;
}

/** Seconds since `start` (a `performance.now()` reading). */
export const secondsSince = (start: number): number => (performance.now() - start) / 1000;
