import type { IntervalBid } from '../../market/bid-curve.js';
import type { MilpSolver } from '../../optimisation/milp-solver.port.js';
import { binaryViolations } from '../../optimisation/portfolio/lazy-binaries.js';
import { BinaryPlan } from '../../optimisation/portfolio/model-context.js';
import { intervalHours, type PortfolioCase } from '../../optimisation/portfolio/portfolio-case.js';
import { DomainError } from '../../shared/domain-error.js';
import { awardedPositionKw } from './awarded-position.js';
import {
  buildDeviationModel,
  physicalCaseOf,
  withAward,
  type DeviationModel,
} from './deviation-model.js';

export interface DeliverabilityInput {
  /** The case the curves were built for: its assets and limits are what must deliver. */
  readonly case: PortfolioCase;
  readonly curves: readonly IntervalBid[];
  /** Clearing-price sequences (KRW/kWh), one price per interval of the case. At least one. */
  readonly priceSequences: readonly (readonly number[])[];
  readonly solver: MilpSolver;
  /** Per solve; default 2 s (the LPs take milliseconds; only MILP rounds can reach it). */
  readonly timeLimitSecondsPerSample?: number;
}

export interface SampleShortfall {
  /** Least total |award - deliverable net position| energy over the horizon, kWh. */
  readonly shortfallKwh: number;
  /** Of which the portfolio delivers less (sells less / buys more) than awarded, kWh. */
  readonly underKwh: number;
  /** Of which it cannot avoid delivering more (sells more / buys less) than awarded, kWh. */
  readonly overKwh: number;
  /** Intervals with a deviation above the tolerance. */
  readonly intervalsShort: number;
  /** Total awarded energy |award| over the horizon, kWh, for scale. */
  readonly awardedKwh: number;
  /** Solves it took (1 = the relaxation was already feasible for the full model). */
  readonly rounds: number;
  /** False: a MILP round hit its time limit and the figure is an upper bound (conservative). */
  readonly exact: boolean;
}

export interface DeliverabilityAssessment {
  readonly samples: number;
  /** Mean of the per-sample shortfalls (the samples are equally likely draws), kWh. */
  readonly expectedShortfallKwh: number;
  /** Largest per-sample shortfall, kWh. */
  readonly worstShortfallKwh: number;
  /** Index of the (first) sample with the worst shortfall. */
  readonly worstSample: number;
  /** Samples with a shortfall above the tolerance. */
  readonly samplesShort: number;
  /** In the order of `priceSequences`. */
  readonly perSample: readonly SampleShortfall[];
  /** Samples whose figure is an upper bound only (see SampleShortfall.exact). */
  readonly inexactSamples: number;
  /** Solver time over all samples (as the solver measured it): machine-dependent. */
  readonly solveSeconds: number;
}

/** Deviations below this (kWh per interval) are solver round-off, not shortfall. */
export const SHORTFALL_TOLERANCE_KWH = 1e-6;

const DEFAULT_TIME_LIMIT_SECONDS_PER_SOLVE = 2;
// Rounds of lazily added mode / activation binaries before every group is made binary.
const MAX_LAZY_ROUNDS = 6;

/**
 * How far the portfolio falls short of what its bid curves commit it to, over sampled clearing
 * prices. For each price sequence the award per interval is the curves' net quantity at that
 * price (sell - buy); the shortfall is the least total energy by which ANY dispatch the assets
 * can physically follow over the whole horizon (battery SoC, EV departure energy, demand-response
 * windows and limits, fuel-cell commitment, meter and grid limits; the model of
 * build-portfolio-model.ts) misses that award: an LP/MILP per sample (deviation-model.ts).
 *
 * Mode and activation binaries are added lazily, as `solveCase` does: the relaxation is solved
 * first, and where its dispatch charges and discharges at once or activates demand response
 * fractionally, those groups become binary and the sample is solved again. A solution violating
 * no group is feasible for the full model and optimal for it, so the shortfall is exact (not a
 * bound). Pure apart from the solver it is handed; samples run one after another.
 */
export const assessDeliverability = async (
  input: DeliverabilityInput,
): Promise<DeliverabilityAssessment> => {
  const { case: portfolioCase, curves, priceSequences, solver } = input;
  if (priceSequences.length === 0)
    throw new DomainError(
      'BIDDING.INVALID_INPUT',
      'at least one price sequence is needed to assess deliverability',
      'priceSequences',
    );
  const timeLimit = input.timeLimitSecondsPerSample ?? DEFAULT_TIME_LIMIT_SECONDS_PER_SOLVE;
  if (!(Number.isFinite(timeLimit) && timeLimit > 0))
    throw new DomainError(
      'BIDDING.INVALID_INPUT',
      `timeLimitSecondsPerSample must be a positive number, got ${timeLimit}`,
      'timeLimitSecondsPerSample',
    );
  priceSequences.forEach((prices, i) => {
    const bad = prices.findIndex((price) => !Number.isFinite(price));
    if (bad >= 0)
      throw new DomainError(
        'BIDDING.INVALID_INPUT',
        `price sequence ${i} has a non-finite price ${prices[bad]} in interval ${bad}`,
        `priceSequences[${i}][${bad}]`,
      );
  });
  const physicalCase = physicalCaseOf(portfolioCase);
  const hours = intervalHours(portfolioCase);
  // The relaxation's model serves every sample whose relaxed dispatch needs no binaries.
  const relaxed = buildDeviationModel(physicalCase, new BinaryPlan());
  const perSample: SampleShortfall[] = [];
  let solveSeconds = 0;
  for (let i = 0; i < priceSequences.length; i++) {
    const award = awardedPositionKw(curves, priceSequences[i]!, portfolioCase.intervals);
    let deviation = relaxed;
    let plan = new BinaryPlan();
    for (let round = 1; ; round++) {
      const result = await solver.solve(withAward(deviation, award), {
        timeLimitSeconds: timeLimit,
        // Only MILP rounds (energy that must be burnt) feel the gap: 1e-4 of the shortfall.
        relativeGap: 1e-4,
        diagnoseInfeasibility: false,
      });
      solveSeconds += result.solveSeconds;
      // 'feasible' (a MILP round cut by the time limit): its dispatch is physically feasible, so its
      // deviation is an upper bound on the shortfall: reported, marked not exact, never hidden.
      if (
        (result.status !== 'optimal' && result.status !== 'feasible') ||
        result.values === undefined
      )
        throw new DomainError(
          'BIDDING.DELIVERABILITY_NOT_SOLVED',
          `the deliverability model of price sequence ${i} was not solved to optimality (status ${result.status}${result.message === undefined ? '' : `: ${result.message}`}); ` +
            (result.status === 'infeasible'
              ? 'the assets cannot meet their own limits whatever the award (check the case)'
              : 'no shortfall can be reported for it'),
          `priceSequences[${i}]`,
          { sample: i, status: result.status },
        );
      const violations = binaryViolations(physicalCase, deviation.index, result.values);
      if (violations.keys.length === 0) {
        perSample.push({
          ...sampleShortfall(deviation, result.values, award, hours, round),
          exact: result.status === 'optimal',
        });
        break;
      }
      plan = round >= MAX_LAZY_ROUNDS ? new BinaryPlan(true) : plan.with(violations.keys).plan;
      deviation = buildDeviationModel(physicalCase, plan);
    }
  }
  let total = 0;
  let worst = -Infinity;
  let worstSample = 0;
  let samplesShort = 0;
  perSample.forEach((sample, i) => {
    total += sample.shortfallKwh;
    if (sample.shortfallKwh > worst) {
      worst = sample.shortfallKwh;
      worstSample = i;
    }
    if (sample.shortfallKwh > SHORTFALL_TOLERANCE_KWH) samplesShort++;
  });
  return {
    samples: perSample.length,
    expectedShortfallKwh: total / perSample.length,
    worstShortfallKwh: worst,
    worstSample,
    samplesShort,
    inexactSamples: perSample.filter((sample) => !sample.exact).length,
    perSample,
    solveSeconds,
  };
};

const sampleShortfall = (
  deviation: DeviationModel,
  values: Float64Array,
  award: Float64Array,
  hours: number,
  rounds: number,
): Omit<SampleShortfall, 'exact'> => {
  let overKwh = 0;
  let underKwh = 0;
  let awardedKwh = 0;
  let intervalsShort = 0;
  for (let t = 0; t < award.length; t++) {
    // over_t: the net position is above the award; for a sell award that is delivering more, for
    // a buy award buying less. under_t the reverse.
    const above = Math.max(0, values[deviation.overColumns[t]!]! * hours);
    const below = Math.max(0, values[deviation.underColumns[t]!]! * hours);
    // Both columns can be non-zero only by solver round-off; their difference is the deviation.
    const net = above - below;
    const over = Math.max(0, net);
    const under = Math.max(0, -net);
    if (over + under > SHORTFALL_TOLERANCE_KWH) intervalsShort++;
    overKwh += over;
    underKwh += under;
    awardedKwh += Math.abs(award[t]!) * hours;
  }
  return {
    shortfallKwh: overKwh + underKwh,
    underKwh,
    overKwh,
    intervalsShort,
    awardedKwh,
    rounds,
  };
};
