import { gapPct, type MilpResult, type MilpSolver } from '../../milp-solver.port.js';
import { bidCurvesFromSchedules } from '../bid-curves.js';
import type { DrWindow } from '../model-context.js';
import type { PortfolioCase } from '../portfolio-case.js';
import type { PortfolioSchedule } from '../read-schedule.js';
import type { LazyRound, OptimiserResult } from '../solve-case.js';
import { coupledPortfolio, withBatteriesAggregated } from './coupled-portfolio.js';
import { scheduleInFullModel } from './full-model-values.js';
import { DantzigWolfe, type MasterSolution, type Pricing } from './master-problem.js';
import {
  improvePrimal,
  repairPrimal,
  drRoundings,
  type DecomposedPrimal,
} from './primal-repair.js';

export interface DecomposedOptions {
  readonly timeLimitSeconds: number;
  readonly relativeGap: number;
  readonly maxSegments: number;
  readonly tieBreakKrwPerKwh?: number;
  /** Master solves at most (default 200). */
  readonly maxIterations?: number;
  /** Called after each master solve (for benchmarks and tuning). */
  readonly onIteration?: (progress: {
    readonly iteration: number;
    readonly masterObjective: number;
    readonly bound: number;
    readonly incumbent?: number;
    readonly added: number;
  }) => void;
}

/** What the decomposition did, for benchmarks and logs. */
export interface DecompositionReport {
  readonly method: 'dantzig_wolfe';
  readonly iterations: number;
  readonly batteryProposals: number;
  readonly drProposals: number;
  /** The uncoupled optimum (every asset on its own, limits ignored): the bound at multipliers 0. */
  readonly uncoupledBoundKrw: number;
  /** Intervals whose limit binds in the reported schedule (within 1e-6 kW). */
  readonly bindingIntervals: number;
}

/** Mixing weight of the best multipliers so far in the pricing point (Wentges smoothing). */
const SMOOTHING = 0.8;
const NO_DUALS = 'the solver reported no LP duals';
const REPAIR_EVERY = 10;
/** Repair at every iteration once the master is within this many times the gap of the bound. */
const REPAIR_NEAR = 4;
/** Master solves of the aggregated warm start at most. */
const WARM_START_ITERATIONS = 40;
/** A battery proposal unused by this many masters in a row leaves the master. */
const MAX_IDLE_MASTERS = 2;
/** Rounds of block-coordinate ascent on each repaired schedule. */
const IMPROVING_PASSES = 2;
/** How many whole DR choices a repair tries before it gives up on the master (each a solve). */
const MAX_DR_ROUNDINGS = 8;

/**
 * Optimises a decomposable case (decomposable.ts) by Dantzig-Wolfe decomposition on the
 * portfolio's net position limits (master-problem.ts): the solver sees only the small master LP;
 * batteries, PV and demand response are priced exactly without it. Every pricing gives a
 * Lagrangian bound; the master's fractional solution is repaired into a feasible schedule
 * (primal-repair.ts), which is then checked in the monolithic model's own rows
 * (full-model-values.ts). Stops when the best schedule is within `relativeGap` of the best bound,
 * at the time limit (solver seconds, as `solveCase` counts them), or when the master has converged.
 *
 * `fallbackBecause` when it cannot produce a checked schedule (no LP duals from the solver, a
 * battery with no feasible schedule, limits the proposals never meet, a failed check): `solveCase`
 * then runs the monolithic model, which also diagnoses infeasibility.
 */
export const solveDecomposed = async (
  portfolioCase: PortfolioCase,
  solver: MilpSolver,
  options: DecomposedOptions,
): Promise<
  | (OptimiserResult & { readonly decomposition: DecompositionReport })
  | { readonly fallbackBecause: string; readonly solveSeconds: number }
> => {
  const portfolio = coupledPortfolio(portfolioCase, options.tieBreakKrwPerKwh);
  const dw = new DantzigWolfe(portfolio);
  const maxIterations = options.maxIterations ?? 200;
  const first = dw.price(new Float64Array(portfolio.intervals));
  if (first === undefined)
    return { fallbackBecause: 'a battery has no feasible schedule', solveSeconds: 0 };
  let noDuals = false;
  dw.add(first);
  const uncoupledBound = first.bound;
  let bestBound = first.bound;
  let bestPi: Float64Array | undefined = new Float64Array(portfolio.intervals);
  let incumbent: DecomposedPrimal | undefined;
  const rounds: LazyRound[] = [];
  let spent = 0;
  let last: MilpResult | undefined;
  let iterations = 0;
  const fallback = (reason: string) => ({ fallbackBecause: reason, solveSeconds: spent });

  const closeEnough = (objective: number) =>
    bestBound - objective <= options.relativeGap * Math.max(Math.abs(objective), 1);

  const solveMaster = async (
    fixedDr?: readonly (DrWindow | null)[],
    of: DantzigWolfe = dw,
  ): Promise<MasterSolution | undefined> => {
    const { model, layout } = of.model(fixedDr);
    const result = await solver.solve(model, {
      timeLimitSeconds: Math.max(options.timeLimitSeconds - spent, 0.001),
      relativeGap: options.relativeGap,
      diagnoseInfeasibility: false,
    });
    last = result;
    spent += result.solveSeconds;
    rounds.push({
      binaries: 0,
      status: result.status,
      solveSeconds: result.solveSeconds,
      violations: 0,
      rounded: fixedDr !== undefined,
    });
    if (result.status === 'optimal' && result.rowDuals === undefined) noDuals = true;
    if (
      result.status !== 'optimal' ||
      result.values === undefined ||
      result.rowDuals === undefined ||
      result.objective === undefined
    )
      return undefined;
    return of.read(layout, result.objective, result.values, result.rowDuals);
  };

  /** The master with each DR load's window fixed, if it meets the limits with them. */
  const meetsLimits = async (choices: readonly (DrWindow | null)[]) => {
    const fixed = await solveMaster(choices);
    return fixed === undefined || fixed.slackKw > 1e-6 ? undefined : fixed;
  };
  const tryRepair = async (master: MasterSolution): Promise<void> => {
    let choices: readonly (DrWindow | null)[] = [];
    let fixed: MasterSolution | undefined;
    // The nearest rounding first; where it leaves a limit unmet (a load the master split between
    // windows, or used in part, helped to meet it), the others the master's weights suggest.
    for (const candidate of drRoundings(master, dw.drProposals, MAX_DR_ROUNDINGS)) {
      choices = candidate;
      fixed = await meetsLimits(choices);
      if (fixed !== undefined) break;
    }
    if (fixed === undefined) return;
    const repaired = repairPrimal(portfolio, fixed, choices);
    const primal =
      repaired === undefined ? undefined : improvePrimal(portfolio, repaired, IMPROVING_PASSES);
    if (
      primal !== undefined &&
      (incumbent === undefined || primal.modelObjective > incumbent.modelObjective)
    )
      incumbent = primal;
  };

  const consider = (pricing: Pricing | undefined, pi: Float64Array): boolean => {
    if (pricing === undefined) return false;
    if (pricing.bound < bestBound) {
      bestBound = pricing.bound;
      bestPi = pi;
    }
    return true;
  };

  // Start near the right multipliers: those of the master with the batteries aggregated (a few
  // blocks, cheap to converge), priced on the real batteries (a valid bound like any other).
  const aggregate = withBatteriesAggregated(portfolio);
  if (aggregate.batteries.length < portfolio.batteries.length) {
    const warm = new DantzigWolfe(aggregate);
    const start = warm.price(new Float64Array(portfolio.intervals));
    if (start !== undefined) {
      warm.add(start);
      let warmPi: Float64Array | undefined;
      for (let i = 0; i < WARM_START_ITERATIONS && spent < options.timeLimitSeconds / 4; i++) {
        const master = await solveMaster(undefined, warm);
        if (noDuals) return fallback(NO_DUALS);
        if (master === undefined) break;
        if (master.slackKw <= 1e-6) warmPi = master.pi;
        const pricing = warm.price(master.pi);
        if (pricing === undefined) break;
        const added = warm.add(pricing, master);
        const gap = pricing.bound - master.objective;
        if (
          added === 0 ||
          gap <= options.relativeGap * 0.1 * Math.max(1, Math.abs(master.objective))
        )
          break;
      }
      if (warmPi !== undefined) {
        const pricing = dw.price(warmPi);
        if (consider(pricing, warmPi)) dw.add(pricing!);
      }
    }
  }

  let converged = false;
  while (iterations < maxIterations && spent < options.timeLimitSeconds) {
    iterations++;
    const master = await solveMaster();
    if (noDuals) return fallback(NO_DUALS);
    if (master === undefined) break;
    dw.prune(master.batteryWeights, MAX_IDLE_MASTERS);
    const feasible = master.slackKw <= 1e-6;
    if (feasible && closeEnough(master.objective)) {
      converged = true;
      await tryRepair(master);
      break;
    }
    // Price at a point between the best multipliers so far and the master's: it damps the
    // oscillation of the master's duals. If that finds nothing new, price at the master's.
    const smoothed =
      bestPi === undefined || !feasible
        ? master.pi
        : Float64Array.from(master.pi, (pi, t) => SMOOTHING * bestPi![t]! + (1 - SMOOTHING) * pi);
    const pricing = dw.price(smoothed);
    if (!consider(pricing, smoothed)) return fallback('a battery has no feasible schedule');
    let added = dw.add(pricing!, master);
    if (added === 0 && smoothed !== master.pi) {
      const exact = dw.price(master.pi);
      if (!consider(exact, master.pi)) return fallback('a battery has no feasible schedule');
      added = dw.add(exact!, master);
    }
    // A repair costs a master solve: near convergence, or now and then for an incumbent.
    const near =
      bestBound - master.objective <=
      REPAIR_NEAR * options.relativeGap * Math.max(Math.abs(master.objective), 1);
    if (feasible && (added === 0 || near || iterations % REPAIR_EVERY === 0))
      await tryRepair(master);
    options.onIteration?.({
      iteration: iterations,
      masterObjective: master.objective,
      bound: bestBound,
      ...(incumbent === undefined ? {} : { incumbent: incumbent.modelObjective }),
      added,
    });
    if (incumbent !== undefined && closeEnough(incumbent.modelObjective)) break;
    if (added === 0) {
      converged = feasible;
      break;
    }
  }
  if (incumbent === undefined) {
    // The time ran out before a repair: one more from the last master, if the limits are met.
    const master = spent < options.timeLimitSeconds * 2 ? await solveMaster() : undefined;
    if (master !== undefined && master.slackKw <= 1e-6) await tryRepair(master);
  }
  if (incumbent === undefined)
    return fallback(
      spent >= options.timeLimitSeconds
        ? 'no schedule meeting the limits was found in the time'
        : 'no whole DR choice the repair tried met the limits with the battery schedules proposed',
    );
  const primal: DecomposedPrimal = incumbent;
  const checked = scheduleInFullModel(
    portfolioCase,
    portfolio,
    primal,
    portfolio.tieBreakKrwPerKwh,
  );
  if (checked === undefined)
    return fallback('the repaired schedule failed the check in the full model');
  const { schedule } = checked;
  const objectiveKrw = schedule.objectiveKrw;
  const boundKrw = Math.max(objectiveKrw, bestBound + checked.maxTieBreakPenaltyKrw);
  const gap = gapPct(objectiveKrw, boundKrw);
  const proven = closeEnough(primal.modelObjective);
  return {
    status: proven ? 'optimal' : 'feasible',
    objectiveKrw,
    boundKrw,
    ...(gap === undefined ? {} : { gapPct: gap }),
    solveSeconds: spent,
    intervals: schedule.intervals,
    bidCurves: bidCurvesFromSchedules(
      portfolioCase,
      schedule.scenarioSchedules.map((s) => s.netPositionKw),
      options.maxSegments,
    ),
    ...(last === undefined ? {} : { solver: last.solver }),
    lazy: { rounds, binaries: 0 },
    ...(proven || converged
      ? {}
      : { message: 'stopped at the time or iteration limit before the gap was closed' }),
    decomposition: {
      method: 'dantzig_wolfe',
      iterations,
      batteryProposals: dw.batteryProposals.reduce((n, list) => n + list.length, 0),
      drProposals: dw.drProposals.reduce((n, list) => n + list.length, 0),
      uncoupledBoundKrw: uncoupledBound + checked.maxTieBreakPenaltyKrw,
      bindingIntervals: bindingIntervals(portfolioCase, schedule),
    },
  };
};

const bindingIntervals = (portfolioCase: PortfolioCase, schedule: PortfolioSchedule): number => {
  const upper = portfolioCase.gridExportLimitKw ?? Infinity;
  const lower = -(portfolioCase.gridImportLimitKw ?? Infinity);
  return schedule.scenarioSchedules[0]!.netPositionKw.filter(
    (net) => net >= upper - 1e-6 || net <= lower + 1e-6,
  ).length;
};
