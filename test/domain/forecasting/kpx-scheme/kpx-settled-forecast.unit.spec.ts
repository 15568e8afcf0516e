import fc from 'fast-check';
import {
  hourlyEnergyKwh,
  settleKpxForecast,
  settledForecastMean,
} from '../../../../domain/forecasting/kpx-scheme/index.js';
import { expectDomainError } from '../../../support/expect-domain-error.js';

describe('the settled-forecast mean', () => {
  it('is (F10 + F17) / 2 hour by hour', () => {
    expect(settledForecastMean([10, 0, 3], [20, 0, 4])).toEqual([15, 0, 3.5]);
  });

  it('lies between the two submissions for any finite energies, and equals them when they agree', () => {
    const value = fc.double({ min: 0, max: 1e9, noNaN: true });
    fc.assert(
      fc.property(fc.array(fc.tuple(value, value), { minLength: 1, maxLength: 24 }), (pairs) => {
        const mean = settledForecastMean(
          pairs.map(([a]) => a),
          pairs.map(([, b]) => b),
        );
        pairs.forEach(([a, b], h) => {
          expect(mean[h]).toBeGreaterThanOrEqual(Math.min(a, b));
          expect(mean[h]).toBeLessThanOrEqual(Math.max(a, b));
        });
        expect(
          settledForecastMean(
            pairs.map(([a]) => a),
            pairs.map(([a]) => a),
          ),
        ).toEqual(pairs.map(([a]) => a));
      }),
    );
  });

  it('refuses submissions of different lengths', () => {
    expectDomainError(() => settledForecastMean([1, 2], [1]), 'FORECAST.INVALID_INPUT');
  });

  it('falls back to the one submission made, and says which', () => {
    expect(settleKpxForecast({ first: [1, 2] })).toEqual({
      basis: 'first_only',
      energyKwh: [1, 2],
    });
    expect(settleKpxForecast({ second: [3] })).toEqual({ basis: 'second_only', energyKwh: [3] });
    expect(settleKpxForecast({})).toBeUndefined();
  });
});

describe('hourly energy from a day of intervals', () => {
  it('sums the four quarter hours of each hour', () => {
    const quarters = Array.from({ length: 96 }, (_, i) => i);
    const hourly = hourlyEnergyKwh(quarters, 15);
    expect(hourly).toHaveLength(24);
    expect(hourly[0]).toBe(0 + 1 + 2 + 3);
    expect(hourly[23]).toBe(92 + 93 + 94 + 95);
  });

  it('refuses values that do not make one trading day', () => {
    expectDomainError(() => hourlyEnergyKwh(new Array(95).fill(0), 15), 'FORECAST.INVALID_INPUT');
  });
});
