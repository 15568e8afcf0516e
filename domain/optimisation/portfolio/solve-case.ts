import type { IntervalBid } from '../../market/bid-curve.js';
import { DomainError } from '../../shared/domain-error.js';
import {
  DEFAULT_RELATIVE_GAP,
  gapPct,
  type InfeasibilityDiagnosis,
  type MilpResult,
  type MilpSolver,
} from '../milp-solver.port.js';
import { bidCurvesFromSchedules } from './bid-curves.js';
import { notDecomposableBecause } from './decomposition/decomposable.js';
import { solveDecomposed, type DecompositionReport } from './decomposition/solve-decomposed.js';
import { buildPortfolioModel } from './build-portfolio-model.js';
import { initialDrWindowSubsets, priceDrWindows } from './dr-pricing.js';
import { binaryViolations } from './lazy-binaries.js';
import type { PortfolioIndex } from './portfolio-index.js';
import { objectiveAt, repairDrRounding } from './repair-rounding.js';
import { BinaryPlan } from './model-context.js';
import { isMixedInteger } from '../milp-model.js';
import type { PortfolioCase } from './portfolio-case.js';
import {
  readSchedule,
  type IntervalSchedule,
  type PortfolioSchedule,
  type ScenarioSchedule,
} from './read-schedule.js';

export interface SolveCaseOptions {
  /** For all rounds together (default 60 s). */
  readonly timeLimitSeconds?: number;
  /** Handed to each MILP solve (default `DEFAULT_RELATIVE_GAP`). */
  readonly relativeGap?: number;
  /** Steps per bid curve (default 10, the mainland rule `curve.maxSegments`). */
  readonly maxSegments?: number;
  /**
   * `lazy` (default): start from the relaxation and add binaries where a solution needs them;
   * `all`: every mode binary from the start (the monolithic formulation, for comparison).
   */
  readonly binaries?: 'lazy' | 'all';
  /** Relaxation rounds before falling back to all binaries (default 8). */
  readonly maxLazyRounds?: number;
  readonly tieBreakKrwPerKwh?: number;
  /**
   * Start the relaxation from a few demand-response windows per load and add the improving ones
   * (dr-pricing.ts; default true). Needs a solver that reports LP duals (glpk.js); with one that
   * does not, the relaxation is solved again with every window.
   */
  readonly drColumnGeneration?: boolean;
  /**
   * `auto` (default): the decomposition on the portfolio's limits (decomposition/) when the case
   * allows it (decomposable.ts), has at least the solver's `decompositionFromBatteries` and
   * `binaries` is not `all`, else, or when it yields no checked schedule, the monolithic model;
   * `decomposed`: the same at any size (there is no decomposition for cases it does not fit);
   * `monolithic`: always the monolithic model.
   */
  readonly method?: 'auto' | 'decomposed' | 'monolithic';
}

export type OptimiserStatus =
  'optimal' | 'feasible' | 'infeasible' | 'unbounded' | 'no_solution_in_time' | 'error';

export interface LazyRound {
  readonly binaries: number;
  readonly status: MilpResult['status'];
  readonly solveSeconds: number;
  /** Binary groups the round's solution violated (added for the next round). */
  readonly violations: number;
  /** Whether demand response was restricted to rounded windows (not a relaxation). */
  readonly rounded: boolean;
  /** Demand-response windows in the model, when column generation limited them. */
  readonly drWindows?: number;
  /** The rounded schedule came from repairing the relaxed one, without a solve. */
  readonly repaired?: boolean;
}

export interface OptimiserResult {
  readonly status: OptimiserStatus;
  /** Probability-weighted revenue minus costs, KRW, recomputed from the schedules; unrounded. */
  readonly objectiveKrw?: number;
  /** Upper bound on the best achievable objectiveKrw. */
  readonly boundKrw?: number;
  readonly gapPct?: number;
  /** Solver time summed over the rounds (as the solver measured it). */
  readonly solveSeconds: number;
  /** The schedule of the most probable scenario (the only one with a single scenario). */
  readonly intervals: readonly IntervalSchedule[];
  /** Every scenario's schedule, when there are several. */
  readonly scenarioSchedules?: readonly ScenarioSchedule[];
  readonly bidCurves?: readonly IntervalBid[];
  readonly solver?: { readonly name: string; readonly version: string };
  readonly lazy: {
    readonly rounds: readonly LazyRound[];
    /** Binaries in the last model solved. */
    readonly binaries: number;
  };
  readonly diagnosis?: InfeasibilityDiagnosis;
  readonly message?: string;
  /** Present when the decomposition produced the result. */
  readonly decomposition?: DecompositionReport;
  /** Why the monolithic model was solved although `method` allowed the decomposition. */
  readonly monolithicBecause?: string;
}

const DEFAULT_TIME_LIMIT_SECONDS = 60;
const DEFAULT_MAX_LAZY_ROUNDS = 8;
const DEFAULT_MAX_SEGMENTS = 10;

/**
 * Optimises a case (pure apart from the solver it is handed). By default (`method: 'auto'`) a case
 * coupled only by the portfolio's net position limits is decomposed on them
 * (decomposition/solve-decomposed.ts: per-asset subproblems priced by the limits' duals, a proven
 * Lagrangian bound, a repaired feasible schedule); every other case, or one the decomposition
 * gives no checked schedule for, goes to the monolithic model (`solveMonolithic`), and the result
 * says why in `monolithicBecause`.
 */
export const solveCase = async (
  portfolioCase: PortfolioCase,
  solver: MilpSolver,
  options: SolveCaseOptions = {},
): Promise<OptimiserResult> => {
  const method = options.method ?? 'auto';
  if (method === 'monolithic' || options.binaries === 'all')
    return solveMonolithic(portfolioCase, solver, options);
  const reason =
    notDecomposableBecause(portfolioCase) ??
    tooSmallToDecompose(portfolioCase, method, solver.capabilities.decompositionFromBatteries);
  if (reason !== undefined)
    return {
      ...(await solveMonolithic(portfolioCase, solver, options)),
      monolithicBecause: reason,
    };
  const decomposed = await solveDecomposed(portfolioCase, solver, {
    timeLimitSeconds: options.timeLimitSeconds ?? DEFAULT_TIME_LIMIT_SECONDS,
    relativeGap: options.relativeGap ?? DEFAULT_RELATIVE_GAP,
    maxSegments: options.maxSegments ?? DEFAULT_MAX_SEGMENTS,
    ...(options.tieBreakKrwPerKwh === undefined
      ? {}
      : { tieBreakKrwPerKwh: options.tieBreakKrwPerKwh }),
  });
  if (!('fallbackBecause' in decomposed)) return decomposed;
  const spent = decomposed.solveSeconds;
  const remaining = Math.max((options.timeLimitSeconds ?? DEFAULT_TIME_LIMIT_SECONDS) - spent, 1);
  return {
    ...(await solveMonolithic(portfolioCase, solver, { ...options, timeLimitSeconds: remaining })),
    monolithicBecause: decomposed.fallbackBecause,
  };
};

/** Why `auto` keeps the monolithic model for this solver (its measured break-even), if it does. */
const tooSmallToDecompose = (
  portfolioCase: PortfolioCase,
  method: 'auto' | 'decomposed',
  fromBatteries: number | undefined,
): string | undefined => {
  if (method !== 'auto') return undefined;
  if (fromBatteries === undefined)
    return 'with this solver the monolithic model is faster at every measured size';
  const batteries = portfolioCase.assets.filter((asset) => asset.kind === 'ess').length;
  return batteries < fromBatteries
    ? `${batteries} batteries: below ${fromBatteries} the monolithic model is faster`
    : undefined;
};

/**
 * Optimises a case with lazily added binaries (pure apart from the solver it is handed):
 *
 * 1. Solve the model with no mode binaries and continuous demand-response windows (a relaxation).
 * 2. Where the solution charges and discharges at once (battery, EV), or imports and exports at
 *    once where that could pay, add that interval's mode binary and solve again (still a
 *    relaxation of the full model, so every such round's bound holds for the full model).
 * 3. Where a demand-response load's windows are fractional, round: restrict every load to its
 *    largest window (activate it or not; loads the relaxation left idle stay idle) and solve this
 *    much smaller model, again lazily (the window's share becomes binary only if fractional); its
 *    schedule is feasible for the full model. If it is within `relativeGap` of the best relaxation bound it is the answer;
 *    otherwise the loads' windows become binary (exact) and the rounds go on, the rounded
 *    schedule kept as the incumbent.
 * A solution that violates nothing in a relaxation round is optimal for the full model (within
 * the solver's gap). After `maxLazyRounds` rounds the full model is solved.
 *
 * The reported objective is recomputed from the schedules (read-schedule.ts); the bound is the
 * best relaxation bound plus the most the tie-break can cost (objective.ts).
 */
export const solveMonolithic = async (
  portfolioCase: PortfolioCase,
  solver: MilpSolver,
  options: SolveCaseOptions = {},
): Promise<OptimiserResult> => {
  const timeLimit = options.timeLimitSeconds ?? DEFAULT_TIME_LIMIT_SECONDS;
  const maxRounds = options.maxLazyRounds ?? DEFAULT_MAX_LAZY_ROUNDS;
  const maxSegments = options.maxSegments ?? DEFAULT_MAX_SEGMENTS;
  if (!(timeLimit > 0))
    throw new DomainError(
      'OPTIMISATION.INVALID_OPTIONS',
      `timeLimitSeconds must be positive, got ${timeLimit}`,
      'timeLimitSeconds',
    );
  if (!(Number.isInteger(maxRounds) && maxRounds >= 1))
    throw new DomainError(
      'OPTIMISATION.INVALID_OPTIONS',
      `maxLazyRounds must be a positive integer, got ${maxRounds}`,
      'maxLazyRounds',
    );
  const relativeGap = options.relativeGap ?? DEFAULT_RELATIVE_GAP;
  // `relaxed`: the last plan without demand-response restrictions (a relaxation of the full model,
  // once column generation has priced every left-out window).
  let relaxed = new BinaryPlan(options.binaries === 'all');
  if (options.drColumnGeneration !== false && options.binaries !== 'all')
    relaxed = relaxed.withWindowSubsets(initialDrWindowSubsets(portfolioCase));
  let plan = relaxed;
  let rounding = true;
  const roundedDr = new Set<string>();
  const rounds: LazyRound[] = [];
  let spent = 0;
  let bestBound = Infinity;
  let incumbent: Incumbent | undefined;
  let last: MilpResult | undefined;
  let lastBinaries = 0;

  const finish = (
    status: OptimiserStatus,
    message?: string,
    diagnosis?: InfeasibilityDiagnosis,
  ): OptimiserResult => {
    const common = {
      solveSeconds: spent,
      ...(last === undefined ? {} : { solver: last.solver }),
      lazy: { rounds, binaries: lastBinaries },
      ...(diagnosis === undefined ? {} : { diagnosis }),
      ...(message === undefined ? {} : { message }),
    };
    if (incumbent === undefined) return { ...common, status, intervals: [] };
    const { schedule } = incumbent;
    const objectiveKrw = schedule.objectiveKrw;
    const boundKrw = Number.isFinite(bestBound)
      ? Math.max(objectiveKrw, bestBound + incumbent.maxTieBreakPenaltyKrw)
      : undefined;
    const gap = gapPct(objectiveKrw, boundKrw);
    return {
      ...common,
      status,
      objectiveKrw,
      ...(boundKrw === undefined ? {} : { boundKrw }),
      ...(gap === undefined ? {} : { gapPct: gap }),
      intervals: schedule.intervals,
      ...(portfolioCase.scenarios.length > 1
        ? { scenarioSchedules: schedule.scenarioSchedules }
        : {}),
      bidCurves: bidCurvesFromSchedules(
        portfolioCase,
        schedule.scenarioSchedules.map((s) => s.netPositionKw),
        maxSegments,
      ),
    };
  };

  for (;;) {
    const { model, index } = buildPortfolioModel(portfolioCase, {
      binaries: plan,
      ...(options.tieBreakKrwPerKwh === undefined
        ? {}
        : { tieBreakKrwPerKwh: options.tieBreakKrwPerKwh }),
    });
    const result = await solver.solve(model, {
      timeLimitSeconds: Math.max(timeLimit - spent, 0.001),
      relativeGap,
    });
    last = result;
    lastBinaries = index.binaryCount;
    spent += result.solveSeconds;
    const isRelaxation = plan.drRestrictions.size === 0;
    const subsets = isRelaxation ? plan.drWindowSubsets : new Map();
    const outOfTime = spent >= timeLimit;
    if (isRelaxation && subsets.size === 0) {
      const bound = validBound(result, isMixedInteger(model), relativeGap);
      if (bound !== undefined) bestBound = Math.min(bestBound, bound);
    } else if (subsets.size > 0 && result.status === 'optimal') {
      const drWindows = countDrWindows(index);
      if (result.rowDuals === undefined || isMixedInteger(model)) {
        // Nothing to price with: every window from now on.
        rounds.push(roundOf(result, index.binaryCount, 0, false, drWindows));
        relaxed = relaxed.withWindowSubsets(new Map());
        plan = plan.withWindowSubsets(new Map());
        continue;
      }
      const pricing = priceDrWindows(portfolioCase, index, result.rowDuals, subsets);
      const objective = result.objective!;
      bestBound = Math.min(bestBound, objective + pricing.boundSlack);
      if (
        pricing.added > 0 &&
        pricing.boundSlack > relativeGap * Math.max(Math.abs(objective), 1) &&
        !outOfTime
      ) {
        rounds.push(roundOf(result, index.binaryCount, 0, false, drWindows));
        relaxed = relaxed.withWindowSubsets(pricing.subsets);
        plan = relaxed;
        continue;
      }
    }
    const violations =
      result.values === undefined
        ? undefined
        : binaryViolations(portfolioCase, index, result.values);
    rounds.push(
      roundOf(
        result,
        index.binaryCount,
        violations?.keys.length ?? 0,
        !isRelaxation,
        subsets.size > 0 ? countDrWindows(index) : undefined,
      ),
    );
    if (violations === undefined) {
      // A rounded model may be infeasible where the full one is not: go exact.
      if (!isRelaxation && !outOfTime) {
        plan = relaxed.withWindowSubsets(new Map()).with(roundedDr).plan;
        rounding = false;
        continue;
      }
      const status = incumbent === undefined ? result.status : 'feasible';
      return finish(status, result.message, result.diagnosis);
    }
    if (violations.keys.length === 0) {
      const schedule = readSchedule(portfolioCase, index, result.values!);
      if (incumbent === undefined || schedule.objectiveKrw > incumbent.schedule.objectiveKrw)
        incumbent = { schedule, maxTieBreakPenaltyKrw: index.maxTieBreakPenaltyKrw };
      const solved = result.status === 'optimal';
      if (isRelaxation) return finish(solved ? 'optimal' : 'feasible');
      // Compared on the model's own objective (tie-break included), as the solver's gap is.
      const closeEnough =
        result.objective !== undefined &&
        bestBound - result.objective <= relativeGap * Math.max(Math.abs(result.objective), 1);
      if (closeEnough) return finish(solved ? 'optimal' : 'feasible');
      if (outOfTime) return finish('feasible');
      plan = relaxed.withWindowSubsets(new Map()).with(roundedDr).plan;
      rounding = false;
      continue;
    }
    if (outOfTime)
      return finish(
        incumbent === undefined ? 'no_solution_in_time' : 'feasible',
        incumbent === undefined
          ? `time ran out with ${violations.keys.length} mode or activation restrictions still violated by the relaxed schedule`
          : undefined,
      );
    const modeKeys = violations.keys.filter((key) => !key.startsWith('dr|'));
    relaxed = (modeKeys.length > 0 ? relaxed.withWindowSubsets(new Map()) : relaxed).with(
      modeKeys,
    ).plan;
    if (rounding && isRelaxation && violations.fractionalDr > 0) {
      for (const key of violations.keys) if (key.startsWith('dr|')) roundedDr.add(key);
      // First try rounding in place (no solve), to each fractional load's largest window, else
      // (that may pass an export limit nothing can absorb) to no activation; good enough ends here.
      const dropFractional = new Map(violations.drChoices);
      for (const key of violations.keys) if (key.startsWith('dr|')) dropFractional.set(key, null);
      const repaired =
        modeKeys.length === 0
          ? (repairDrRounding(portfolioCase, model, index, result.values!, violations.drChoices) ??
            repairDrRounding(portfolioCase, model, index, result.values!, dropFractional))
          : undefined;
      if (
        repaired !== undefined &&
        binaryViolations(portfolioCase, index, repaired).keys.length === 0
      ) {
        const schedule = readSchedule(portfolioCase, index, repaired);
        if (incumbent === undefined || schedule.objectiveKrw > incumbent.schedule.objectiveKrw)
          incumbent = { schedule, maxTieBreakPenaltyKrw: index.maxTieBreakPenaltyKrw };
        const objective = objectiveAt(model, repaired);
        rounds.push({
          binaries: 0,
          status: 'feasible',
          solveSeconds: 0,
          violations: 0,
          rounded: true,
          repaired: true,
        });
        if (bestBound - objective <= relativeGap * Math.max(Math.abs(objective), 1))
          return finish(result.status === 'optimal' ? 'optimal' : 'feasible');
      }
      plan = relaxed.restrictedTo(violations.drChoices);
      continue;
    }
    if (rounds.length >= maxRounds) plan = new BinaryPlan(true);
    else if (isRelaxation) {
      // Mode binaries make the rounds MIPs, which column generation cannot price: every window.
      relaxed = relaxed.withWindowSubsets(new Map()).with(violations.keys).plan;
      plan = relaxed;
    } else plan = plan.with(violations.keys).plan;
  }
};

const roundOf = (
  result: MilpResult,
  binaries: number,
  violations: number,
  rounded: boolean,
  drWindows: number | undefined,
): LazyRound => ({
  binaries,
  status: result.status,
  solveSeconds: result.solveSeconds,
  violations,
  rounded,
  ...(drWindows === undefined ? {} : { drWindows }),
});

const countDrWindows = (index: PortfolioIndex): number => {
  let count = 0;
  for (const scenario of index.scenarios)
    for (const asset of scenario.assets)
      if (asset.kind === 'dr_load') count += asset.windows.length;
  return count;
};

interface Incumbent {
  readonly schedule: PortfolioSchedule;
  readonly maxTieBreakPenaltyKrw: number;
}

/**
 * A bound valid for the round's model. The solver adapters report a MIP stopped at the relative
 * gap with the bound that gap implies (boundSource 'gap_tolerance'); one that reports its
 * incumbent as the bound anyway proves only the incumbent plus the gap, so it is widened to that.
 */
const validBound = (
  result: MilpResult,
  mixedInteger: boolean,
  relativeGap: number,
): number | undefined => {
  if (result.bound === undefined || (result.status !== 'optimal' && result.status !== 'feasible'))
    return undefined;
  if (!mixedInteger || result.objective === undefined || result.bound > result.objective)
    return result.bound;
  return result.objective + relativeGap * Math.abs(result.objective);
};
