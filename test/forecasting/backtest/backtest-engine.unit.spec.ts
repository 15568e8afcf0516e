import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { climatologyForecaster } from '../../../domain/forecasting/baselines/climatology.js';
import { persistenceForecaster } from '../../../domain/forecasting/baselines/persistence.js';
import type {
  DayAheadForecaster,
  DayForecast,
} from '../../../domain/forecasting/day-ahead-forecaster.js';
import { valueAt, type HourlySeries } from '../../../domain/forecasting/hourly-series.js';
import { isDomainError } from '../../../domain/shared/domain-error.js';
import { TradingDay } from '../../../domain/shared/time/trading-day.js';
import { runBacktest } from '../../../src/forecasting/backtest/backtest-engine.js';

const FIRST = TradingDay.parse('2024-01-01');

/** `days` days of hourly values, all distinct and positive: value = dayIndex * 100 + hourEnding. */
const series = (days: number): HourlySeries => ({
  firstDay: FIRST,
  values: Float64Array.from(
    { length: days * 24 },
    (_v, i) => Math.floor(i / 24) * 100 + (i % 24) + 1,
  ),
  unit: 'MW',
});

const constant = (
  name: string,
  value: number,
  extra: Partial<DayForecast> = {},
): DayAheadForecaster => ({
  name,
  parameters: {},
  forecastDay: () => ({ point: new Float64Array(24).fill(value), ...extra }),
});

const day = (n: number): TradingDay => FIRST.plusDays(n);

describe('runBacktest: the information rule', () => {
  it('hands every method a history that ends before the target day, with no future behind the view', () => {
    const actual = series(10);
    const seen: { target: number; length: number }[] = [];
    const spy: DayAheadForecaster = {
      name: 'spy',
      parameters: {},
      forecastDay: (history, target) => {
        seen.push({ target, length: history.values.length });
        expect(history.firstDay.equals(FIRST)).toBe(true);
        expect(history.values.length).toBe(target * 24);
        // The last day before the target is there, the target day is not.
        expect(valueAt(history, target - 1, 24)).toBe((target - 1) * 100 + 24);
        expect(Number.isNaN(valueAt(history, target, 1))).toBe(true);
        // Even a method that looks past its view, into the whole buffer, finds nothing ahead.
        const whole = new Float64Array(history.values.buffer, history.values.byteOffset);
        for (let i = target * 24; i < whole.length; i++) expect(Number.isNaN(whole[i]!)).toBe(true);
        return { point: new Float64Array(24).fill(1) };
      },
    };
    runBacktest({ actual, from: day(3), to: day(9), methods: { model: spy } });
    expect(seen.map((s) => s.target)).toEqual([3, 4, 5, 6, 7, 8, 9]);
  });

  it('a method that peeks at the target day gets nothing, so all its hours are skipped', () => {
    const actual = series(5);
    const peeker: DayAheadForecaster = {
      name: 'peeker',
      parameters: {},
      forecastDay: (history, target) => ({
        point: Float64Array.from({ length: 24 }, (_v, h) => valueAt(history, target, h + 1)),
      }),
    };
    const aligned = runBacktest({ actual, from: day(1), to: day(4), methods: { model: peeker } });
    expect(aligned.scoredHours).toBe(0);
    expect(aligned.skippedHours).toBe(96);
    expect(aligned.methods['model']!.forecastHours).toBe(0);
  });

  it('property: each method is called once per day with exactly the days before the target', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 0, max: 39 }),
        fc.integer({ min: 0, max: 39 }),
        (days, a, b) => {
          const [fromIndex, toIndex] = [Math.min(a, b) % days, Math.max(a, b) % days].sort(
            (x, y) => x - y,
          ) as [number, number];
          const calls: number[][] = [[], []];
          const recorder = (k: number): DayAheadForecaster => ({
            name: `r${k}`,
            parameters: {},
            forecastDay: (history, target) => {
              calls[k]!.push(target);
              if (history.values.length !== target * 24)
                throw new Error('history not cut at the target');
              return { point: new Float64Array(24).fill(0) };
            },
          });
          const aligned = runBacktest({
            actual: series(days),
            from: day(fromIndex),
            to: day(toIndex),
            methods: { model: recorder(0), other: recorder(1) },
          });
          const expected = Array.from(
            { length: toIndex - fromIndex + 1 },
            (_v, i) => fromIndex + i,
          );
          expect(calls).toEqual([expected, expected]);
          expect(aligned.hours).toBe(expected.length * 24);
          expect(aligned.scoredHours + aligned.skippedHours).toBe(aligned.hours);
        },
      ),
    );
  });
});

describe('runBacktest: skipped hours and coverage', () => {
  it('scores an hour only when the actual and every method exist, and counts the rest', () => {
    const actual = series(4);
    actual.values[2 * 24 + 4] = Number.NaN; // day 2, hour 5: a gap in the data
    const holey: DayAheadForecaster = {
      name: 'holey',
      parameters: {},
      // No forecast for hour 3 of any day.
      forecastDay: () => ({
        point: Float64Array.from({ length: 24 }, (_v, h) => (h === 2 ? Number.NaN : 0)),
      }),
    };
    const aligned = runBacktest({
      actual,
      from: day(1),
      to: day(3),
      methods: { model: constant('flat', 1), persistence: persistenceForecaster, holey },
    });
    expect(aligned.hours).toBe(72);
    expect(aligned.missingActualHours).toBe(1);
    // Day 3's persistence reads day 2's gap: hour 5 of day 3 has no persistence forecast.
    expect(aligned.methods['persistence']!.forecastHours).toBe(71);
    expect(aligned.methods['holey']!.forecastHours).toBe(69);
    expect(aligned.methods['model']!.forecastHours).toBe(72);
    // Skipped: 3 × hour 3 (holey), day 2 hour 5 (gap), day 3 hour 5 (persistence) = 5.
    expect(aligned.skippedHours).toBe(5);
    expect(aligned.scoredHours).toBe(67);
    // Every method is lined up on the same hours as the truth.
    for (const key of ['model', 'persistence', 'holey'])
      expect(aligned.methods[key]!.point).toHaveLength(67);
    const i = Array.from(aligned.hourEndings).findIndex(
      (h, k) => h === 6 && aligned.epochDays[k] === day(3).epochDay,
    );
    expect(aligned.actual[i]).toBe(306);
    expect(aligned.methods['persistence']!.point[i]).toBe(206);
  });

  it('lines quantiles up with the scored hours', () => {
    const levels = [0.1, 0.9];
    const quantiled: DayAheadForecaster = {
      name: 'q',
      parameters: {},
      forecastDay: (_history, target) => ({
        point: new Float64Array(24).fill(target),
        quantiles: {
          levels,
          values: [new Float64Array(24).fill(target - 1), new Float64Array(24).fill(target + 1)],
        },
      }),
    };
    const aligned = runBacktest({
      actual: series(3),
      from: day(1),
      to: day(2),
      methods: { model: quantiled },
    });
    const q = aligned.methods['model']!.quantiles!;
    expect(q.levels).toEqual(levels);
    expect(q.values[0]![0]).toBe(0);
    expect(q.values[1]![47]).toBe(3);
  });

  it('runs the real baselines: climatology skips until it has enough days of the month', () => {
    const aligned = runBacktest({
      actual: series(10),
      from: day(1),
      to: day(9),
      methods: { persistence: persistenceForecaster, climatology: climatologyForecaster() },
    });
    // Climatology needs 5 earlier days of January: days 1..4 are skipped (4 × 24 hours).
    expect(aligned.methods['climatology']!.forecastHours).toBe(5 * 24);
    expect(aligned.skippedHours).toBe(4 * 24);
  });

  it('reports progress once per day', () => {
    const progress: [number, number][] = [];
    runBacktest({
      actual: series(5),
      from: day(2),
      to: day(4),
      methods: { model: constant('flat', 1) },
      onDay: (done, total) => progress.push([done, total]),
    });
    expect(progress).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
  });
});

describe('runBacktest: refuses what cannot be scored', () => {
  const code = (action: () => unknown): string => {
    try {
      action();
    } catch (error) {
      if (isDomainError(error)) return `${error.code}: ${error.message}`;
      throw error;
    }
    return 'nothing thrown';
  };

  it.each([
    ['a period outside the data', { from: day(3), to: day(12) }, /outside the data/],
    ['a period before the data', { from: day(-1), to: day(2) }, /outside the data/],
    ['a backwards period', { from: day(4), to: day(2) }, /runs backwards/],
  ])('%s', (_name, period, message) => {
    expect(
      code(() =>
        runBacktest({ actual: series(5), ...period, methods: { model: constant('c', 1) } }),
      ),
    ).toMatch(message);
  });

  it('a forecast that is not 24 hours', () => {
    const short: DayAheadForecaster = {
      name: 's',
      parameters: {},
      forecastDay: () => ({ point: new Float64Array(23) }),
    };
    expect(
      code(() =>
        runBacktest({ actual: series(3), from: day(1), to: day(2), methods: { model: short } }),
      ),
    ).toMatch(/FORECAST.INVALID_BACKTEST: method model must forecast 24 hours/);
  });

  it('quantile levels that change from day to day', () => {
    const shifting: DayAheadForecaster = {
      name: 'shifting',
      parameters: {},
      forecastDay: (_h, target) => ({
        point: new Float64Array(24),
        quantiles: { levels: [target === 1 ? 0.1 : 0.2], values: [new Float64Array(24)] },
      }),
    };
    expect(
      code(() =>
        runBacktest({ actual: series(3), from: day(1), to: day(2), methods: { model: shifting } }),
      ),
    ).toMatch(/changed its quantile levels/);
  });
});

describe('runBacktest: methods cannot disturb each other', () => {
  it('a method that writes into its history spoils only its own forecasts', () => {
    const vandal: DayAheadForecaster = {
      name: 'vandal',
      parameters: {},
      forecastDay: (history) => {
        history.values.fill(-1);
        return { point: new Float64Array(24).fill(0) };
      },
    };
    const aligned = runBacktest({
      actual: series(4),
      from: day(1),
      to: day(3),
      methods: { vandal, persistence: persistenceForecaster },
    });
    const persistence = aligned.methods['persistence']!.point;
    // Persistence still sees the true previous day: 0*100+1 for day 1, hour 1, and so on.
    expect(persistence[0]).toBe(1);
    expect(persistence[24 + 23]).toBe(124);
    expect(Array.from(persistence).every((value) => value > 0)).toBe(true);
  });
});
