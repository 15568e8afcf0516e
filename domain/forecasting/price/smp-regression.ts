import { HOURS_PER_DAY } from '../../shared/time/kpx-numbering.js';
import { dayCount, type HourlySeries } from '../hourly-series.js';
import {
  solveLeastAbsolute,
  solveWeightedLeastSquares,
  type DesignMatrix,
} from './weighted-least-squares.js';

// Module-level aliases of the globals used in hot loops: inside a Node vm context (Jest runs
// tests in one) every global lookup goes through the context's interceptors and costs several
// times more than a module constant (measured: the backtest ran ~8x slower under Jest).
const max = Math.max;
const min = Math.min;
const isMissing = Number.isNaN;
const MISSING = Number.NaN;

/** Settings of the per-hour SMP regression; every one is recorded in the forecaster's parameters. */
export interface SmpRegressionSettings {
  /** Days of history each fit uses (the rolling window ending the day before the forecast day). */
  readonly windowDays: number;
  /** A fit needs at least this many usable days, otherwise the hour falls back to lag-1. */
  readonly minimumFitDays: number;
  /** How many recent days get an out-of-sample forecast to measure the error distribution. */
  readonly residualDays: number;
  /** Out-of-sample forecasts of past days are refitted every this many days (cost vs freshness). */
  readonly refitEveryDays: number;
  /** 'l1' = least absolute deviations (the backtest judges MAE), 'l2' = ordinary least squares. */
  readonly loss: 'l1' | 'l2';
  readonly irlsIterations: number;
  readonly irlsEpsilonKrwPerKwh: number;
  /** Weekend or public holiday, by epoch day (see TradingDay.epochDay). */
  readonly isOffDay: (epochDay: number) => boolean;
}

/** Oldest day a feature reads: the same hour a week before. */
export const SMP_FEATURE_LAG_DAYS = 7;

/**
 * Features of hour h of day e, all known when bidding for e (D-1's SMP is published on D-1, before
 * the bids for D are built): intercept, same hour of the last known day (lag 1), same hour a week
 * before (lag 7, carries the weekly shape), yesterday's daily mean (the fuel-driven level), and
 * day-type dummies: e is an off-day, e-1 was an off-day, and both (e.g. Sunday after Saturday).
 */
const FEATURE_WIDTH = 7;
const FEATURE_NAMES = [
  'intercept',
  'lag1SameHour',
  'lag7SameHour',
  'lag1DailyMean',
  'offDay',
  'previousOffDay',
  'offDayAfterOffDay',
] as const;
export const SMP_FEATURE_NAMES: readonly string[] = FEATURE_NAMES;

/** A day with fewer known hours than this does not give a daily mean level. */
const MIN_HOURS_FOR_DAILY_MEAN = 12;

export interface SmpDayModel {
  /** 24 point forecasts (NaN when the last week holds no data for that hour). */
  readonly point: Float64Array;
  /**
   * Out-of-sample errors (actual - forecast) of recent days, one 24-hour vector per day, oldest
   * first; NaN where the actual or the forecast is missing. Whole-day vectors keep the correlation
   * between hours for scenario generation.
   */
  readonly residualDays: readonly Float64Array[];
  /** Forecasts are never below this: 0 when the history read has no negative price, else -Infinity. */
  readonly floorKrwPerKwh: number;
}

/**
 * Features and targets of a run of days, hour-major so that the rows of one hour over consecutive
 * days are contiguous: a fit takes a view of them instead of copying (a 2024 backtest does ~35 000 fits).
 */
interface FeatureBlock {
  /** First day index held. */
  readonly firstDay: number;
  /** Number of days held. */
  readonly span: number;
  /** `[(h * span + day - firstDay) * FEATURE_WIDTH + j]`; NaN rows cannot be used. */
  readonly features: Float64Array;
  /** `[h * span + day - firstDay]`: the actual, NaN when it or the row's features are missing. */
  readonly targets: Float64Array;
}

const readValue = (history: HourlySeries, dayIndex: number, hour: number, cut: number): number =>
  dayIndex >= 0 && dayIndex < cut
    ? (history.values[dayIndex * HOURS_PER_DAY + hour] ?? MISSING)
    : MISSING;

const dailyMean = (history: HourlySeries, dayIndex: number, cut: number): number => {
  let sum = 0;
  let count = 0;
  for (let h = 0; h < HOURS_PER_DAY; h++) {
    const value = readValue(history, dayIndex, h, cut);
    if (isMissing(value)) continue;
    sum += value;
    count++;
  }
  return count >= MIN_HOURS_FOR_DAILY_MEAN ? sum / count : MISSING;
};

/**
 * Builds the features of days [firstDay, lastDay], each row reading only days before its own day
 * (and before `cut`, the forecast day). A gap in e-1 falls back to the most recent known day of the
 * last week, so a missing day (2024-03-21 in the shared series) does not blind the next forecast.
 */
const buildFeatures = (
  history: HourlySeries,
  firstDay: number,
  lastDay: number,
  cut: number,
  settings: SmpRegressionSettings,
): FeatureBlock => {
  const span = lastDay - firstDay + 1;
  const features = new Float64Array(span * HOURS_PER_DAY * FEATURE_WIDTH).fill(MISSING);
  const targets = new Float64Array(span * HOURS_PER_DAY).fill(MISSING);
  const meanStart = firstDay - SMP_FEATURE_LAG_DAYS;
  const means = new Float64Array(span + SMP_FEATURE_LAG_DAYS);
  for (let k = 0; k < means.length; k++) means[k] = dailyMean(history, meanStart + k, cut);
  // One calendar lookup per day, not per row; days before the series are never off-days.
  const offDays = new Uint8Array(span + 1);
  for (let k = 0; k <= span; k++)
    offDays[k] = firstDay - 1 + k >= 0 && isOffDay(history, firstDay - 1 + k, settings) ? 1 : 0;

  for (let e = firstDay; e <= lastDay; e++) {
    let level = MISSING;
    for (let back = 1; back <= SMP_FEATURE_LAG_DAYS && isMissing(level); back++)
      level = means[e - back - meanStart] ?? MISSING;
    if (isMissing(level)) continue;
    const off = offDays[e - firstDay + 1] ?? 0;
    const previousOff = offDays[e - firstDay] ?? 0;
    for (let h = 0; h < HOURS_PER_DAY; h++) {
      let lag1 = MISSING;
      for (let back = 1; back <= SMP_FEATURE_LAG_DAYS && isMissing(lag1); back++)
        lag1 = readValue(history, e - back, h, cut);
      if (isMissing(lag1)) lag1 = level;
      const weekAgo = readValue(history, e - SMP_FEATURE_LAG_DAYS, h, cut);
      const row = h * span + e - firstDay;
      const base = row * FEATURE_WIDTH;
      features[base] = 1;
      features[base + 1] = lag1;
      features[base + 2] = isMissing(weekAgo) ? lag1 : weekAgo;
      features[base + 3] = level;
      features[base + 4] = off;
      features[base + 5] = previousOff;
      features[base + 6] = off * previousOff;
      targets[row] = readValue(history, e, h, cut);
    }
  }
  return { firstDay, span, features, targets };
};

const isOffDay = (
  history: HourlySeries,
  dayIndex: number,
  settings: SmpRegressionSettings,
): boolean => settings.isOffDay(history.firstDay.epochDay + dayIndex);

/** Fits hour `hour` on target days [cut - windowDays, cut): the coefficients, or undefined. */
const fitHour = (
  block: FeatureBlock,
  hour: number,
  cut: number,
  settings: SmpRegressionSettings,
): Float64Array | undefined => {
  const from = max(block.firstDay, cut - settings.windowDays);
  if (cut - from < settings.minimumFitDays) return undefined;
  const firstRow = hour * block.span + from - block.firstDay;
  const rows = cut - from;
  const target = block.targets.subarray(firstRow, firstRow + rows);
  let usable = 0;
  for (let i = 0; i < rows; i++) if (!isMissing(target[i] ?? MISSING)) usable++;
  if (usable < settings.minimumFitDays) return undefined;
  const design: DesignMatrix = {
    rows,
    width: FEATURE_WIDTH,
    values: block.features.subarray(firstRow * FEATURE_WIDTH, (firstRow + rows) * FEATURE_WIDTH),
  };
  // Tiny against the price-squared sums: only there to break exact collinearity of the dummies.
  const ridge = 1e-6;
  return settings.loss === 'l1'
    ? solveLeastAbsolute(design, target, {
        iterations: settings.irlsIterations,
        epsilon: settings.irlsEpsilonKrwPerKwh,
        ridge,
      })
    : solveWeightedLeastSquares(design, target, undefined, ridge);
};

const predict = (
  coefficients: Float64Array | undefined,
  block: FeatureBlock,
  day: number,
  hour: number,
  floor: number,
): number => {
  const base = (hour * block.span + day - block.firstDay) * FEATURE_WIDTH;
  const lag1 = block.features[base + 1] ?? MISSING;
  if (isMissing(lag1)) return MISSING;
  if (coefficients === undefined) return max(floor, lag1);
  let sum = 0;
  for (let j = 0; j < FEATURE_WIDTH; j++)
    sum += (coefficients[j] ?? 0) * (block.features[base + j] ?? 0);
  return max(floor, sum);
};

/**
 * The regression forecast of day `targetDayIndex` plus out-of-sample errors of the
 * `residualDays` days before it. Reads only days < targetDayIndex. Errors of a past day e come from
 * a fit that ended at the start of e's refit block (never after e), so they are honest forecast
 * errors, not in-sample residuals, while costing one fit per block rather than one per day.
 */
export const fitSmpDay = (
  history: HourlySeries,
  targetDayIndex: number,
  settings: SmpRegressionSettings,
): SmpDayModel => {
  const cut = min(targetDayIndex, dayCount(history));
  const residualStart = max(
    targetDayIndex - settings.residualDays,
    SMP_FEATURE_LAG_DAYS + settings.minimumFitDays,
  );
  const firstFitDay = max(0, min(residualStart, targetDayIndex) - settings.windowDays);
  const block = buildFeatures(history, firstFitDay, targetDayIndex, cut, settings);
  const floor = historyFloor(history, firstFitDay, cut);

  const point = new Float64Array(HOURS_PER_DAY);
  const residualDays: Float64Array[] = [];
  for (let e = residualStart; e < targetDayIndex; e++)
    residualDays.push(new Float64Array(HOURS_PER_DAY).fill(MISSING));

  for (let h = 0; h < HOURS_PER_DAY; h++) {
    point[h] = predict(fitHour(block, h, cut, settings), block, targetDayIndex, h, floor);
    for (let blockStart = residualStart; blockStart < targetDayIndex;) {
      const blockEnd = min(blockStart + settings.refitEveryDays, targetDayIndex);
      const coefficients = fitHour(block, h, blockStart, settings);
      for (let e = blockStart; e < blockEnd; e++) {
        const actual = readValue(history, e, h, cut);
        const errors = residualDays[e - residualStart];
        if (errors !== undefined) errors[h] = actual - predict(coefficients, block, e, h, floor);
      }
      blockStart = blockEnd;
    }
  }
  return { point, residualDays, floorKrwPerKwh: floor };
};

/** 0 when no value read is negative (the shared SMP series clips at 0), else no floor at all. */
const historyFloor = (history: HourlySeries, fromDay: number, cut: number): number => {
  const end = cut * HOURS_PER_DAY;
  for (let i = max(0, fromDay - SMP_FEATURE_LAG_DAYS) * HOURS_PER_DAY; i < end; i++)
    if ((history.values[i] ?? 0) < 0) return Number.NEGATIVE_INFINITY;
  return 0;
};
