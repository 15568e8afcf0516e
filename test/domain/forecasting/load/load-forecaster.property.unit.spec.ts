import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { HourlySeries } from '../../../../domain/forecasting/hourly-series.js';
import { createLoadForecaster } from '../../../../domain/forecasting/load/load-forecaster.js';
import { HOURS_PER_DAY } from '../../../../domain/shared/time/kpx-numbering.js';
import { TradingDay } from '../../../../domain/shared/time/trading-day.js';

/** Start days inside the Korean holiday calendar's years (2020..2027), so holidays take part. */
const firstDayArb = fc
  .integer({
    min: TradingDay.parse('2020-01-01').epochDay,
    max: TradingDay.parse('2027-10-01').epochDay,
  })
  .map((epochDay) => TradingDay.fromEpochDay(epochDay));

/** A series of 1..30 days whose hours are `value(i)`, with some hours knocked out as gaps. */
const seriesArb = (value: fc.Arbitrary<number>) =>
  fc.record({
    firstDay: firstDayArb,
    days: fc.integer({ min: 1, max: 30 }),
    values: fc.array(value, { minLength: 30 * HOURS_PER_DAY, maxLength: 30 * HOURS_PER_DAY }),
    gaps: fc.array(fc.nat({ max: 30 * HOURS_PER_DAY - 1 }), { maxLength: 40 }),
  });

const toSeries = (spec: {
  firstDay: TradingDay;
  days: number;
  values: number[];
  gaps: number[];
}): HourlySeries => {
  const values = Float64Array.from(spec.values.slice(0, spec.days * HOURS_PER_DAY));
  for (const gap of spec.gaps) if (gap < values.length) values[gap] = Number.NaN;
  return { firstDay: spec.firstDay, values, unit: 'kWh' };
};

const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

describe('load forecaster properties', () => {
  it('forecasts a constant series (with gaps, any length, any dates) as that constant', () => {
    fc.assert(
      fc.property(
        firstDayArb,
        fc.integer({ min: 1, max: 30 }),
        fc.oneof(fc.constant(0), fc.double({ min: 0.001, max: 1e6, noNaN: true })),
        fc.array(fc.nat({ max: 30 * HOURS_PER_DAY - 1 }), { maxLength: 40 }),
        (firstDay, days, constant, gaps) => {
          const values = new Float64Array(days * HOURS_PER_DAY).fill(constant);
          for (const gap of gaps) if (gap < values.length) values[gap] = Number.NaN;
          const series: HourlySeries = { firstDay, values, unit: 'kWh' };
          const forecast = createLoadForecaster().forecastDay(series, days);
          // An hour the history never observed cannot be forecast; every other hour is exact.
          const observed = (h: number) =>
            Array.from({ length: days }, (_, d) => values[d * HOURS_PER_DAY + h]).some(
              (v) => v !== undefined && !Number.isNaN(v),
            );
          const expectConstant = (forecast: Float64Array) =>
            forecast.forEach((v, h) =>
              expect(observed(h) ? close(v, constant) : Number.isNaN(v)).toBe(true),
            );
          expectConstant(forecast.point);
          for (const quantile of forecast.quantiles?.values ?? []) expectConstant(quantile);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('gives ordered quantiles (P10 ≤ P50 ≤ P90) for any non-negative series', () => {
    fc.assert(
      fc.property(
        seriesArb(fc.double({ min: 0, max: 1000, noNaN: true })),
        fc.integer({ min: 0, max: 3 }),
        (spec, ahead) => {
          const series = toSeries(spec);
          const forecast = createLoadForecaster().forecastDay(series, spec.days + ahead);
          const [p10, p50, p90] = forecast.quantiles?.values ?? [];
          if (p10 === undefined || p50 === undefined || p90 === undefined) return;
          for (let h = 0; h < HOURS_PER_DAY; h++) {
            if (Number.isNaN(forecast.point[h])) continue;
            expect(p10[h]).toBeLessThanOrEqual(p50[h] ?? Number.NaN);
            expect(p50[h]).toBeLessThanOrEqual(p90[h] ?? Number.NaN);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('scales with the load: forecasting k × series gives k × the forecast (kWh or MW alike)', () => {
    fc.assert(
      fc.property(
        seriesArb(fc.double({ min: 1, max: 1000, noNaN: true })),
        fc.double({ min: 0.001, max: 1000, noNaN: true }),
        (spec, k) => {
          const series = toSeries(spec);
          const scaled: HourlySeries = { ...series, values: series.values.map((v) => k * v) };
          const forecaster = createLoadForecaster();
          const a = forecaster.forecastDay(series, spec.days).point;
          const b = forecaster.forecastDay(scaled, spec.days).point;
          for (let h = 0; h < HOURS_PER_DAY; h++) {
            const expected = k * (a[h] ?? Number.NaN);
            if (Number.isNaN(expected)) expect(b[h]).toBeNaN();
            else expect(Math.abs((b[h] ?? 0) - expected)).toBeLessThanOrEqual(1e-6 * expected);
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('never throws on gaps: every hour is a finite forecast or NaN, never negative for loads', () => {
    fc.assert(
      fc.property(seriesArb(fc.double({ min: 0, max: 1000, noNaN: true })), (spec) => {
        const forecast = createLoadForecaster().forecastDay(toSeries(spec), spec.days);
        for (const v of forecast.point) expect(Number.isNaN(v) || v >= 0).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});
