import { fitCurvesToRules } from '../../../domain/bidding/fit-curves-to-rules.js';
import {
  ruleSolverName,
  type RuleStrategy,
} from '../../../domain/bidding/strategies/bid-strategy.js';
import { extendLowestSellToFloor } from '../../../domain/bidding/strategies/floor-extended-offer.js';
import { ruleBid } from '../../../domain/bidding/strategies/rule-bid.js';
import type { BidSolverStatus } from '../../../domain/bids/index.js';
import type { IntervalBid } from '../../../domain/market/bid-curve.js';
import type { CurveRules } from '../../../domain/market/market-rules.js';
import type { PortfolioCase } from '../../../domain/optimisation/portfolio/portfolio-case.js';
import type { OptimiserResult } from '../../../domain/optimisation/portfolio/solve-case.js';
import { DomainError } from '../../../domain/shared/domain-error.js';
import { compactSchedules, type CompactSchedules } from '../day-ahead-bid.js';

/**
 * A day's bid as the simulation drafts it, whichever strategy made it: curves fitted to the
 * market's quantity rules, the schedules delivery follows (with each battery's end-of-day state),
 * and what the provenance records. The optimiser and the rules meet here, so that submission,
 * clearing, delivery and the summary are one path for all of them.
 */
export interface BidDecision {
  readonly curves: readonly IntervalBid[];
  readonly schedules: CompactSchedules;
  /** `solverStatus` of an unbid day: the solver's status, or `rule:<strategy>`. */
  readonly statusLabel: string;
  readonly status: BidSolverStatus;
  readonly gapPct?: number;
  readonly boundKrw?: number;
  readonly objectiveKrw: number;
  readonly solver?: { readonly name: string; readonly version: string };
  readonly modelSize: {
    readonly variables: number;
    readonly constraints: number;
    readonly binaries: number;
  };
  readonly solveSeconds: number;
}

const round3 = (value: number): number => Math.round(value * 1000) / 1000;

/** Each scenario's battery state of charge at the end of the day, by DER id. */
const endSocOf = (
  result: OptimiserResult,
  portfolioCase: PortfolioCase,
): Record<string, number>[] => {
  const essIds = portfolioCase.assets.filter((a) => a.kind === 'ess').map((a) => a.id);
  const schedules = result.scenarioSchedules ?? [{ intervals: result.intervals }];
  return schedules.map((s) => {
    const last = s.intervals.at(-1);
    const soc: Record<string, number> = {};
    for (const id of essIds) {
      const value = last?.assets[id]?.socKwh;
      if (value !== undefined) soc[id] = round3(value);
    }
    return soc;
  });
};

/** The optimiser's result as the day's bid; a solve without a solution is no bid at all. */
export const optimisedDecision = (
  day: string,
  portfolioCase: PortfolioCase,
  result: OptimiserResult,
  model: { readonly variables: number; readonly constraints: number },
  curveRules: CurveRules,
): BidDecision => {
  if (
    (result.status !== 'optimal' && result.status !== 'feasible') ||
    result.bidCurves === undefined
  )
    throw new DomainError(
      'SIMULATION.NO_BID',
      `the bid for ${day} could not be built: solver status ${result.status}` +
        (result.message === undefined ? '' : ` (${result.message})`),
      'day',
    );
  return {
    curves: fitCurvesToRules(
      extendLowestSellToFloor(result.bidCurves, curveRules.priceFloorKrwPerKwh),
      curveRules,
    ),
    schedules: { ...compactSchedules(result), endSocKwh: endSocOf(result, portfolioCase) },
    statusLabel: result.status,
    status: result.status,
    ...(result.gapPct === undefined ? {} : { gapPct: result.gapPct }),
    ...(result.boundKrw === undefined ? {} : { boundKrw: result.boundKrw }),
    objectiveKrw: result.objectiveKrw ?? 0,
    ...(result.solver === undefined ? {} : { solver: result.solver }),
    modelSize: { ...model, binaries: result.lazy.binaries },
    solveSeconds: result.solveSeconds,
  };
};

/**
 * A rule's bid: one schedule (the rule's), price-taking curves fitted to the market's rules. No
 * solver ran: the provenance names the rule as the solver, with `feasible` (a schedule that keeps
 * every limit, not an optimum), no gap or bound, the schedule's expected revenue at the scenario
 * prices as objective, and one decision per interval as its "model".
 */
export const ruleDecision = (
  strategy: RuleStrategy,
  portfolioCase: PortfolioCase,
  curveRules: CurveRules,
): BidDecision => {
  const started = performance.now();
  const bid = ruleBid(strategy, portfolioCase, curveRules);
  const endSocKwh = Object.fromEntries(
    Object.entries(bid.endSocKwh).map(([id, soc]) => [id, round3(soc)]),
  );
  return {
    curves: fitCurvesToRules(bid.curves, curveRules),
    schedules: {
      scenarios: [
        {
          scenario: 0,
          probability: 1,
          objectiveKrw: Math.round(bid.expectedRevenueKrw),
          netPositionKw: bid.netPositionKw.map(round3),
          assetKw: Object.fromEntries(
            Object.entries(bid.assetKw).map(([id, row]) => [id, row.map(round3)]),
          ),
        },
      ],
      endSocKwh: [endSocKwh],
    },
    statusLabel: ruleSolverName(strategy),
    status: 'feasible',
    objectiveKrw: bid.expectedRevenueKrw,
    solver: { name: ruleSolverName(strategy), version: '1' },
    modelSize: { variables: portfolioCase.intervals, constraints: 0, binaries: 0 },
    solveSeconds: (performance.now() - started) / 1000,
  };
};
