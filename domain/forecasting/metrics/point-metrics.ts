import { DomainError } from '../../shared/domain-error.js';

/** A metric value with the number of (actual, forecast) pairs it was computed from. */
export interface MetricResult {
  /** NaN when no pair was usable. */
  readonly value: number;
  readonly count: number;
}

export interface MapeResult extends MetricResult {
  /** Pairs left out because the actual was zero (or below `minAbsActual`). */
  readonly skippedNearZeroActual: number;
}

const pairs = (
  actual: ArrayLike<number>,
  forecast: ArrayLike<number>,
  visit: (y: number, yHat: number) => void,
): void => {
  if (actual.length !== forecast.length)
    throw new DomainError(
      'FORECAST.INVALID_INPUT',
      `actual has ${actual.length} values but forecast has ${forecast.length}`,
      'forecast',
    );
  for (let i = 0; i < actual.length; i++) {
    const y = actual[i] ?? Number.NaN;
    const yHat = forecast[i] ?? Number.NaN;
    // A NaN on either side is a gap (missing data or no forecast): the pair is skipped, not zero.
    if (!Number.isNaN(y) && !Number.isNaN(yHat)) visit(y, yHat);
  }
};

/** Mean absolute error, in the series' unit. */
export const meanAbsoluteError = (
  actual: ArrayLike<number>,
  forecast: ArrayLike<number>,
): MetricResult => {
  let sum = 0;
  let count = 0;
  pairs(actual, forecast, (y, yHat) => {
    sum += Math.abs(y - yHat);
    count++;
  });
  return { value: count === 0 ? Number.NaN : sum / count, count };
};

/** Root mean squared error, in the series' unit. */
export const rootMeanSquaredError = (
  actual: ArrayLike<number>,
  forecast: ArrayLike<number>,
): MetricResult => {
  let sum = 0;
  let count = 0;
  pairs(actual, forecast, (y, yHat) => {
    sum += (y - yHat) ** 2;
    count++;
  });
  return { value: count === 0 ? Number.NaN : Math.sqrt(sum / count), count };
};

/**
 * Mean absolute percentage error, in %: 100 × mean |y − ŷ| / |y|.
 * Pairs whose actual satisfies |y| ≤ minAbsActual (default 0, i.e. y = 0 exactly) are skipped and
 * counted in `skippedNearZeroActual`: the ratio is undefined or explodes there (PV at night), so
 * MAPE describes only the hours with a meaningful actual. Use NMAE for capacity-normalised errors.
 */
export const meanAbsolutePercentageError = (
  actual: ArrayLike<number>,
  forecast: ArrayLike<number>,
  minAbsActual = 0,
): MapeResult => {
  if (!Number.isFinite(minAbsActual) || minAbsActual < 0)
    throw new DomainError(
      'FORECAST.INVALID_INPUT',
      `minAbsActual must be a finite number ≥ 0, got ${minAbsActual}`,
      'minAbsActual',
    );
  let sum = 0;
  let count = 0;
  let skippedNearZeroActual = 0;
  pairs(actual, forecast, (y, yHat) => {
    if (Math.abs(y) <= minAbsActual) {
      skippedNearZeroActual++;
      return;
    }
    sum += Math.abs(y - yHat) / Math.abs(y);
    count++;
  });
  return { value: count === 0 ? Number.NaN : (100 * sum) / count, count, skippedNearZeroActual };
};
