import { TradingDay } from '../../../domain/shared/time/trading-day.js';
import {
  settleKpxDay,
  type KpxDaySettlement,
} from '../../../domain/forecasting/metrics/kpx-daily-settlement.js';
import { summariseKpxDays } from '../../../domain/forecasting/metrics/kpx-summary.js';
import { nmae10Pct } from '../../../domain/forecasting/metrics/nmae.js';
import { meanPinballLoss } from '../../../domain/forecasting/metrics/pinball-loss.js';
import {
  meanAbsoluteError,
  meanAbsolutePercentageError,
  rootMeanSquaredError,
} from '../../../domain/forecasting/metrics/point-metrics.js';
import type { ForecastKind } from '../data-files/kpx-data-files.js';
import type { AlignedHours, MethodHours } from './backtest-engine.js';

/** A metric value; null when it is undefined on these hours (none scored, no quantiles, ...). */
export type MetricValue = number | null;
export type MethodMetrics = Readonly<Record<string, MetricValue>>;

/** How a metric reads: which way is better decides the sign of the model's gain. */
export interface MetricSpec {
  readonly key: string;
  readonly label: string;
  readonly better: 'lower' | 'higher' | 'none';
}

/** kWh per MWh: an hour at P MW delivers P MWh = P × 1000 kWh. */
const KWH_PER_MWH = 1000;

const COVERAGE: readonly MetricSpec[] = [
  { key: 'forecastHours', label: 'hours forecast', better: 'none' },
  { key: 'coveragePct', label: 'coverage (%)', better: 'none' },
];

export const METRIC_SPECS: Readonly<Record<ForecastKind, readonly MetricSpec[]>> = {
  pv: [
    { key: 'kpxErrorPct', label: 'KPX error, qualifying hours (% of C)', better: 'lower' },
    { key: 'qualifyingHours', label: 'qualifying hours (G >= 10 % C)', better: 'none' },
    { key: 'incentiveKrw', label: 'incentive, total (KRW)', better: 'higher' },
    { key: 'incentiveTier1Krw', label: 'incentive, tier 1 (KRW)', better: 'higher' },
    { key: 'incentiveTier2Krw', label: 'incentive, tier 2 (KRW)', better: 'higher' },
    { key: 'tier1Hours', label: 'hours in tier 1', better: 'higher' },
    { key: 'tier2Hours', label: 'hours in tier 2', better: 'none' },
    { key: 'nmaePct', label: 'NMAE-10 (% of C, = mean KPX error)', better: 'lower' },
    { key: 'maeMw', label: 'MAE, all scored hours (MW)', better: 'lower' },
    ...COVERAGE,
  ],
  price: [
    { key: 'maeKrwPerKwh', label: 'MAE (KRW/kWh)', better: 'lower' },
    { key: 'mapePct', label: 'MAPE (%)', better: 'lower' },
    { key: 'mapeHours', label: 'MAPE hours (actual > 0)', better: 'none' },
    { key: 'rmseKrwPerKwh', label: 'RMSE (KRW/kWh)', better: 'lower' },
    { key: 'pinballLoss', label: 'pinball loss (KRW/kWh)', better: 'lower' },
    ...COVERAGE,
  ],
  load: [
    { key: 'maeMw', label: 'MAE (MW)', better: 'lower' },
    { key: 'mapePct', label: 'MAPE (%)', better: 'lower' },
    { key: 'nmaePct', label: 'NMAE (% of mean load)', better: 'lower' },
    { key: 'rmseMw', label: 'RMSE (MW)', better: 'lower' },
    ...COVERAGE,
  ],
};

const finiteOrNull = (value: number): MetricValue => (Number.isFinite(value) ? value : null);

const coverage = (aligned: AlignedHours, method: MethodHours) => ({
  forecastHours: method.forecastHours,
  coveragePct: aligned.hours === 0 ? null : (method.forecastHours / aligned.hours) * 100,
});

/** Σ|actual| over the scored hours, the scale of a load's NMAE. */
const meanAbsoluteActual = (actual: Float64Array): number => {
  let sum = 0;
  for (const value of actual) sum += Math.abs(value);
  return actual.length === 0 ? Number.NaN : sum / actual.length;
};

const toKwh = (mw: Float64Array): Float64Array => mw.map((value) => value * KWH_PER_MWH);

/**
 * PV: the KPX scheme (kpx-market-rules.md §4) on the whole series as one resource of capacity
 * C MW, settled day by day with the tiers in force on each day (solar: 6 %/8 % before
 * 2025-06-01, 4 %/6 % from then). An hour at P MW is P × 1000 kWh; C MW is C × 1000 kW.
 */
export const pvMetrics = (
  aligned: AlignedHours,
  method: MethodHours,
  capacityMw: number,
): MethodMetrics => {
  const capacityKw = capacityMw * KWH_PER_MWH;
  const actualKwh = toKwh(aligned.actual);
  const forecastKwh = toKwh(method.point);
  const days: KpxDaySettlement[] = [];
  for (let start = 0; start < aligned.scoredHours;) {
    const epochDay = aligned.epochDays[start]!;
    let end = start;
    while (end < aligned.scoredHours && aligned.epochDays[end] === epochDay) end++;
    days.push(
      settleKpxDay({
        day: TradingDay.fromEpochDay(epochDay),
        resourceKind: 'solar',
        capacityKw,
        forecastKwh: forecastKwh.subarray(start, end),
        actualKwh: actualKwh.subarray(start, end),
      }),
    );
    start = end;
  }
  const kpx = summariseKpxDays(days);
  const nmae = nmae10Pct(actualKwh, forecastKwh, capacityKw);
  const mae = meanAbsoluteError(aligned.actual, method.point);
  return {
    kpxErrorPct: finiteOrNull(kpx.meanErrorQualifyingPct),
    qualifyingHours: kpx.qualifyingHours,
    incentiveKrw: kpx.incentiveTotalKrw,
    incentiveTier1Krw: kpx.incentiveTier1Krw,
    incentiveTier2Krw: kpx.incentiveTier2Krw,
    tier1Hours: kpx.hoursByTier.tier1,
    tier2Hours: kpx.hoursByTier.tier2,
    nmaePct: finiteOrNull(nmae.nmaePct),
    maeMw: finiteOrNull(mae.value),
    ...coverage(aligned, method),
  };
};

/** Price: point errors, and the mean pinball loss of the quantiles (null for a method without). */
export const priceMetrics = (aligned: AlignedHours, method: MethodHours): MethodMetrics => {
  const mape = meanAbsolutePercentageError(aligned.actual, method.point);
  return {
    maeKrwPerKwh: finiteOrNull(meanAbsoluteError(aligned.actual, method.point).value),
    // MAPE leaves out hours with a zero price (the SMP file has some): counted in mapeHours.
    mapePct: finiteOrNull(mape.value),
    mapeHours: mape.count,
    rmseKrwPerKwh: finiteOrNull(rootMeanSquaredError(aligned.actual, method.point).value),
    pinballLoss:
      method.quantiles === undefined || method.quantiles.levels.length === 0
        ? null
        : finiteOrNull(meanPinballLoss(aligned.actual, method.quantiles).value),
    ...coverage(aligned, method),
  };
};

/** Load: point errors; NMAE is the MAE as a share of the mean load (a load has no capacity C). */
export const loadMetrics = (aligned: AlignedHours, method: MethodHours): MethodMetrics => {
  const mae = meanAbsoluteError(aligned.actual, method.point).value;
  return {
    maeMw: finiteOrNull(mae),
    mapePct: finiteOrNull(meanAbsolutePercentageError(aligned.actual, method.point).value),
    nmaePct: finiteOrNull((mae / meanAbsoluteActual(aligned.actual)) * 100),
    rmseMw: finiteOrNull(rootMeanSquaredError(aligned.actual, method.point).value),
    ...coverage(aligned, method),
  };
};

/**
 * The model's gain over a baseline in %, positive when the model is better: for an error
 * (baseline − model) / baseline, for an income (model − baseline) / baseline; null when it
 * cannot be said (a missing value, a zero baseline).
 */
export const gainPct = (
  spec: MetricSpec,
  model: MetricValue,
  baseline: MetricValue,
): MetricValue => {
  if (spec.better === 'none' || model === null || baseline === null || baseline === 0) return null;
  const change = (model - baseline) / Math.abs(baseline);
  return (spec.better === 'lower' ? -change : change) * 100;
};
