import { parseMilpName, type MilpModel } from '../milp-model.js';
import type { MilpSolver } from '../milp-solver.port.js';
import { buildPortfolioModel } from '../portfolio/build-portfolio-model.js';
import { BinaryPlan } from '../portfolio/model-context.js';
import { largestPriceKrwPerKwh } from '../portfolio/objective.js';
import type { PortfolioCase } from '../portfolio/portfolio-case.js';
import { readSchedule, type IntervalSchedule } from '../portfolio/read-schedule.js';
import type { OptimiserStatus } from '../portfolio/solve-case.js';
import { relaxIntegrality } from './relax-integrality.js';

export interface RebalanceOptions {
  /**
   * The virtual assets scheduled again (indices into `aggregate.assets`); every other one is
   * fixed at what its members do, summed in `fixedKw`.
   */
  readonly groups: ReadonlySet<number>;
  readonly tieBreakKrwPerKwh: number;
  readonly timeLimitSeconds: number;
}

export interface Rebalanced {
  /**
   * `optimal`: the virtual assets take up everything; `feasible`: no schedule could, and this one
   * misses what the others did by `missedKwh` (the least the case allows); otherwise none.
   */
  readonly status: OptimiserStatus;
  readonly solveSeconds: number;
  readonly missedKwh?: number;
  /** Per scenario, the rebalanced virtual assets' schedule (only theirs), when solved. */
  readonly scenarios?: readonly (readonly IntervalSchedule[])[];
  readonly message?: string;
}

/**
 * A later pass of an aggregated solve. The first pass schedules every virtual asset; some are
 * then shared among their members, who cannot always follow (an all-or-nothing DR load gives all
 * of its reduction or none, a fuel cell cannot start below its minimum, batteries of one group
 * reach their bounds at different times). What those members really do, summed per meter and
 * scenario, is fixed here (`fixedKw`), and the virtual assets of `groups` (batteries and PV not
 * yet shared out) are scheduled again around it with every limit of the case: meters,
 * communities, the portfolio's import and export, and the bid-curve link between scenarios (a
 * higher price never gives a smaller net position). They then take up what the others did not
 * follow wherever the case lets them, at the best value, instead of by a rule. The LP
 * relaxation of the modes is solved, as in the first pass. When no schedule of theirs can take
 * it all up, the pass is solved again softened: the fixed injections may be missed at a price far
 * above the case's, so that its schedule misses them by the least the relaxation allows
 * (`missedKwh`).
 */
export const rebalance = async (
  aggregate: PortfolioCase,
  fixedKw: readonly ReadonlyMap<string, Float64Array>[],
  solver: MilpSolver,
  options: RebalanceOptions,
): Promise<Rebalanced> => {
  const strict = await solveAround(aggregate, fixedKw, solver, options, undefined);
  const secondsLeft = options.timeLimitSeconds - strict.solveSeconds;
  if (strict.status !== 'infeasible' || secondsLeft <= 0) return strict;
  // Nothing takes it all up: the schedule that misses what the others did by the least.
  const softened = await solveAround(
    aggregate,
    fixedKw,
    solver,
    { ...options, timeLimitSeconds: secondsLeft },
    missPriceKrwPerKwh(aggregate),
  );
  return { ...softened, solveSeconds: strict.solveSeconds + softened.solveSeconds };
};

/** Far above any price of the case, so that missing a kWh never pays. */
const missPriceKrwPerKwh = (portfolioCase: PortfolioCase): number =>
  10 * largestPriceKrwPerKwh(portfolioCase) + 1_000;

const solveAround = async (
  aggregate: PortfolioCase,
  fixedKw: readonly ReadonlyMap<string, Float64Array>[],
  solver: MilpSolver,
  options: RebalanceOptions,
  missKrwPerKwh: number | undefined,
): Promise<Rebalanced> => {
  const rest: PortfolioCase = {
    ...aggregate,
    assets: aggregate.assets.filter((_, g) => options.groups.has(g)),
  };
  const { model, index } = buildPortfolioModel(rest, {
    binaries: new BinaryPlan(),
    tieBreakKrwPerKwh: options.tieBreakKrwPerKwh,
    fixedInjectionKw: (siteId, scenario) => fixedKw[scenario]?.get(siteId),
    ...(missKrwPerKwh === undefined ? {} : { fixedInjectionMissKrwPerKwh: missKrwPerKwh }),
  });
  const lp = await solver.solve(relaxIntegrality(model), {
    timeLimitSeconds: options.timeLimitSeconds,
  });
  if (lp.status !== 'optimal' || lp.values === undefined)
    return {
      status: lp.status === 'optimal' ? 'error' : lp.status,
      solveSeconds: lp.solveSeconds,
      ...(lp.message === undefined ? {} : { message: lp.message }),
    };
  const schedule = readSchedule(rest, index, lp.values);
  const missedKwh = missKrwPerKwh === undefined ? 0 : missedEnergyKwh(rest, model, lp.values);
  return {
    // Softened: a schedule, but one that could not take up everything (beyond round-off).
    status: missedKwh > MISSED_SHARE * fixedEnergyKwh(rest, fixedKw) ? 'feasible' : 'optimal',
    solveSeconds: lp.solveSeconds,
    scenarios: schedule.scenarioSchedules.map((s) => s.intervals),
    ...(missKrwPerKwh === undefined ? {} : { missedKwh }),
  };
};

/** Below this share of the fixed energy, a miss is the solver's round-off. */
const MISSED_SHARE = 1e-7;

/** The fixed injections' energy, probability-weighted, kWh (at least 1). */
const fixedEnergyKwh = (
  portfolioCase: PortfolioCase,
  fixedKw: readonly ReadonlyMap<string, Float64Array>[],
): number => {
  const hours = portfolioCase.intervalMinutes / 60;
  let energyKwh = 0;
  fixedKw.forEach((perSite, s) => {
    const probability = portfolioCase.scenarios[s]?.probability ?? 0;
    for (const row of perSite.values())
      for (const kw of row) energyKwh += probability * hours * Math.abs(kw);
  });
  return Math.max(1, energyKwh);
};

/** What the softened schedule leaves missed, probability-weighted, kWh. */
const missedEnergyKwh = (
  portfolioCase: PortfolioCase,
  model: MilpModel,
  values: Float64Array,
): number => {
  const hours = portfolioCase.intervalMinutes / 60;
  let missedKwh = 0;
  model.variables.names.forEach((name, j) => {
    const { family, indices } = parseMilpName(name);
    if (family !== 'injection_short' && family !== 'injection_over') return;
    // `family[site][t<t>][s<s>]` (columnName): the scenario is the last index.
    const scenario = Number(indices.at(-1)?.slice(1));
    missedKwh += portfolioCase.scenarios[scenario]!.probability * hours * (values[j] ?? 0);
  });
  return missedKwh;
};
