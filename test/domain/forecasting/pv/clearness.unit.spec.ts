import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  clearnessOutlookFromWeather,
  flatClearnessOutlook,
  kastenCzeplakRatio,
} from '../../../../domain/forecasting/pv/clearness.js';
import { TradingDay } from '../../../../domain/shared/time/trading-day.js';
import { expectDomainError } from '../../../support/expect-domain-error.js';

const DAY = TradingDay.parse('2024-06-03');

describe('clearness from weather', () => {
  it('Kasten-Czeplak: clear sky 1, overcast 0.25, monotone in between', () => {
    expect(kastenCzeplakRatio(0)).toBe(1);
    expect(kastenCzeplakRatio(100)).toBeCloseTo(0.25, 12);
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (a, b) => {
          if (a <= b) expect(kastenCzeplakRatio(a)).toBeGreaterThanOrEqual(kastenCzeplakRatio(b));
        },
      ),
    );
  });

  it('GHI wins over cloud cover and gives ratio ≈ GHI / clear-sky GHI; quantiles ordered', () => {
    const ghi = new Float64Array(24).fill(Number.NaN);
    ghi[12] = 450;
    const cloud = new Float64Array(24).fill(50);
    const outlook = clearnessOutlookFromWeather({
      weather: { day: DAY, cloudCoverPct: cloud, ghiWPerM2: ghi },
    });
    const [p10, p50, p90] = outlook.ratioByLevel as [Float64Array, Float64Array, Float64Array];
    expect(p50[12]).toBeGreaterThan(0.4);
    expect(p50[12]).toBeLessThan(0.6);
    expect(p50[10]).toBeCloseTo(kastenCzeplakRatio(50), 12);
    for (let h = 0; h < 24; h++) {
      expect(p10[h]).toBeLessThanOrEqual(p50[h] ?? 0);
      expect(p50[h]).toBeLessThanOrEqual(p90[h] ?? 0);
    }
  });

  it('hours without weather take the fallback, or fail without one', () => {
    const cloud = new Float64Array(24).fill(Number.NaN);
    const fallback = flatClearnessOutlook([0.2, 0.6, 0.9]);
    const outlook = clearnessOutlookFromWeather({
      weather: { day: DAY, cloudCoverPct: cloud },
      fallback,
    });
    expect(outlook.ratioByLevel[1]?.[12]).toBe(0.6);
    expectDomainError(
      () => clearnessOutlookFromWeather({ weather: { day: DAY, cloudCoverPct: cloud } }),
      'FORECAST.INVALID_INPUT',
    );
  });
});
