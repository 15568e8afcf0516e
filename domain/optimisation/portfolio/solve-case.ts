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
import { buildPortfolioModel } from './build-portfolio-model.js';
import { binaryViolations } from './lazy-binaries.js';
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
}

const DEFAULT_TIME_LIMIT_SECONDS = 60;
const DEFAULT_MAX_LAZY_ROUNDS = 8;
const DEFAULT_MAX_SEGMENTS = 10;

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
export const solveCase = async (
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
  // `relaxed`: the last plan without demand-response restrictions (a relaxation of the full model).
  let relaxed = new BinaryPlan(options.binaries === 'all');
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
    if (isRelaxation) {
      const bound = validBound(result, isMixedInteger(model), relativeGap);
      if (bound !== undefined) bestBound = Math.min(bestBound, bound);
    }
    const outOfTime = spent >= timeLimit;
    const violations =
      result.values === undefined
        ? undefined
        : binaryViolations(portfolioCase, index, result.values);
    rounds.push({
      binaries: index.binaryCount,
      status: result.status,
      solveSeconds: result.solveSeconds,
      violations: violations?.keys.length ?? 0,
      rounded: !isRelaxation,
    });
    if (violations === undefined) {
      // A rounded model may be infeasible where the full one is not: go exact.
      if (!isRelaxation && !outOfTime) {
        plan = relaxed.with(roundedDr).plan;
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
      plan = relaxed.with(roundedDr).plan;
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
    relaxed = relaxed.with(modeKeys).plan;
    if (rounding && isRelaxation && violations.fractionalDr > 0) {
      for (const key of violations.keys) if (key.startsWith('dr|')) roundedDr.add(key);
      plan = relaxed.restrictedTo(violations.drChoices);
      continue;
    }
    if (rounds.length >= maxRounds) plan = new BinaryPlan(true);
    else if (isRelaxation) {
      relaxed = relaxed.with(violations.keys).plan;
      plan = relaxed;
    } else plan = plan.with(violations.keys).plan;
  }
};

interface Incumbent {
  readonly schedule: PortfolioSchedule;
  readonly maxTieBreakPenaltyKrw: number;
}

/**
 * A bound valid for the round's model. A MIP that stopped at the relative gap may report its
 * incumbent as the bound (glpk.js reports GLP_OPT then); all it proves is the incumbent plus the
 * gap, so such a bound is widened to that.
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
