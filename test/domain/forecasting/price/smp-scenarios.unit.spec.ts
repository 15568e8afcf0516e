import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { createSmpForecaster } from '../../../../domain/forecasting/price/smp-forecaster.js';
import {
  MAX_SMP_SCENARIOS,
  generateSmpScenarios,
  smpScenarioHistoryDaysNeeded,
  type SmpScenarioInput,
} from '../../../../domain/forecasting/price/smp-scenarios.js';
import { expectDomainError } from '../../../support/expect-domain-error.js';
import { correlation, syntheticSmp, withoutHolidays } from './synthetic-smp.js';

const forecaster = createSmpForecaster({ isHoliday: withoutHolidays });
const history = syntheticSmp({
  days: 160,
  seed: 11,
  hourToHourCorrelation: 0.85,
  errorSdKrwPerKwh: 8,
});
const base: SmpScenarioInput = {
  history,
  targetDayIndex: 150,
  count: 200,
  seed: 'unit',
  forecaster,
};

const column = (rows: readonly Float64Array[], h: number): number[] =>
  rows.map((row) => row[h] ?? NaN);
const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('generateSmpScenarios', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const a = generateSmpScenarios(base);
    const b = generateSmpScenarios(base);
    const c = generateSmpScenarios({ ...base, seed: 'other' });
    expect(a.scenarios.map((s) => Array.from(s))).toEqual(b.scenarios.map((s) => Array.from(s)));
    expect(a.scenarios.map((s) => Array.from(s))).not.toEqual(
      c.scenarios.map((s) => Array.from(s)),
    );
    const boot = { ...base, method: 'day-bootstrap' as const };
    expect(generateSmpScenarios(boot).scenarios.map((s) => Array.from(s))).toEqual(
      generateSmpScenarios(boot).scenarios.map((s) => Array.from(s)),
    );
  });

  it('returns count equally likely 24-hour scenarios whose probabilities sum to 1', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), (count) => {
        const set = generateSmpScenarios({ ...base, count });
        expect(set.count).toBe(count);
        expect(set.scenarios).toHaveLength(count);
        expect(set.scenarios.every((s) => s.length === 24 && s.every(Number.isFinite))).toBe(true);
        expect(set.probabilityEach * count).toBeCloseTo(1, 12);
        expect(set.unit).toBe('KRW/kWh');
        expect(set.tradingDay).toBe(history.firstDay.plusDays(150).toString());
      }),
      { numRuns: 8 },
    );
  });

  it("centres the scenarios on the point forecast (the median) with the errors' own skew", () => {
    const set = generateSmpScenarios({ ...base, count: 4000 });
    const errors = forecaster
      .model(history, 150)
      .residualDays.filter((d) => d.every(Number.isFinite));
    for (let h = 0; h < 24; h++) {
      const values = column(set.scenarios, h);
      const sorted = [...values].sort((x, y) => x - y);
      const point = set.pointKrwPerKwh[h] ?? NaN;
      const hourErrors = column(errors, h).sort((x, y) => x - y);
      const mid = (hourErrors.length - 1) / 2;
      const medianError =
        ((hourErrors[Math.floor(mid)] ?? NaN) + (hourErrors[Math.ceil(mid)] ?? NaN)) / 2;
      const spread = Math.sqrt(mean(hourErrors.map((e) => (e - mean(hourErrors)) ** 2)));
      // Monte-Carlo noise: ~ spread / 63 for the mean; more for the median, because with 42 error
      // days the empirical quantile function can be steep between the two central order statistics.
      expect(Math.abs((sorted[2000] ?? NaN) - point)).toBeLessThan(spread / 5);
      expect(Math.abs(mean(values) - (point + mean(hourErrors) - medianError))).toBeLessThan(
        spread / 10,
      );
      expect(Math.abs(mean(values) - point)).toBeLessThan(spread / 3);
    }
  });

  it('keeps the hour-to-hour correlation of the historical forecast errors', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }),
        fc.constantFrom(0.3, 0.9),
        fc.constantFrom('gaussian-copula' as const, 'day-bootstrap' as const),
        (seed, rho, method) => {
          const series = syntheticSmp({
            days: 130,
            seed,
            hourToHourCorrelation: rho,
            errorSdKrwPerKwh: 8,
          });
          const target = 125;
          const errors = forecaster
            .model(series, target)
            .residualDays.filter((day) => day.every(Number.isFinite));
          const set = generateSmpScenarios({
            history: series,
            targetDayIndex: target,
            count: 2000,
            seed,
            forecaster,
            method,
          });
          for (const [h, k] of [
            [3, 4],
            [10, 11],
            [10, 14],
            [18, 22],
          ] as const) {
            const historical = correlation(column(errors, h), column(errors, k));
            const simulated = correlation(column(set.scenarios, h), column(set.scenarios, k));
            // ~40 error days estimate a correlation to about ±0.15; independent hours would miss by
            // rho itself (0.3 or 0.9), so 0.2 still catches a generator that loses the correlation.
            expect(Math.abs(simulated - historical)).toBeLessThan(0.2);
          }
        },
      ),
      // A fixed seed: a statistical bound must not make the suite flaky.
      { numRuns: 6, seed: 4_2024 },
    );
  });

  it('draws whole past error days in the bootstrap', () => {
    const set = generateSmpScenarios({ ...base, method: 'day-bootstrap', count: 50 });
    const errors = forecaster
      .model(history, 150)
      .residualDays.filter((d) => d.every(Number.isFinite));
    const medians = Array.from({ length: 24 }, (_, h) => {
      const sorted = column(errors, h).sort((x, y) => x - y);
      const mid = (sorted.length - 1) / 2;
      return ((sorted[Math.floor(mid)] ?? NaN) + (sorted[Math.ceil(mid)] ?? NaN)) / 2;
    });
    for (const scenario of set.scenarios) {
      const shift = Array.from(
        scenario,
        (v, h) => v - (set.pointKrwPerKwh[h] ?? NaN) + (medians[h] ?? NaN),
      );
      const match = errors.some((day) =>
        shift.every((v, h) => Math.abs(v - (day[h] ?? NaN)) < 1e-9),
      );
      expect(match).toBe(true);
    }
  });

  it('summarises the scenarios with ordered quantiles and no negative prices', () => {
    const set = generateSmpScenarios({ ...base, quantileLevels: [0.05, 0.1, 0.5, 0.9, 0.95] });
    expect(set.quantiles.levels).toEqual([0.05, 0.1, 0.5, 0.9, 0.95]);
    for (let h = 0; h < 24; h++)
      for (let k = 1; k < 5; k++)
        expect(set.quantiles.values[k]?.[h]).toBeGreaterThanOrEqual(
          set.quantiles.values[k - 1]?.[h] ?? NaN,
        );
    const low = { ...history, values: history.values.map((v) => Math.max(0, v - 150)) };
    const clipped = generateSmpScenarios({ ...base, history: low, count: 500 });
    expect(Math.min(...clipped.scenarios.map((s) => Math.min(...s)))).toBeGreaterThanOrEqual(0);
  });

  it('rejects a bad count, level or target day with clear errors', () => {
    for (const count of [0, -1, 1.5, MAX_SMP_SCENARIOS + 1, Number.NaN])
      expect(
        expectDomainError(() => generateSmpScenarios({ ...base, count }), 'FORECAST.INVALID_INPUT')
          .field,
      ).toBe('count');
    expectDomainError(
      () => generateSmpScenarios({ ...base, quantileLevels: [0.5, 0.5] }),
      'FORECAST.INVALID_INPUT',
    );
    expectDomainError(
      () => generateSmpScenarios({ ...base, targetDayIndex: 161 }),
      'FORECAST.INVALID_INPUT',
    );
    const needed = smpScenarioHistoryDaysNeeded(forecaster);
    expect(needed).toBe(7 + 28 + 20);
    const error = expectDomainError(
      () => generateSmpScenarios({ ...base, targetDayIndex: needed - 1 }),
      'FORECAST.INSUFFICIENT_HISTORY',
    );
    expect(error.message).toContain(`at least ${needed} days`);
    expect(error.details).toMatchObject({ neededDays: needed, availableDays: needed - 1 });
    // A week of gaps right before the target: no lag-1 price for any hour.
    const blind = { ...history, values: history.values.slice() };
    blind.values.fill(Number.NaN, 143 * 24, 150 * 24);
    expectDomainError(
      () => generateSmpScenarios({ ...base, history: blind }),
      'FORECAST.INSUFFICIENT_HISTORY',
    );
  });
});
