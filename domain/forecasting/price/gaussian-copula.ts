import { standardNormalQuantile } from './normal-distribution.js';

/**
 * Correlation of the normal scores of `samples` (rows = observations, columns = variables): each
 * column is ranked, ranks become Φ⁻¹((rank + 0.5) / n), and the Pearson correlation of those
 * scores is returned as a dense `width × width` matrix. Normal scores make the dependence estimate
 * insensitive to the price spikes that dominate a plain Pearson correlation of SMP errors.
 */
export const normalScoreCorrelation = (
  samples: readonly Float64Array[],
  width: number,
): Float64Array => {
  const n = samples.length;
  const scores = new Float64Array(n * width);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let column = 0; column < width; column++) {
    const value = (i: number): number => samples[i]?.[column] ?? 0;
    order.sort((a, b) => value(a) - value(b) || a - b);
    // Ties share the mean of their ranks, so identical errors (e.g. hours clipped at 0) get one score.
    for (let start = 0; start < n;) {
      let end = start + 1;
      while (end < n && value(order[end] ?? 0) === value(order[start] ?? 0)) end++;
      const score = standardNormalQuantile(((start + end - 1) / 2 + 0.5) / n);
      for (let k = start; k < end; k++) scores[(order[k] ?? 0) * width + column] = score;
      start = end;
    }
  }
  return pearsonCorrelation(scores, n, width);
};

/** Pearson correlation of the columns of a row-major `n × width` matrix; 0 for a constant column. */
export const pearsonCorrelation = (
  values: Float64Array,
  n: number,
  width: number,
): Float64Array => {
  const means = new Float64Array(width);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < width; j++) means[j] = (means[j] ?? 0) + (values[i * width + j] ?? 0) / n;
  const covariance = new Float64Array(width * width);
  for (let i = 0; i < n; i++)
    for (let a = 0; a < width; a++) {
      const da = (values[i * width + a] ?? 0) - (means[a] ?? 0);
      for (let b = a; b < width; b++)
        covariance[a * width + b] =
          (covariance[a * width + b] ?? 0) + da * ((values[i * width + b] ?? 0) - (means[b] ?? 0));
    }
  const correlation = new Float64Array(width * width);
  for (let a = 0; a < width; a++)
    for (let b = a; b < width; b++) {
      const scale = Math.sqrt((covariance[a * width + a] ?? 0) * (covariance[b * width + b] ?? 0));
      const rho = a === b ? 1 : scale > 0 ? (covariance[a * width + b] ?? 0) / scale : 0;
      correlation[a * width + b] = rho;
      correlation[b * width + a] = rho;
    }
  return correlation;
};

/**
 * Lower Cholesky factor of (1 - λ)·R + λ·I. λ starts at `shrinkage` and grows until the matrix is
 * numerically positive definite: with a few dozen days for 24 hours the estimate can be (nearly)
 * singular, and a little shrinkage toward independence is the standard remedy.
 */
export const shrunkCholesky = (
  correlation: Float64Array,
  width: number,
  shrinkage: number,
): { readonly lower: Float64Array; readonly shrinkage: number } => {
  for (let lambda = shrinkage; lambda <= 1; lambda = Math.min(1, Math.max(2 * lambda, 1e-3))) {
    const lower = cholesky(correlation, width, lambda);
    if (lower !== undefined) return { lower, shrinkage: lambda };
    if (lambda === 1) break;
  }
  // λ = 1 is the identity, always factorable; reaching here means the input held NaN.
  const identity = new Float64Array(width * width);
  for (let j = 0; j < width; j++) identity[j * width + j] = 1;
  return { lower: identity, shrinkage: 1 };
};

const cholesky = (
  correlation: Float64Array,
  width: number,
  lambda: number,
): Float64Array | undefined => {
  const lower = new Float64Array(width * width);
  for (let i = 0; i < width; i++)
    for (let j = 0; j <= i; j++) {
      let sum = (1 - lambda) * (correlation[i * width + j] ?? 0) + (i === j ? lambda : 0);
      for (let k = 0; k < j; k++) sum -= (lower[i * width + k] ?? 0) * (lower[j * width + k] ?? 0);
      if (i === j) {
        if (!(sum > 1e-10)) return undefined;
        lower[i * width + i] = Math.sqrt(sum);
      } else {
        lower[i * width + j] = sum / (lower[j * width + j] ?? 1);
      }
    }
  return lower;
};
