import { fitCurvesToRules } from '../../../domain/bidding/fit-curves-to-rules.js';
import { extendLowestSellToFloor } from '../../../domain/bidding/strategies/floor-extended-offer.js';
import { batterySocTrailKwh } from '../../../domain/optimisation/aggregation/battery-soc.js';
import { memberCostKrw } from '../../../domain/optimisation/aggregation/member-cost.js';
import { PortfolioPosition } from '../../../domain/optimisation/aggregation/portfolio-position.js';
import {
  solveAggregated,
  type AggregatedResult,
} from '../../../domain/optimisation/aggregation/solve-aggregated.js';
import {
  DEFAULT_RELATIVE_GAP,
  type MilpSolver,
} from '../../../domain/optimisation/milp-solver.port.js';
import { bidCurvesFromSchedules } from '../../../domain/optimisation/portfolio/bid-curves.js';
import type {
  CaseAsset,
  CaseSite,
  PortfolioCase,
} from '../../../domain/optimisation/portfolio/portfolio-case.js';
import type { CurveRules } from '../../../domain/market/market-rules.js';
import { DomainError } from '../../../domain/shared/domain-error.js';
import type { AggregationCheck, CompactSchedules } from '../day-ahead-bid.js';
import type { BidDecision } from './bid-decision.js';

/**
 * Above this many DERs the day's bid is solved meter by meter through aggregation (see
 * `aggregatedDecision`). The monolithic scenario model grows with every DER: the 1,000-DER scale
 * portfolio with 5 scenarios is 277,680 columns x 182,761 rows that glpk.js did not solve in
 * 600 s, while a meter's own model is a few thousand columns. The demo portfolio (a few DERs)
 * stays well below, on the exact MILP, so its results do not change.
 */
export const AGGREGATE_ABOVE_ASSETS = 100;

export const shouldAggregate = (portfolioCase: PortfolioCase): boolean =>
  portfolioCase.assets.length > AGGREGATE_ABOVE_ASSETS;

const round3 = (value: number): number => Math.round(value * 1000) / 1000;

/** What the DERs' setpoints add up to, fed DER by DER as solveAggregated hands them out. */
class SetpointCollector {
  readonly assetKw: Record<string, number[]>[];
  readonly endSocKwh: Record<string, number>[];
  // solveAggregated values the case on the DERs' setpoints but keeps only the weighted sum; the
  // schedules record each scenario's own value, and the coupling limits are checked on the sum.
  readonly position: PortfolioPosition;

  constructor(private readonly portfolioCase: PortfolioCase) {
    this.assetKw = portfolioCase.scenarios.map(() => ({}));
    this.endSocKwh = portfolioCase.scenarios.map(() => ({}));
    this.position = new PortfolioPosition(portfolioCase);
  }

  readonly onSetpoints = (asset: CaseAsset, scenario: number, powerKw: Float64Array): void => {
    const hours = this.portfolioCase.intervalMinutes / 60;
    this.assetKw[scenario]![asset.id] = Array.from(powerKw, round3);
    if (asset.kind === 'ess')
      this.endSocKwh[scenario]![asset.id] = round3(
        batterySocTrailKwh(asset, powerKw, hours).at(-1) ?? asset.initialSocKwh,
      );
    this.position.add(asset.siteId, scenario, powerKw, memberCostKrw(asset, powerKw, hours));
  };
}

/** One meter's DERs as a case of their own: the limits shared with other meters left out. */
const meterCase = (
  portfolioCase: PortfolioCase,
  site: CaseSite,
  assets: readonly CaseAsset[],
): PortfolioCase => ({
  intervalMinutes: portfolioCase.intervalMinutes,
  intervals: portfolioCase.intervals,
  scenarios: portfolioCase.scenarios,
  sites: [
    {
      id: site.id,
      ...(site.importLimitKw === undefined ? {} : { importLimitKw: site.importLimitKw }),
      ...(site.exportLimitKw === undefined ? {} : { exportLimitKw: site.exportLimitKw }),
    },
  ],
  communities: [],
  assets,
});

interface Solved {
  readonly status: AggregatedResult['status'];
  readonly perDerViolations: number;
  readonly unfollowedKwh: number;
  readonly objectiveKrw?: number;
  readonly boundKrw?: number;
  readonly solveSeconds: number;
  readonly message?: string;
  readonly variables: number;
  readonly constraints: number;
}

/**
 * Meter by meter: grouping never crosses a meter anyway, and the scale portfolio has one meter per
 * micro-VPP (a few DERs each), so the aggregate of the whole case is hardly smaller than the case
 * and its LP as slow as the case's. Only for a case whose meters share no limit (no community or
 * portfolio limit): the meters' cases are then independent, their bounds sum to the case's bound
 * and their setpoints to a schedule of the case. The bid-curve link holds for the sum wherever it
 * holds for each meter; where a meter's disaggregation breaks it, the curves are made from the
 * positions as solveAggregated makes them for a whole case.
 */
const solveByMeter = async (
  portfolioCase: PortfolioCase,
  solver: MilpSolver,
  timeLimitSeconds: number,
  collector: SetpointCollector,
): Promise<Solved> => {
  const bySite = new Map<string, CaseAsset[]>();
  for (const asset of portfolioCase.assets) {
    const assets = bySite.get(asset.siteId) ?? [];
    assets.push(asset);
    bySite.set(asset.siteId, assets);
  }
  let objectiveKrw = 0;
  let boundKrw = 0;
  let solveSeconds = 0;
  let perDerViolations = 0;
  let unfollowedKwh = 0;
  let variables = 0;
  let constraints = 0;
  for (const site of portfolioCase.sites) {
    const assets = bySite.get(site.id);
    if (assets === undefined) continue;
    const siteCase = meterCase(portfolioCase, site, assets);
    const result = await solveAggregated(siteCase, solver, {
      timeLimitSeconds,
      onSetpoints: collector.onSetpoints,
    });
    solveSeconds += result.solveSeconds;
    perDerViolations += result.perDerViolations;
    unfollowedKwh += result.deficitKwh;
    if (
      (result.status !== 'optimal' && result.status !== 'feasible') ||
      result.objectiveKrw === undefined ||
      result.boundKrw === undefined
    )
      return {
        status: result.status,
        solveSeconds,
        message: `meter ${site.id}: ${result.message ?? result.status}`,
        perDerViolations,
        unfollowedKwh,
        variables,
        constraints,
      };
    objectiveKrw += result.objectiveKrw;
    boundKrw += result.boundKrw;
    variables += result.modelSize.variables;
    constraints += result.modelSize.constraints;
  }
  const closed = boundKrw - objectiveKrw <= DEFAULT_RELATIVE_GAP * Math.max(1, Math.abs(boundKrw));
  return {
    status: closed ? 'optimal' : 'feasible',
    objectiveKrw,
    boundKrw,
    solveSeconds,
    perDerViolations,
    unfollowedKwh,
    variables,
    constraints,
  };
};

const sharesNoLimit = (portfolioCase: PortfolioCase): boolean =>
  portfolioCase.gridExportLimitKw === undefined &&
  portfolioCase.gridImportLimitKw === undefined &&
  portfolioCase.communities.length === 0;

const solveWhole = async (
  portfolioCase: PortfolioCase,
  solver: MilpSolver,
  timeLimitSeconds: number,
  collector: SetpointCollector,
): Promise<Solved> => {
  const result = await solveAggregated(portfolioCase, solver, {
    timeLimitSeconds,
    onSetpoints: collector.onSetpoints,
  });
  return {
    status: result.status,
    solveSeconds: result.solveSeconds,
    perDerViolations: result.perDerViolations,
    unfollowedKwh: result.deficitKwh,
    variables: result.modelSize.variables,
    constraints: result.modelSize.constraints,
    ...(result.objectiveKrw === undefined ? {} : { objectiveKrw: result.objectiveKrw }),
    ...(result.boundKrw === undefined ? {} : { boundKrw: result.boundKrw }),
    ...(result.message === undefined ? {} : { message: result.message }),
  };
};

const MAX_VIOLATION_EXAMPLES = 5;

/** The whole case's limits and bid link checked on the DERs' summed setpoints, every meter's. */
const aggregationCheck = (
  portfolioCase: PortfolioCase,
  collector: SetpointCollector,
  solved: Solved,
): AggregationCheck => {
  const { messages, worstKw } = collector.position.violations();
  return {
    perDerViolations: solved.perDerViolations,
    caseViolations: messages.length,
    worstCaseViolationKw: round3(worstKw),
    caseViolationExamples: messages.slice(0, MAX_VIOLATION_EXAMPLES),
    unfollowedKwh: round3(solved.unfollowedKwh),
  };
};

/**
 * The day's bid through aggregation (domain/optimisation/aggregation/): like DERs as virtual
 * assets, their LP relaxation as the proven bound and the schedule, shared among the DERs within
 * their own limits. Solved meter by meter where the meters share no limit (`solveByMeter`),
 * as one case otherwise. The curves come from the DERs' summed net position,
 * every DER's setpoints per scenario are the schedules the twin follows (with each battery's
 * end-of-day state), and the recorded model size is that of the aggregated models solved.
 */
export const aggregatedDecision = async (
  day: string,
  portfolioCase: PortfolioCase,
  solver: MilpSolver,
  options: { readonly timeLimitSeconds: number; readonly curveRules: CurveRules },
): Promise<BidDecision> => {
  const collector = new SetpointCollector(portfolioCase);
  const solved = await (sharesNoLimit(portfolioCase) ? solveByMeter : solveWhole)(
    portfolioCase,
    solver,
    options.timeLimitSeconds,
    collector,
  );
  if (
    (solved.status !== 'optimal' && solved.status !== 'feasible') ||
    solved.objectiveKrw === undefined
  )
    throw new DomainError(
      'SIMULATION.NO_BID',
      `the aggregated bid for ${day} could not be built: solver status ${solved.status}` +
        (solved.message === undefined ? '' : ` (${solved.message})`),
      'day',
    );
  const { scenarioKrw } = collector.position.objective();
  const netPositionKw = collector.position.netPositionKw();
  const schedules: CompactSchedules = {
    scenarios: portfolioCase.scenarios.map((scenario, s) => ({
      scenario: s,
      probability: scenario.probability,
      objectiveKrw: Math.round(scenarioKrw[s]!),
      netPositionKw: netPositionKw[s]!.map(round3),
      assetKw: collector.assetKw[s]!,
    })),
    endSocKwh: collector.endSocKwh,
    aggregation: aggregationCheck(portfolioCase, collector, solved),
  };
  const curves = bidCurvesFromSchedules(
    portfolioCase,
    netPositionKw,
    options.curveRules.maxSegments,
  );
  const gapPct =
    solved.boundKrw === undefined || Math.abs(solved.boundKrw) < 1e-9
      ? undefined
      : (100 * Math.max(0, solved.boundKrw - solved.objectiveKrw)) / Math.abs(solved.boundKrw);
  return {
    curves: fitCurvesToRules(
      extendLowestSellToFloor(curves, options.curveRules.priceFloorKrwPerKwh),
      options.curveRules,
    ),
    schedules,
    statusLabel: solved.status,
    status: solved.status,
    ...(gapPct === undefined ? {} : { gapPct }),
    ...(solved.boundKrw === undefined ? {} : { boundKrw: solved.boundKrw }),
    objectiveKrw: solved.objectiveKrw,
    modelSize: { variables: solved.variables, constraints: solved.constraints, binaries: 0 },
    solveSeconds: solved.solveSeconds,
  };
};
