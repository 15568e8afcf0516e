/**
 * Standard normal CDF and its inverse, for the Gaussian copula of the SMP scenarios. Accuracy of
 * ~1e-7 is far below the sampling noise of a few dozen error days, so closed-form approximations
 * are enough.
 */

// Module constants rather than global lookups in the per-scenario loop (see weighted-least-squares.ts).
const { abs, exp, log, sqrt, PI } = Math;
const isMissing = Number.isNaN;

const INV_SQRT_2PI = 1 / sqrt(2 * PI);

/** Φ(x) by Abramowitz & Stegun 26.2.17 (absolute error < 7.5e-8). */
export const standardNormalCdf = (x: number): number => {
  if (isMissing(x)) return Number.NaN;
  const z = abs(x);
  const t = 1 / (1 + 0.2316419 * z);
  const poly =
    t *
    (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
  const upperTail = INV_SQRT_2PI * exp(-0.5 * z * z) * poly;
  return x >= 0 ? 1 - upperTail : upperTail;
};

// Acklam's rational approximation of the normal quantile (relative error < 1.15e-9).
const A = [
  -3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2,
  -3.066479806614716e1, 2.506628277459239,
] as const;
const B = [
  -5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1,
  -1.328068155288572e1,
] as const;
const C = [
  -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734,
  4.374664141464968, 2.938163982698783,
] as const;
const D = [
  7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416,
] as const;
const P_LOW = 0.02425;

const tail = (q: number): number =>
  (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) /
  ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);

/** Φ⁻¹(p) for p in (0, 1); ±Infinity at 0 and 1, NaN outside. */
export const standardNormalQuantile = (p: number): number => {
  if (!(p >= 0 && p <= 1)) return Number.NaN;
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  if (p < P_LOW) return tail(sqrt(-2 * log(p)));
  if (p > 1 - P_LOW) return -tail(sqrt(-2 * log(1 - p)));
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q) /
    (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1)
  );
};
