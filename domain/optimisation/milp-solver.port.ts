import { DomainError } from '../shared/domain-error.js';
import type { MilpModel } from './milp-model.js';

/**
 * Solves a `MilpModel`. Implementations live in `src/infrastructure/solvers/` (glpk.js by default,
 * HiGHS as a second adapter) and run each solve off the caller's thread with a deadline enforced
 * from outside the solver.
 */
export interface MilpSolver {
  /** e.g. `glpk.js`, `highs`. */
  readonly name: string;
  readonly capabilities: MilpSolverCapabilities;
  /** Rejects with a DomainError (`MILP.INVALID_MODEL` / `MILP.INVALID_OPTIONS`) for bad input. */
  solve(model: MilpModel, options?: MilpSolveOptions): Promise<MilpResult>;
}

export interface MilpSolverCapabilities {
  /** Whether `deterministicNodeLimit` is applied (otherwise it is listed in `ignoredOptions`). */
  readonly deterministicNodeLimit: boolean;
  /** Whether incumbents are reported during a solve, so a solve cut by the deadline keeps one. */
  readonly incumbentsDuringSolve: boolean;
  /** Where `MilpResult.bound` of a MIP comes from (see `MilpBoundSource`). */
  readonly mipBound: MilpBoundSource;
  /**
   * From how many batteries the portfolio decomposition, which solves many small LPs, beats this
   * solver on the whole model (measured on the reference instances, bench/RESULTS.md); absent:
   * it never does, and `solveCase`'s `auto` keeps the monolithic model.
   */
  readonly decompositionFromBatteries?: number;
}

/** The relative gap applied when the caller gives none (HiGHS's default; GLPK's own is 0). */
export const DEFAULT_RELATIVE_GAP = 1e-4;

export interface MilpSolveOptions {
  /**
   * Wall-clock limit handed to the solver. The caller also gets an answer by this limit plus the
   * adapter's grace period at the latest: the solve is then killed (`limitReached: 'deadline'`).
   * Adapters apply a default when absent.
   */
  readonly timeLimitSeconds?: number;
  /** Stop when (|bound - objective| / |objective|) is at most this; default `DEFAULT_RELATIVE_GAP`. */
  readonly relativeGap?: number;
  /**
   * Branch-and-bound node limit, for reproducible runs (simulations): when set, the wall-clock
   * limit is NOT handed to the solver, because a result cut by seconds depends on machine load;
   * only the outside deadline (`timeLimitSeconds` + grace) remains, and a result it cuts says so
   * (`deterministic: false`). A solver without node limits (glpk.js) then runs to completion and
   * lists the option in `ignoredOptions`.
   */
  readonly deterministicNodeLimit?: number;
  /**
   * Re-solve an infeasible model with elastic slacks to name the constraint families and assets at
   * fault (default true). `families` restricts the slacks to those constraint families.
   */
  readonly diagnoseInfeasibility?: boolean | { readonly families: readonly string[] };
}

export type MilpStatus =
  /** Proven optimal within `relativeGap`. */
  | 'optimal'
  /** A feasible solution, stopped by a limit before the gap was closed (see `limitReached`). */
  | 'feasible'
  | 'infeasible'
  | 'unbounded'
  /** A limit was reached (see `limitReached`) before any feasible solution was found. */
  | 'no_solution_in_time'
  | 'error';

export type MilpLimit = 'time_limit' | 'node_limit' | 'iteration_limit' | 'deadline';

/**
 * `solver`: proven by the solver itself (LP optimality, or a MIP's best bound over its open
 * branch-and-bound nodes). `lp_relaxation`: the objective of the model with integrality dropped
 * (valid, usually weaker; all that glpk.js exposes for a MIP stopped early).
 * `gap_tolerance`: implied by the solver stopping at `relativeGap` (objective ± gap · |objective|).
 */
export type MilpBoundSource = 'solver' | 'lp_relaxation' | 'gap_tolerance';

export interface MilpResult {
  readonly status: MilpStatus;
  /** Objective of `values`, including `objectiveOffset`. */
  readonly objective?: number;
  /** Best proven bound on the optimum (upper for max, lower for min). */
  readonly bound?: number;
  readonly boundSource?: MilpBoundSource;
  /** 100 · |bound - objective| / |objective|; absent without both, or with objective 0. */
  readonly gapPct?: number;
  /** Values by variable index (see `variableIndexByName`); absent without a solution. */
  readonly values?: Float64Array;
  /**
   * Dual values by constraint index, for a model without integer columns solved to optimality,
   * when the solver exposes them (glpk.js and HiGHS do). Convention: the reduced cost of column j is
   * objective_j - sum_i a_ij rowDuals_i (for a maximisation, no column at its lower bound has a
   * positive one), which lets a caller price columns it left out of the model.
   */
  readonly rowDuals?: Float64Array;
  /** Which limit stopped the solve, when one did. */
  readonly limitReached?: MilpLimit;
  /**
   * Whether the result repeats exactly on another machine: false when a wall-clock limit or the
   * deadline cut the solve.
   */
  readonly deterministic: boolean;
  /** Options this solver could not apply (e.g. `deterministicNodeLimit` on glpk.js). */
  readonly ignoredOptions: readonly string[];
  /**
   * Wall-clock seconds from handing the model to a worker until the result: the only
   * machine-dependent measurement in a result, kept in this one field so that determinism checks
   * can leave it out.
   */
  readonly solveSeconds: number;
  readonly solver: { readonly name: string; readonly version: string };
  /** Present when the status is `infeasible` and a diagnosis was asked for. */
  readonly diagnosis?: InfeasibilityDiagnosis;
  /** What went wrong, for `error` (and notes such as a skipped diagnosis). */
  readonly message?: string;
}

export interface InfeasibilityDiagnosis {
  /** `found`: the elastic model solved and `findings` lists the violated families. */
  readonly outcome: 'found' | 'no_violation_found' | 'not_solved';
  readonly method: 'elastic_slacks';
  /** Violated (family, asset) pairs, largest total violation first. */
  readonly findings: readonly InfeasibilityFinding[];
  /** One line per finding, for logs and events. */
  readonly summary: string;
}

export interface InfeasibilityFinding {
  readonly family: string;
  /** Absent for portfolio-wide constraints. */
  readonly assetId?: string;
  readonly unit?: string;
  /** Total amount by which rows' activity had to rise above their lower bounds to fit. */
  readonly shortfall: number;
  /** Total amount by which rows' activity had to exceed their upper bounds to fit. */
  readonly excess: number;
  readonly violatedConstraints: number;
  /** The row with the largest violation, and that violation. */
  readonly worstConstraint: string;
  readonly worstViolation: number;
  readonly message: string;
}

/** Checks options before a solve; names the option at fault. */
export const validateMilpSolveOptions = (options: MilpSolveOptions): void => {
  const fail = (field: string, message: string): never => {
    throw new DomainError('MILP.INVALID_OPTIONS', message, field);
  };
  const { timeLimitSeconds, relativeGap, deterministicNodeLimit, diagnoseInfeasibility } = options;
  if (
    timeLimitSeconds !== undefined &&
    !(Number.isFinite(timeLimitSeconds) && timeLimitSeconds > 0)
  )
    fail('timeLimitSeconds', `timeLimitSeconds must be a positive number, got ${timeLimitSeconds}`);
  if (relativeGap !== undefined && !(relativeGap >= 0 && relativeGap < 1))
    fail('relativeGap', `relativeGap must be in [0, 1), got ${relativeGap}`);
  if (
    deterministicNodeLimit !== undefined &&
    !(Number.isSafeInteger(deterministicNodeLimit) && deterministicNodeLimit > 0)
  )
    fail(
      'deterministicNodeLimit',
      `deterministicNodeLimit must be a positive integer, got ${deterministicNodeLimit}`,
    );
  if (typeof diagnoseInfeasibility === 'object' && diagnoseInfeasibility.families.length === 0)
    fail('diagnoseInfeasibility.families', 'diagnoseInfeasibility.families must not be empty');
};

/** 100 · |bound - objective| / |objective|, or undefined when it is not defined. */
export const gapPct = (
  objective: number | undefined,
  bound: number | undefined,
): number | undefined => {
  if (objective === undefined || bound === undefined) return undefined;
  const difference = Math.abs(bound - objective);
  if (difference === 0) return 0;
  return Math.abs(objective) < 1e-9 ? undefined : (100 * difference) / Math.abs(objective);
};
