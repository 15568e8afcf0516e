import { fitCurvesToRules } from '../../../domain/bidding/fit-curves-to-rules.js';
import { extendLowestSellToFloor } from '../../../domain/bidding/strategies/floor-extended-offer.js';
import { aggregateCase } from '../../../domain/optimisation/aggregation/group-ders.js';
import { memberCostKrw } from '../../../domain/optimisation/aggregation/member-cost.js';
import { PortfolioPosition } from '../../../domain/optimisation/aggregation/portfolio-position.js';
import { solveAggregated } from '../../../domain/optimisation/aggregation/solve-aggregated.js';
import type { MilpSolver } from '../../../domain/optimisation/milp-solver.port.js';
import { buildPortfolioModel } from '../../../domain/optimisation/portfolio/build-portfolio-model.js';
import { BinaryPlan } from '../../../domain/optimisation/portfolio/model-context.js';
import type {
  CaseAsset,
  PortfolioCase,
} from '../../../domain/optimisation/portfolio/portfolio-case.js';
import type { CurveRules } from '../../../domain/market/market-rules.js';
import { DomainError } from '../../../domain/shared/domain-error.js';
import type { CompactSchedules } from '../day-ahead-bid.js';
import type { BidDecision } from './bid-decision.js';

/**
 * Above this many DERs the day's bid is solved on the aggregated case (like DERs per meter as
 * virtual assets, their LP relaxation as bound and schedule, disaggregated to every DER). The
 * monolithic scenario model grows with every DER: 1,000 DERs with 5 scenarios are 277,680
 * columns x 182,761 rows that glpk.js did not solve in 600 s, while the aggregate of the same
 * portfolio is 17 virtual assets solved in ~10 s with a gap of ~1 %. The demo portfolio (a few
 * DERs) stays well below, on the exact MILP, so its results do not change.
 */
export const AGGREGATE_ABOVE_ASSETS = 100;

export const shouldAggregate = (portfolioCase: PortfolioCase): boolean =>
  portfolioCase.assets.length > AGGREGATE_ABOVE_ASSETS;

const round3 = (value: number): number => Math.round(value * 1000) / 1000;

/** A battery's state of charge after following its setpoints (towards the grid positive). */
const endSocOf = (
  asset: Extract<CaseAsset, { kind: 'ess' }>,
  powerKw: Float64Array,
  hours: number,
): number => {
  let soc = asset.initialSocKwh;
  for (const p of powerKw)
    soc -= p < 0 ? p * asset.chargeEfficiency * hours : (p * hours) / asset.dischargeEfficiency;
  return soc;
};

/**
 * The day's bid through aggregation: curves from the DERs' summed net position, every DER's own
 * setpoints per scenario as the schedules the twin follows (with each battery's end-of-day state),
 * the aggregate's LP relaxation as the recorded bound, and the aggregate model's size.
 */
export const aggregatedDecision = async (
  day: string,
  portfolioCase: PortfolioCase,
  solver: MilpSolver,
  options: { readonly timeLimitSeconds: number; readonly curveRules: CurveRules },
): Promise<BidDecision> => {
  const hours = portfolioCase.intervalMinutes / 60;
  const assetKw = portfolioCase.scenarios.map((): Record<string, number[]> => ({}));
  const endSocKwh = portfolioCase.scenarios.map((): Record<string, number> => ({}));
  // solveAggregated values the case on the DERs' setpoints but keeps only the weighted sum; the
  // schedules record each scenario's own value, so the setpoints are summed here as well.
  const position = new PortfolioPosition(portfolioCase);
  const result = await solveAggregated(portfolioCase, solver, {
    timeLimitSeconds: options.timeLimitSeconds,
    maxSegments: options.curveRules.maxSegments,
    onSetpoints: (asset, scenario, powerKw) => {
      assetKw[scenario]![asset.id] = Array.from(powerKw, round3);
      if (asset.kind === 'ess')
        endSocKwh[scenario]![asset.id] = round3(endSocOf(asset, powerKw, hours));
      position.add(asset.siteId, scenario, powerKw, memberCostKrw(asset, powerKw, hours));
    },
  });
  if (
    (result.status !== 'optimal' && result.status !== 'feasible') ||
    result.bidCurves === undefined ||
    result.objectiveKrw === undefined
  )
    throw new DomainError(
      'SIMULATION.NO_BID',
      `the aggregated bid for ${day} could not be built: solver status ${result.status}` +
        (result.message === undefined ? '' : ` (${result.message})`),
      'day',
    );
  const { scenarioKrw } = position.objective();
  const schedules: CompactSchedules = {
    scenarios: portfolioCase.scenarios.map((scenario, s) => ({
      scenario: s,
      probability: scenario.probability,
      objectiveKrw: Math.round(scenarioKrw[s]!),
      netPositionKw: result.netPositionKw[s]!.map(round3),
      assetKw: assetKw[s]!,
    })),
    endSocKwh,
  };
  const { model } = buildPortfolioModel(aggregateCase(portfolioCase).aggregate, {
    binaries: new BinaryPlan(),
  });
  return {
    curves: fitCurvesToRules(
      extendLowestSellToFloor(result.bidCurves, options.curveRules.priceFloorKrwPerKwh),
      options.curveRules,
    ),
    schedules,
    statusLabel: result.status,
    status: result.status,
    ...(result.gapPct === undefined ? {} : { gapPct: result.gapPct }),
    ...(result.boundKrw === undefined ? {} : { boundKrw: result.boundKrw }),
    objectiveKrw: result.objectiveKrw,
    modelSize: {
      variables: model.variables.names.length,
      constraints: model.constraints.names.length,
      binaries: 0,
    },
    solveSeconds: result.solveSeconds,
  };
};
