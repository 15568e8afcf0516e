// Module constants rather than global lookups: called per scenario and hour (see weighted-least-squares.ts).
const { floor, min, max } = Math;
const MISSING = Number.NaN;

/** The finite values of `sample`, ascending (NaN gaps dropped). */
export const sortedFinite = (sample: ArrayLike<number>): Float64Array => {
  const kept: number[] = [];
  for (let i = 0; i < sample.length; i++) {
    const value = sample[i] ?? MISSING;
    if (Number.isFinite(value)) kept.push(value);
  }
  return Float64Array.from(kept).sort();
};

/**
 * The `level` quantile of an ascending sample by linear interpolation between order statistics
 * (Hyndman-Fan type 7, the default of R and NumPy); NaN for an empty sample.
 */
export const quantileOfSorted = (sorted: Float64Array, level: number): number => {
  if (sorted.length === 0) return MISSING;
  const position = min(max(level, 0), 1) * (sorted.length - 1);
  const below = floor(position);
  const above = min(below + 1, sorted.length - 1);
  const low = sorted[below] ?? MISSING;
  const high = sorted[above] ?? MISSING;
  return low + (high - low) * (position - below);
};
