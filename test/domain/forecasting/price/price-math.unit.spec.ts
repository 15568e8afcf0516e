import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  quantileOfSorted,
  sortedFinite,
} from '../../../../domain/forecasting/price/empirical-quantile.js';
import {
  pearsonCorrelation,
  shrunkCholesky,
} from '../../../../domain/forecasting/price/gaussian-copula.js';
import {
  standardNormalCdf,
  standardNormalQuantile,
} from '../../../../domain/forecasting/price/normal-distribution.js';
import {
  solveLeastAbsolute,
  solveWeightedLeastSquares,
} from '../../../../domain/forecasting/price/weighted-least-squares.js';

describe('price model maths', () => {
  it('inverts the normal CDF', () => {
    expect(standardNormalCdf(0)).toBeCloseTo(0.5, 7);
    expect(standardNormalCdf(1.959963985)).toBeCloseTo(0.975, 6);
    expect(standardNormalQuantile(0.975)).toBeCloseTo(1.959963985, 6);
    expect(standardNormalQuantile(0.001)).toBeCloseTo(-3.090232306, 6);
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 1 - 1e-6, noNaN: true }), (p) => {
        expect(Math.abs(standardNormalCdf(standardNormalQuantile(p)) - p)).toBeLessThan(2e-7);
      }),
    );
  });

  it('interpolates empirical quantiles and skips gaps', () => {
    const sorted = sortedFinite([3, Number.NaN, 1, 2, 4]);
    expect(Array.from(sorted)).toEqual([1, 2, 3, 4]);
    expect(quantileOfSorted(sorted, 0.5)).toBe(2.5);
    expect(quantileOfSorted(sorted, 0)).toBe(1);
    expect(quantileOfSorted(sorted, 1)).toBe(4);
    expect(quantileOfSorted(new Float64Array(0), 0.5)).toBeNaN();
  });

  it('factors a correlation matrix, shrinking only when it must', () => {
    const r = Float64Array.from([1, 0.5, 0.2, 0.5, 1, 0.4, 0.2, 0.4, 1]);
    const { lower, shrinkage } = shrunkCholesky(r, 3, 0);
    expect(shrinkage).toBe(0);
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) {
        let sum = 0;
        for (let k = 0; k < 3; k++) sum += (lower[i * 3 + k] ?? 0) * (lower[j * 3 + k] ?? 0);
        expect(sum).toBeCloseTo(r[i * 3 + j] ?? NaN, 12);
      }
    // Perfectly correlated columns: singular, needs shrinkage.
    const singular = pearsonCorrelation(Float64Array.from([1, 2, 2, 4, 3, 6]), 3, 2);
    expect(singular[1]).toBeCloseTo(1, 12);
    expect(shrunkCholesky(singular, 2, 0).shrinkage).toBeGreaterThan(0);
  });

  it('recovers exact linear coefficients, and L1 ignores an outlier that L2 follows', () => {
    const rows = 30;
    const values = new Float64Array(rows * 2);
    const target = new Float64Array(rows);
    for (let i = 0; i < rows; i++) {
      values[i * 2] = 1;
      values[i * 2 + 1] = i;
      target[i] = 5 + 2 * i;
    }
    const design = { rows, width: 2, values };
    const exact = solveWeightedLeastSquares(design, target, undefined, 0);
    expect(exact?.[0]).toBeCloseTo(5, 9);
    expect(exact?.[1]).toBeCloseTo(2, 9);
    target[29] = 1000;
    const l2 = solveWeightedLeastSquares(design, target, undefined, 0);
    const l1 = solveLeastAbsolute(design, target, { iterations: 30, epsilon: 1e-6, ridge: 0 });
    expect(Math.abs((l2?.[1] ?? 0) - 2)).toBeGreaterThan(0.5);
    expect(l1?.[1]).toBeCloseTo(2, 3);
  });
});
