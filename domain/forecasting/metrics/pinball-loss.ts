import { DomainError } from '../../shared/domain-error.js';
import type { MetricResult } from './point-metrics.js';

/** Quantile forecasts as in `DayForecast.quantiles`: values[k][h] is the levels[k] quantile. */
export interface QuantileForecast {
  readonly levels: readonly number[];
  readonly values: readonly ArrayLike<number>[];
}

export interface PinballResult extends MetricResult {
  /** Mean loss per level (same order as `levels`), NaN for a level with no usable pair. */
  readonly perLevel: readonly number[];
}

/** ρ_τ(y, q) = max(τ(y − q), (τ − 1)(y − q)): never negative, 0 when q = y. */
export const pinball = (level: number, actual: number, quantile: number): number => {
  const diff = actual - quantile;
  return Math.max(level * diff, (level - 1) * diff);
};

/**
 * Mean pinball loss over all (level, hour) pairs with both values present, in the series' unit.
 * Normalisation: the plain mean of ρ_τ (no factor 2, no division by capacity), so for the single
 * level 0.5 it is half the MAE. Divide by capacity outside if a capacity-normalised score is wanted.
 * `count` is the number of (level, hour) pairs used.
 */
export const meanPinballLoss = (
  actual: ArrayLike<number>,
  forecast: QuantileForecast,
): PinballResult => {
  if (forecast.levels.length !== forecast.values.length)
    throw new DomainError(
      'FORECAST.INVALID_INPUT',
      `${forecast.levels.length} quantile levels but ${forecast.values.length} value rows`,
      'quantiles.values',
    );
  let sum = 0;
  let count = 0;
  const perLevel = forecast.levels.map((level, k) => {
    if (!(level > 0 && level < 1))
      throw new DomainError(
        'FORECAST.INVALID_INPUT',
        `a quantile level lies strictly between 0 and 1, got ${level}`,
        `quantiles.levels[${k}]`,
      );
    const row = forecast.values[k] ?? [];
    if (row.length !== actual.length)
      throw new DomainError(
        'FORECAST.INVALID_INPUT',
        `quantile row ${k} has ${row.length} values but actual has ${actual.length}`,
        `quantiles.values[${k}]`,
      );
    let levelSum = 0;
    let levelCount = 0;
    for (let h = 0; h < actual.length; h++) {
      const y = actual[h] ?? Number.NaN;
      const q = row[h] ?? Number.NaN;
      if (Number.isNaN(y) || Number.isNaN(q)) continue;
      levelSum += pinball(level, y, q);
      levelCount++;
    }
    sum += levelSum;
    count += levelCount;
    return levelCount === 0 ? Number.NaN : levelSum / levelCount;
  });
  return { value: count === 0 ? Number.NaN : sum / count, count, perLevel };
};
