import type { TradingDay } from '../../shared/time/trading-day.js';
import { DEFAULT_LEVELS, MAX_CLEARNESS_RATIO, type ClearnessOutlook } from './clearness.js';
import type { ClearSkyOptions } from './clear-sky.js';
import { dayAt, dayCount, type HourlySeries } from '../hourly-series.js';
import { DEFAULT_PV_LOCATION } from './pv-plant.js';
import { clearSkyDayTrack, integrateSubSteps, planeOfArrayTrack } from './sub-step-irradiance.js';

/**
 * Clearness learnt from a fleet's hourly output (the KPX market solar series), for day-ahead use.
 *
 * 1. Reference: clear-sky plane-of-array irradiance at a representative place and orientation
 *    (Korea centroid, 25° south), hourly, from the solar geometry.
 * 2. Effective fleet response: the market series does not follow the sun's timing exactly (it
 *    reports output into the evening, after sunset, as a lagged tail), so the fleet's clear-sky
 *    capacity factor is modelled as a non-negative mix of the reference delayed by 0..4 hours,
 *    fitted by non-negative least squares to the last `kernelDays` days of capacity factor. A
 *    scale then makes clear days (the 90th percentile of daily clearness) equal to 1.
 * 3. Daily clearness K_d = Σ_h CF / Σ_h clear-sky CF; an hourly shape (median of the hour's ratio
 *    over the day's K across the last `shapeDays` days) carries the intraday pattern.
 * 4. Day-ahead level K̂ = w·K_{d-1} + (1 − w)·Q_τ(K over the last `recentDays` days): persistence
 *    blended with a recent-quantile climatology. (w, τ) are chosen on past days only, by the KPX
 *    error rate over the last `fitDays` days. τ above 0.5 is not a bias by mistake: the KPX error
 *    only counts hours with output ≥ 10 % of capacity, which removes the darkest outcomes, so the
 *    error-minimising point sits above the unconditional median.
 * 5. Quantiles: K̂ × the empirical quantiles of past K / K̂ over the last `errorDays` days.
 */
export interface MarketClearnessOptions {
  readonly latitude?: number;
  readonly longitude?: number;
  readonly tiltDeg?: number;
  readonly azimuthDeg?: number;
  readonly clearSky?: ClearSkyOptions;
  readonly levels?: readonly number[];
  readonly kernelDays?: number;
  readonly shapeDays?: number;
  readonly recentDays?: number;
  readonly fitDays?: number;
  readonly errorDays?: number;
  /** Candidate persistence weights w and level quantiles τ searched when fitting. */
  readonly weightGrid?: readonly number[];
  readonly quantileGrid?: readonly number[];
  /** Output share of capacity below which an hour does not count in the KPX error (0.1). */
  readonly qualifyingShare?: number;
}

export const MARKET_REFERENCE_ORIENTATION = { tiltDeg: 25, azimuthDeg: 180 } as const;
export const KERNEL_LAGS = 5;
const DEFAULTS = {
  kernelDays: 30,
  shapeDays: 14,
  recentDays: 14,
  // A long fit window and a coarse grid: on 2024 data, shorter windows or finer grids chase noise.
  fitDays: 120,
  errorDays: 90,
  weightGrid: [0.3, 0.4, 0.5],
  quantileGrid: [0.5, 0.6, 0.7],
  qualifyingShare: 0.1,
  /** Used until enough days exist to fit (w, τ). */
  fallbackWeight: 0.4,
  fallbackQuantile: 0.6,
  /** Fewer past days than this and the model does not forecast. */
  minimumDays: 3,
};

export interface MarketClearness {
  /** C used to normalise the series into capacity factors (series unit, e.g. MW). */
  readonly capacity: number;
  /** Calibrated clear-sky capacity factor of the fleet for the target day, per hour. */
  readonly clearSkyCf: Float64Array;
  /** Multiplier of the level per hour (intraday pattern), ~1 around noon. */
  readonly hourlyShape: Float64Array;
  /** The KPX-tuned level K̂ (point forecast). */
  readonly pointClearness: number;
  /** Daily clearness per level (quantiles). */
  readonly outlook: ClearnessOutlook;
  readonly fitted: { readonly weight: number; readonly quantile: number; readonly scale: number };
  readonly kernel: Float64Array;
}

/** Linear-interpolated empirical quantile of finite values; NaN when there are none. */
export const empiricalQuantile = (values: readonly number[], level: number): number => {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const position = level * (sorted.length - 1);
  const low = Math.floor(position);
  const lowValue = sorted[low] as number;
  const highValue = sorted[Math.min(low + 1, sorted.length - 1)] as number;
  return lowValue + (highValue - lowValue) * (position - low);
};

/** Non-negative least squares by cyclic coordinate descent on the normal equations (tiny p). */
const nonNegativeLeastSquares = (
  gram: Float64Array[],
  rhs: Float64Array,
  sweeps = 300,
): Float64Array => {
  const p = rhs.length;
  const x = new Float64Array(p);
  for (let sweep = 0; sweep < sweeps; sweep++)
    for (let i = 0; i < p; i++) {
      const row = gram[i] as Float64Array;
      const diagonal = row[i] as number;
      if (!(diagonal > 0)) continue;
      let residual = rhs[i] as number;
      for (let j = 0; j < p; j++) if (j !== i) residual -= (row[j] as number) * (x[j] as number);
      x[i] = Math.max(0, residual / diagonal);
    }
  return x;
};

/** Hourly clear-sky reference (mean POA kW/m² per hour) per day, memoised by day. */
export class ReferenceClearSky {
  private readonly memo = new Map<number, Float64Array>();

  constructor(
    private readonly latitude: number,
    private readonly longitude: number,
    private readonly orientation: { tiltDeg: number; azimuthDeg: number },
    private readonly clearSky: ClearSkyOptions = {},
  ) {}

  hourly(day: TradingDay): Float64Array {
    const cached = this.memo.get(day.epochDay);
    if (cached !== undefined) return cached;
    const track = clearSkyDayTrack(day, this.latitude, this.longitude, this.clearSky);
    const whPerM2 = integrateSubSteps(planeOfArrayTrack(track, this.orientation), 60);
    const kwPerM2 = whPerM2.map((value) => value / 1000);
    this.memo.set(day.epochDay, kwPerM2);
    return kwPerM2;
  }
}

export const createReferenceClearSky = (options: MarketClearnessOptions = {}): ReferenceClearSky =>
  new ReferenceClearSky(
    options.latitude ?? DEFAULT_PV_LOCATION.latitude,
    options.longitude ?? DEFAULT_PV_LOCATION.longitude,
    {
      tiltDeg: options.tiltDeg ?? MARKET_REFERENCE_ORIENTATION.tiltDeg,
      azimuthDeg: options.azimuthDeg ?? MARKET_REFERENCE_ORIENTATION.azimuthDeg,
    },
    options.clearSky,
  );

const lagged = (reference: Float64Array, hour: number, lag: number): number =>
  hour - lag >= 0 ? (reference[hour - lag] as number) : 0;

const effective = (
  reference: Float64Array,
  kernel: Float64Array,
  out: Float64Array,
): Float64Array => {
  for (let h = 0; h < 24; h++) {
    let total = 0;
    for (let j = 0; j < KERNEL_LAGS; j++) total += (kernel[j] as number) * lagged(reference, h, j);
    out[h] = total;
  }
  return out;
};

/** The series' capacity: its largest finite value before `endDayIndex` (exclusive). */
export const seriesCapacity = (history: HourlySeries, endDayIndex: number): number => {
  const end = Math.min(endDayIndex, dayCount(history)) * 24;
  let max = 0;
  for (let i = 0; i < end; i++) {
    const value = history.values[i] as number;
    if (value > max) max = value;
  }
  return max;
};

/**
 * Learns the clearness outlook for `targetDayIndex` from days before it. Returns undefined when
 * the history is too short (fewer than 3 usable days) or holds no output.
 */
export const learnMarketClearness = (
  history: HourlySeries,
  targetDayIndex: number,
  reference: ReferenceClearSky,
  options: MarketClearnessOptions & { readonly capacity?: number } = {},
): MarketClearness | undefined => {
  const o = { ...DEFAULTS, ...options };
  const levels = options.levels ?? DEFAULT_LEVELS;
  const lastDay = Math.min(targetDayIndex, dayCount(history)); // exclusive
  const capacity = options.capacity ?? seriesCapacity(history, lastDay);
  if (!(capacity > 0) || lastDay < o.minimumDays) return undefined;
  const firstDay = Math.max(
    0,
    lastDay -
      Math.max(o.errorDays + o.recentDays, o.fitDays + o.recentDays, o.kernelDays, o.shapeDays),
  );
  const span = lastDay - firstDay;
  const cf = (d: number, h: number): number => (history.values[d * 24 + h] as number) / capacity;

  // 2. Kernel from the last kernelDays days.
  const gram = Array.from({ length: KERNEL_LAGS }, () => new Float64Array(KERNEL_LAGS));
  const rhs = new Float64Array(KERNEL_LAGS);
  for (let d = Math.max(0, lastDay - o.kernelDays); d < lastDay; d++) {
    const ref = reference.hourly(dayAt(history, d));
    for (let h = 0; h < 24; h++) {
      const y = cf(d, h);
      if (!Number.isFinite(y)) continue;
      for (let i = 0; i < KERNEL_LAGS; i++) {
        const xi = lagged(ref, h, i);
        rhs[i] = (rhs[i] as number) + xi * y;
        const row = gram[i] as Float64Array;
        for (let j = 0; j < KERNEL_LAGS; j++) row[j] = (row[j] as number) + xi * lagged(ref, h, j);
      }
    }
  }
  const kernel = nonNegativeLeastSquares(gram, rhs);
  if (!kernel.some((a) => a > 0)) return undefined;

  // 3. Effective clear-sky CF and daily clearness for every day in the window.
  const clearCf = Array.from({ length: span + 1 }, () => new Float64Array(24));
  const daily = new Float64Array(span).fill(Number.NaN);
  for (let i = 0; i <= span; i++) {
    effective(reference.hourly(dayAt(history, firstDay + i)), kernel, clearCf[i] as Float64Array);
    if (i === span) break;
    let actual = 0;
    let clear = 0;
    let complete = true;
    for (let h = 0; h < 24; h++) {
      const value = cf(firstDay + i, h);
      if (!Number.isFinite(value)) complete = false;
      actual += value;
      clear += (clearCf[i] as Float64Array)[h] as number;
    }
    if (complete && clear > 0) daily[i] = actual / clear;
  }
  const recentDaily = Array.from(daily.subarray(Math.max(0, span - o.kernelDays)));
  let scale = empiricalQuantile(recentDaily, 0.9);
  if (!(scale > 0)) scale = 1;
  for (const row of clearCf) for (let h = 0; h < 24; h++) row[h] = (row[h] as number) * scale;
  for (let i = 0; i < span; i++) daily[i] = (daily[i] as number) / scale;

  // Hourly shape from the last shapeDays days.
  const hourlyShape = new Float64Array(24).fill(1);
  for (let h = 0; h < 24; h++) {
    const samples: number[] = [];
    for (let i = Math.max(0, span - o.shapeDays); i < span; i++) {
      const row = clearCf[i] as Float64Array;
      const peak = Math.max(...row);
      const k = daily[i] as number;
      const clear = row[h] as number;
      if (!(k > 0) || !(clear > 0.05 * peak)) continue;
      samples.push(cf(firstDay + i, h) / (clear * k));
    }
    const median = empiricalQuantile(samples, 0.5);
    if (Number.isFinite(median)) hourlyShape[h] = Math.min(5, Math.max(0, median));
  }

  // 4. Level forecast for window day i from days before it.
  const levelFor = (i: number, weight: number, quantile: number): number => {
    const recent = Array.from(daily.subarray(Math.max(0, i - o.recentDays), i));
    const base = empiricalQuantile(recent, quantile);
    const yesterday = i > 0 ? (daily[i - 1] as number) : Number.NaN;
    if (!Number.isFinite(base)) return yesterday;
    return Number.isFinite(yesterday) ? weight * yesterday + (1 - weight) * base : base;
  };
  const qualifying = o.qualifyingShare;
  const pastError = (weight: number, quantile: number): number => {
    let total = 0;
    let count = 0;
    for (let i = Math.max(o.recentDays, span - o.fitDays); i < span; i++) {
      const level = levelFor(i, weight, quantile);
      if (!Number.isFinite(level)) continue;
      const row = clearCf[i] as Float64Array;
      for (let h = 0; h < 24; h++) {
        const actual = cf(firstDay + i, h);
        if (!(actual >= qualifying)) continue;
        total += Math.abs((row[h] as number) * (hourlyShape[h] as number) * level - actual);
        count++;
      }
    }
    return count > 0 ? total / count : Number.NaN;
  };
  let weight = o.fallbackWeight;
  let quantile = o.fallbackQuantile;
  if (span - o.recentDays >= 14) {
    let best = Number.POSITIVE_INFINITY;
    for (const w of o.weightGrid)
      for (const q of o.quantileGrid) {
        const error = pastError(w, q);
        if (error < best - 1e-12) {
          best = error;
          weight = w;
          quantile = q;
        }
      }
  }
  const pointClearness = Math.min(
    MAX_CLEARNESS_RATIO,
    Math.max(0, levelFor(span, weight, quantile)),
  );
  if (!Number.isFinite(pointClearness)) return undefined;

  // 5. Quantiles from past errors (ratio actual / forecast level).
  const errors: number[] = [];
  for (let i = Math.max(1, span - o.errorDays); i < span; i++) {
    const level = levelFor(i, weight, quantile);
    const actual = daily[i] as number;
    if (level > 0 && Number.isFinite(actual)) errors.push(actual / level);
  }
  const byLevel = levels.map((level) => {
    const factor = errors.length >= 10 ? empiricalQuantile(errors, level) : 1;
    return Math.min(MAX_CLEARNESS_RATIO, Math.max(0, pointClearness * factor));
  });
  // Sorting keeps the quantiles ordered even if interpolation ever produced a tie out of order.
  byLevel.sort((a, b) => a - b);
  return {
    capacity,
    clearSkyCf: clearCf[span] as Float64Array,
    hourlyShape,
    pointClearness,
    outlook: {
      levels,
      ratioByLevel: byLevel.map((ratio) => new Float64Array(24).fill(ratio)),
    },
    fitted: { weight, quantile, scale },
    kernel,
  };
};
