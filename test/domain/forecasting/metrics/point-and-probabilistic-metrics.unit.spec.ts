import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { meanPinballLoss, pinball } from '../../../../domain/forecasting/metrics/pinball-loss.js';
import {
  meanAbsoluteError,
  meanAbsolutePercentageError,
  rootMeanSquaredError,
} from '../../../../domain/forecasting/metrics/point-metrics.js';
import { nmae10Pct } from '../../../../domain/forecasting/metrics/nmae.js';
import { expectDomainError } from '../../../support/expect-domain-error.js';

const NaN_ = Number.NaN;

describe('point metrics', () => {
  it('MAE and RMSE skip NaN pairs and report how many pairs they used', () => {
    const actual = [10, 20, NaN_, 40];
    const forecast = [12, 17, 5, NaN_];
    expect(meanAbsoluteError(actual, forecast)).toEqual({ value: 2.5, count: 2 });
    const rmse = rootMeanSquaredError(actual, forecast);
    expect(rmse.count).toBe(2);
    expect(rmse.value).toBeCloseTo(Math.sqrt((4 + 9) / 2), 12);
  });

  it('MAPE skips zero actuals (and optionally near-zero ones) and counts them', () => {
    const actual = [0, 100, 50, 0.5];
    const forecast = [3, 110, 40, 1];
    const plain = meanAbsolutePercentageError(actual, forecast);
    expect(plain.count).toBe(3);
    expect(plain.skippedNearZeroActual).toBe(1);
    expect(plain.value).toBeCloseTo((10 + 20 + 100) / 3, 12);
    const floored = meanAbsolutePercentageError(actual, forecast, 1);
    expect(floored.count).toBe(2);
    expect(floored.skippedNearZeroActual).toBe(2);
    expect(floored.value).toBeCloseTo(15, 12);
    expectDomainError(
      () => meanAbsolutePercentageError(actual, forecast, -1),
      'FORECAST.INVALID_INPUT',
    );
  });

  it('an empty or all-gap input gives NaN with count 0, a length mismatch is an error', () => {
    expect(meanAbsoluteError([NaN_], [1]).count).toBe(0);
    expect(Number.isNaN(rootMeanSquaredError([], []).value)).toBe(true);
    expect(Number.isNaN(nmae10Pct([1], [1], 100).nmaePct)).toBe(true);
    expectDomainError(() => meanAbsoluteError([1, 2], [1]), 'FORECAST.INVALID_INPUT');
  });
});

describe('pinball loss', () => {
  it('matches hand-computed values and averages over levels and hours', () => {
    expect(pinball(0.9, 10, 8)).toBeCloseTo(1.8, 12);
    expect(pinball(0.9, 8, 10)).toBeCloseTo(0.2, 12);
    const result = meanPinballLoss([10, 20], {
      levels: [0.1, 0.9],
      values: [
        [8, 25],
        [12, 18],
      ],
    });
    const expected =
      (pinball(0.1, 10, 8) + pinball(0.1, 20, 25) + pinball(0.9, 10, 12) + pinball(0.9, 20, 18)) /
      4;
    expect(result.value).toBeCloseTo(expected, 12);
    expect(result.count).toBe(4);
    expect(result.perLevel[0]).toBeCloseTo((0.2 + 4.5) / 2, 12);
  });

  it('the median level is half the MAE', () => {
    const actual = [3, 7, 1];
    const median = [4, 5, 1];
    expect(meanPinballLoss(actual, { levels: [0.5], values: [median] }).value).toBeCloseTo(
      meanAbsoluteError(actual, median).value / 2,
      12,
    );
  });

  it('rejects levels outside (0, 1) and mismatched rows', () => {
    expectDomainError(
      () => meanPinballLoss([1], { levels: [1], values: [[1]] }),
      'FORECAST.INVALID_INPUT',
    );
    expectDomainError(
      () => meanPinballLoss([1], { levels: [0.5], values: [] }),
      'FORECAST.INVALID_INPUT',
    );
    expectDomainError(
      () => meanPinballLoss([1, 2], { levels: [0.5], values: [[1]] }),
      'FORECAST.INVALID_INPUT',
    );
  });

  const valueArb = fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true });
  const levelArb = fc.double({ min: 0.001, max: 0.999, noNaN: true });

  it('property: pinball loss is never negative', () => {
    fc.assert(
      fc.property(levelArb, valueArb, valueArb, (level, y, q) => {
        expect(pinball(level, y, q)).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('property: a perfect quantile forecast scores 0', () => {
    fc.assert(
      fc.property(
        fc.array(valueArb, { minLength: 1, maxLength: 48 }),
        fc.array(levelArb, { minLength: 1, maxLength: 9 }),
        (actual, levels) => {
          const result = meanPinballLoss(actual, { levels, values: levels.map(() => actual) });
          expect(result.value).toBe(0);
          expect(result.count).toBe(actual.length * levels.length);
        },
      ),
    );
  });
});
