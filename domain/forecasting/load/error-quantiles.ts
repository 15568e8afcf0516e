import { HOURS_PER_DAY } from '../../shared/time/kpx-numbering.js';
import type { QuantileForecast } from '../day-ahead-forecaster.js';

/** Fewer past errors than one day's worth give no quantiles: a spread from a few hours is a guess. */
export const MIN_ERROR_SAMPLES = HOURS_PER_DAY;

/** The `level` quantile of sorted values, linear between order statistics (Hyndman–Fan type 7). */
export const sortedQuantile = (sorted: Float64Array, level: number): number => {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * level;
  const below = Math.floor(position);
  const above = Math.min(sorted.length - 1, below + 1);
  const low = sorted[below] ?? Number.NaN;
  const high = sorted[above] ?? Number.NaN;
  return low + (high - low) * (position - below);
};

/**
 * Quantiles around a point forecast from past out-of-sample errors scaled by the forecast's size,
 * z = (actual − forecast) / |forecast|: load errors grow with the load, so one pool of scaled
 * errors serves night and peak hours alike. Returns undefined with too few errors.
 * Each quantile is point + |point| · z_q, increasing in q because z_q is and |point| ≥ 0.
 */
export const quantilesFromScaledErrors = (
  point: Float64Array,
  scaledErrors: readonly number[],
  levels: readonly number[],
): QuantileForecast | undefined => {
  if (scaledErrors.length < MIN_ERROR_SAMPLES) return undefined;
  const sorted = Float64Array.from(scaledErrors).sort();
  const values = levels.map((level) => {
    const z = sortedQuantile(sorted, level);
    return point.map((p) => (Number.isFinite(p) ? p + Math.abs(p) * z : Number.NaN));
  });
  return { levels: [...levels], values };
};
