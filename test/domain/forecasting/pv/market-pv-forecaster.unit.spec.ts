import { describe, expect, it } from '@jest/globals';
import type { HourlySeries } from '../../../../domain/forecasting/hourly-series.js';
import { createReferenceClearSky } from '../../../../domain/forecasting/pv/market-clearness.js';
import { createMarketPvForecaster } from '../../../../domain/forecasting/pv/market-pv-forecaster.js';
import { SeededRandom } from '../../../../domain/shared/seeded-random.js';
import { TradingDay } from '../../../../domain/shared/time/trading-day.js';

const FIRST = TradingDay.parse('2024-03-01');

/** A synthetic fleet: 5 GW × clear-sky shape × a random daily clearness, delayed by one hour. */
const syntheticSeries = (days: number, seed: number): HourlySeries => {
  const reference = createReferenceClearSky();
  const random = new SeededRandom(seed);
  const values = new Float64Array(days * 24);
  for (let d = 0; d < days; d++) {
    const clearness = 0.2 + 0.8 * random.nextFloat();
    const clear = reference.hourly(FIRST.plusDays(d));
    for (let h = 0; h < 24; h++)
      values[d * 24 + h] = 5000 * 0.8 * clearness * ((h > 0 ? clear[h - 1] : 0) ?? 0);
  }
  return { firstDay: FIRST, values, unit: 'MW' };
};

describe('createMarketPvForecaster', () => {
  const series = syntheticSeries(60, 7);
  const forecaster = createMarketPvForecaster();

  it('forecasts 24 non-negative hours with ordered P10/P50/P90, zero at night', () => {
    const forecast = forecaster.forecastDay(series, 50);
    expect(forecast.point).toHaveLength(24);
    const [p10, p50, p90] = forecast.quantiles?.values as [
      Float64Array,
      Float64Array,
      Float64Array,
    ];
    expect(forecast.quantiles?.levels).toEqual([0.1, 0.5, 0.9]);
    for (let h = 0; h < 24; h++) {
      expect(forecast.point[h]).toBeGreaterThanOrEqual(0);
      expect(p10[h]).toBeLessThanOrEqual(p50[h] ?? 0);
      expect(p50[h]).toBeLessThanOrEqual(p90[h] ?? 0);
    }
    for (const h of [0, 1, 2, 3, 23]) expect(forecast.point[h]).toBe(0);
    expect(forecast.point[13]).toBeGreaterThan(500);
  });

  it('learns the fleet timing: the delayed synthetic peak is forecast in the delayed hour', () => {
    const point = forecaster.forecastDay(series, 50).point;
    const actual = series.values.subarray(50 * 24, 51 * 24);
    const argmax = (values: ArrayLike<number>) =>
      Array.from(values).indexOf(Math.max(...Array.from(values)));
    expect(Math.abs(argmax(point) - argmax(actual))).toBeLessThanOrEqual(1);
  });

  it('reads only days before the target (the information rule)', () => {
    const changed = { ...series, values: series.values.slice() };
    changed.values.fill(99_999, 50 * 24);
    expect(forecaster.forecastDay(changed, 50)).toEqual(forecaster.forecastDay(series, 50));
  });

  it('is deterministic across instances', () => {
    expect(createMarketPvForecaster().forecastDay(series, 40)).toEqual(
      forecaster.forecastDay(series, 40),
    );
  });

  it('does not forecast without enough history, or without output', () => {
    expect(Array.from(forecaster.forecastDay(series, 2).point).every(Number.isNaN)).toBe(true);
    const dark = { ...series, values: new Float64Array(series.values.length) };
    expect(Array.from(forecaster.forecastDay(dark, 30).point).every(Number.isNaN)).toBe(true);
  });

  it('scales with capacityMw: output is in the series unit', () => {
    const point = createMarketPvForecaster({ capacityMw: 8000 }).forecastDay(series, 50).point;
    const base = forecaster.forecastDay(series, 50).point;
    // C cancels out of CF × C; only the qualifying threshold (0.1·C) used to fit (w, τ) moves.
    const peak = Math.max(...Array.from(base));
    for (let h = 0; h < 24; h++)
      expect(Math.abs((point[h] ?? Number.NaN) - (base[h] ?? Number.NaN))).toBeLessThan(
        0.05 * peak,
      );
  });
});
