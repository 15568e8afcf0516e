import type { PortfolioDayInputs } from '../../domain/bidding/portfolio-case.builder.js';
import type { ForecastSeries } from '../../domain/forecasting/forecast-series.js';
import { buyQuantityAt, sellQuantityAt, type IntervalBid } from '../../domain/market/bid-curve.js';
import type { PortfolioCase } from '../../domain/optimisation/portfolio/portfolio-case.js';
import type { IntervalSchedule } from '../../domain/optimisation/portfolio/read-schedule.js';
import type { OptimiserResult } from '../../domain/optimisation/portfolio/solve-case.js';
import type { TradingDay } from '../../domain/shared/time/trading-day.js';
import type { SimulatedMicro } from './portfolio-day.reader.js';

/** The P50 row of a forecast series (the middle level when 0.5 is not among them). */
export const medianRow = (series: ForecastSeries): readonly number[] => {
  const exact = series.levels.indexOf(0.5);
  const row = series.values[exact >= 0 ? exact : Math.floor(series.values.length / 2)];
  return row ?? [];
};

const seriesOf = (
  series: readonly ForecastSeries[],
  microVppId: string,
  kind: ForecastSeries['assetKind'],
): ForecastSeries | undefined =>
  series.find((s) => s.microVppId === microVppId && s.assetKind === kind);

/**
 * The optimiser's inputs for the day: every micro-VPP with its DERs and its P50 PV and load
 * forecasts, batteries starting where the previous simulated day left them.
 */
export const portfolioDayInputs = (args: {
  readonly day: TradingDay;
  readonly intervalMinutes: number;
  readonly forecastIntervalMinutes: number;
  readonly micros: readonly SimulatedMicro[];
  readonly forecast: readonly ForecastSeries[];
  readonly scenarios: readonly (readonly number[])[];
  readonly initialSocKwh: Readonly<Record<string, number>>;
}): PortfolioDayInputs => ({
  day: args.day,
  intervalMinutes: args.intervalMinutes,
  forecastIntervalMinutes: args.forecastIntervalMinutes,
  micros: args.micros.map((micro) => {
    const pv = seriesOf(args.forecast, micro.microVppId, 'pv');
    const load = seriesOf(args.forecast, micro.microVppId, 'load');
    const pvDers = micro.ders.filter((d) => d.parameters.kind === 'pv');
    return {
      microVppId: micro.microVppId,
      settings: micro.settings,
      ders: micro.ders.map((der) => {
        const soc = args.initialSocKwh[der.derId];
        return {
          derId: der.derId,
          parameters: der.parameters,
          ...(soc === undefined ? {} : { initialSocKwh: soc }),
        };
      }),
      ...(pv === undefined ? {} : { pvForecastKwh: medianRow(pv) }),
      ...(pvDers.length === 0
        ? {}
        : {
            pvCurtailable: pvDers.every(
              (d) => d.parameters.kind === 'pv' && d.parameters.curtailable,
            ),
          }),
      ...(load === undefined ? {} : { loadForecastKwh: medianRow(load) }),
    };
  }),
  priceScenarios: args.scenarios.map((smp) => ({
    probability: 1 / args.scenarios.length,
    smpKrwPerKwh: smp,
  })),
});

/** Signed power of an asset in a schedule: towards the grid positive (what the twin's setpoints use). */
const signedKw = (asset: IntervalSchedule['assets'][string]): number =>
  (asset.dischargeKw ?? 0) -
  (asset.chargeKw ?? 0) +
  (asset.outputKw ?? 0) +
  (asset.reductionKw ?? 0) -
  (asset.consumptionKw ?? 0);

const round3 = (value: number): number => Math.round(value * 1000) / 1000;

/**
 * The per-scenario schedules as the bid stream keeps them: each scenario's net position and every
 * asset's signed power per interval (kW, rounded to watts). Delivery reads them back from the
 * BidDrafted event, so a re-run after a crash dispatches the very schedules that were bid.
 */
export interface CompactSchedules {
  readonly scenarios: readonly {
    readonly scenario: number;
    readonly probability: number;
    readonly objectiveKrw: number;
    readonly netPositionKw: readonly number[];
    readonly assetKw: Readonly<Record<string, readonly number[]>>;
  }[];
  /** Per scenario, each battery's state of charge at the end of the day (the next day's start). */
  readonly endSocKwh?: readonly Readonly<Record<string, number>>[];
  /** For a bid built through aggregation, how far the DERs' own setpoints kept to the case. */
  readonly aggregation?: AggregationCheck;
}

/** The DERs' setpoints of an aggregated bid, checked (domain/optimisation/aggregation/). */
export interface AggregationCheck {
  /** DER-scenario pairs whose setpoints break the DER's own limits. */
  readonly perDerViolations: number;
  /**
   * Limits of the case the summed setpoints break: meters, communities, the portfolio's import
   * and export, and the bid-curve link (a higher price never gives a smaller net position).
   */
  readonly caseViolations: number;
  readonly worstCaseViolationKw: number;
  /** The first few of them. */
  readonly caseViolationExamples: readonly string[];
  /** What the virtual assets were scheduled for and no DER followed, probability-weighted. */
  readonly unfollowedKwh: number;
}

export const compactSchedules = (result: OptimiserResult): CompactSchedules => {
  const schedules = result.scenarioSchedules ?? [
    {
      scenario: 0,
      probability: 1,
      objectiveKrw: result.objectiveKrw ?? 0,
      netPositionKw: result.intervals.map((i) => i.exportKw - i.importKw),
      intervals: result.intervals,
    },
  ];
  return {
    scenarios: schedules.map((s) => {
      const assetKw: Record<string, number[]> = {};
      s.intervals.forEach((interval, t) => {
        for (const [id, asset] of Object.entries(interval.assets)) {
          const row = (assetKw[id] ??= Array.from({ length: s.intervals.length }, () => 0));
          row[t] = round3(signedKw(asset));
        }
      });
      return {
        scenario: s.scenario,
        probability: s.probability,
        objectiveKrw: Math.round(s.objectiveKrw),
        netPositionKw: s.netPositionKw.map(round3),
        assetKw,
      };
    }),
  };
};

/**
 * How far each scenario's schedule falls short of what the curves offer at that scenario's
 * prices, kWh: the probability-weighted expectation and the worst scenario.
 */
export const shortfallOf = (
  portfolioCase: PortfolioCase,
  curves: readonly IntervalBid[],
  schedules: CompactSchedules,
): { expectedKwh: number; worstKwh: number; samples: number } => {
  const hours = portfolioCase.intervalMinutes / 60;
  let expected = 0;
  let worst = 0;
  schedules.scenarios.forEach((s, index) => {
    const prices = portfolioCase.scenarios[index]?.exportPricesKrwPerKwh ?? [];
    let short = 0;
    for (const bid of curves) {
      const price = prices[bid.interval] ?? 0;
      const offered = sellQuantityAt(bid.sell, price) - buyQuantityAt(bid.buy, price);
      short += Math.max(0, offered - (s.netPositionKw[bid.interval] ?? 0)) * hours;
    }
    expected += s.probability * short;
    worst = Math.max(worst, short);
  });
  return {
    expectedKwh: round3(expected),
    worstKwh: Math.max(round3(worst), round3(expected)),
    samples: Math.max(1, schedules.scenarios.length),
  };
};
