import { DomainError } from '../../shared/domain-error.js';

export interface TrimmedMean {
  /** Mean of the kept values. */
  readonly mean: number;
  /** Kept values, ascending. */
  readonly kept: readonly number[];
  /** The `dropLowest` smallest values, ascending. */
  readonly droppedLow: readonly number[];
  /** The `dropHighest` largest values, ascending. */
  readonly droppedHigh: readonly number[];
}

/**
 * Drops the k lowest and m highest values and averages the rest. Ties are harmless: equal values
 * are interchangeable, so which copy is dropped does not change the mean.
 */
export const trimmedMean = (
  values: readonly number[],
  dropLowest: number,
  dropHighest: number,
): TrimmedMean => {
  if (values.some((v) => !Number.isFinite(v)))
    throw new DomainError('CBL.INVALID_INPUT', 'CBL values must be finite numbers', 'values');
  if (values.length - dropLowest - dropHighest < 1)
    throw new DomainError(
      'CBL.INVALID_INPUT',
      `cannot drop ${dropLowest} low and ${dropHighest} high values from ${values.length}`,
      'values',
    );
  const sorted = [...values].sort((a, b) => a - b);
  const kept = sorted.slice(dropLowest, sorted.length - dropHighest);
  return {
    mean: kept.reduce((sum, v) => sum + v, 0) / kept.length,
    kept,
    droppedLow: sorted.slice(0, dropLowest),
    droppedHigh: sorted.slice(sorted.length - dropHighest),
  };
};
