import { batterySocTrailKwh } from '../../domain/optimisation/aggregation/battery-soc.js';
import {
  solveAggregated,
  type AggregatedResult,
  type AggregatedSolveOptions,
} from '../../domain/optimisation/aggregation/solve-aggregated.js';
import type { MilpSolver } from '../../domain/optimisation/milp-solver.port.js';
import type {
  CaseAsset,
  PortfolioCase,
} from '../../domain/optimisation/portfolio/portfolio-case.js';
import {
  representativeScenario,
  type AssetInterval,
  type IntervalSchedule,
} from '../../domain/optimisation/portfolio/read-schedule.js';

/**
 * What `gridfolio optimize --aggregate` prints: the optimiser's output shape (status, objective,
 * bound, gap, the most probable scenario's intervals with every DER's setpoints, per-scenario net
 * positions, bid curves) and what the aggregation adds (groups, per-DER and case checks, passes).
 */
export interface AggregatedOptimizeOutput {
  readonly status: AggregatedResult['status'];
  readonly method: 'aggregated';
  readonly objectiveKrw?: number;
  readonly boundKrw?: number;
  readonly gapPct?: number;
  readonly solveSeconds: number;
  /** The DERs' setpoints keep their own limits and, summed, the case's (the bid link included). */
  readonly feasible: boolean;
  /** The most probable scenario (the first on ties); `assets` left out with `summary`. */
  readonly intervals: readonly IntervalSchedule[];
  readonly scenarioSchedules: readonly {
    readonly scenario: number;
    readonly probability: number;
    readonly netPositionKw: readonly number[];
  }[];
  readonly bidCurves?: AggregatedResult['bidCurves'];
  readonly aggregation: Omit<
    AggregatedResult,
    | 'status'
    | 'objectiveKrw'
    | 'boundKrw'
    | 'gapPct'
    | 'solveSeconds'
    | 'feasible'
    | 'netPositionKw'
    | 'bidCurves'
    | 'message'
    | 'diagnosis'
  >;
  /** For an infeasible case: which constraint family and virtual asset could not be met. */
  readonly diagnosis?: AggregatedResult['diagnosis'];
  readonly message?: string;
}

/** A DER's setpoint (power towards the grid, kW) as the optimiser's fields for its kind. */
const assetInterval = (asset: CaseAsset, powerKw: number, t: number): AssetInterval => {
  switch (asset.kind) {
    case 'ess':
    case 'ev_charger':
      return { chargeKw: Math.max(0, -powerKw), dischargeKw: Math.max(0, powerKw) };
    case 'pv':
    case 'fuel_cell':
      return { outputKw: powerKw };
    case 'dr_load':
      return { reductionKw: powerKw };
    case 'load':
      return { consumptionKw: asset.forecastKw[t]! };
  }
};

/**
 * Optimises a case through aggregation (domain/optimisation/aggregation/) and shapes the result
 * as the optimiser's output. Every DER's setpoints of the shown scenario are kept only when
 * `withSetpoints` (a 100,000-DER case has 9.6 million of them per scenario).
 */
export const optimizeAggregated = async (
  portfolioCase: PortfolioCase,
  solver: MilpSolver,
  options: AggregatedSolveOptions & { readonly withSetpoints: boolean },
): Promise<AggregatedOptimizeOutput> => {
  const shown = representativeScenario(portfolioCase);
  const hours = portfolioCase.intervalMinutes / 60;
  const assets = Array.from(
    { length: portfolioCase.intervals },
    (): Record<string, AssetInterval> => ({}),
  );
  const { withSetpoints, ...solveOptions } = options;
  const result = await solveAggregated(portfolioCase, solver, {
    ...solveOptions,
    ...(withSetpoints
      ? {
          onSetpoints: (asset, scenario, powerKw) => {
            if (scenario !== shown) return;
            const soc =
              asset.kind === 'ess' ? batterySocTrailKwh(asset, powerKw, hours) : undefined;
            powerKw.forEach((kw, t) => {
              const interval = assetInterval(asset, kw, t);
              assets[t]![asset.id] =
                soc === undefined ? interval : { ...interval, socKwh: soc[t]! };
            });
          },
        }
      : {}),
  });
  const {
    status,
    objectiveKrw,
    boundKrw,
    gapPct,
    solveSeconds,
    feasible,
    netPositionKw,
    bidCurves,
    message,
    diagnosis,
    ...aggregation
  } = result;
  const net = netPositionKw[shown] ?? [];
  return {
    status,
    method: 'aggregated',
    ...(objectiveKrw === undefined ? {} : { objectiveKrw }),
    ...(boundKrw === undefined ? {} : { boundKrw }),
    ...(gapPct === undefined ? {} : { gapPct }),
    solveSeconds,
    feasible,
    intervals: net.map((kw, t) => ({
      importKw: Math.max(0, -kw),
      exportKw: Math.max(0, kw),
      assets: withSetpoints ? assets[t]! : {},
    })),
    scenarioSchedules: netPositionKw.map((kw, s) => ({
      scenario: s,
      probability: portfolioCase.scenarios[s]!.probability,
      netPositionKw: kw,
    })),
    ...(bidCurves === undefined ? {} : { bidCurves }),
    aggregation,
    ...(diagnosis === undefined ? {} : { diagnosis }),
    ...(message === undefined ? {} : { message }),
  };
};
