import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { persistenceForecaster } from '../../../../domain/forecasting/baselines/persistence.js';
import { createSmpForecaster } from '../../../../domain/forecasting/price/smp-forecaster.js';
import { TradingDay } from '../../../../domain/shared/time/trading-day.js';
import { expectDomainError } from '../../../support/expect-domain-error.js';
import { syntheticSmp, withoutHolidays } from './synthetic-smp.js';

const history = syntheticSmp({
  days: 200,
  seed: 7,
  hourToHourCorrelation: 0.8,
  errorSdKrwPerKwh: 6,
});
const forecaster = createSmpForecaster({ isHoliday: withoutHolidays });

const cutAt = (dayIndex: number) => ({
  ...history,
  values: history.values.slice(0, dayIndex * 24),
});

describe('createSmpForecaster', () => {
  it('records its settings as parameters', () => {
    expect(forecaster.name).toBe('smp-hourly-regression');
    expect(forecaster.parameters).toMatchObject({
      unit: 'KRW/kWh',
      loss: 'l1',
      windowDays: 60,
      residualDays: 42,
      holidays: 'custom',
      quantileLevels: '0.1,0.5,0.9',
    });
    expect(createSmpForecaster().parameters['holidays']).toBe('korean-public-holidays');
  });

  it('reads only days before the target day (information rule)', () => {
    const day = 150;
    const cut = forecaster.forecastDay(cutAt(day), day);
    const full = forecaster.forecastDay(history, day);
    const poisoned = { ...history, values: history.values.slice() };
    poisoned.values.fill(1e6, day * 24);
    const withFuture = forecaster.forecastDay(poisoned, day);
    expect(Array.from(full.point)).toEqual(Array.from(cut.point));
    expect(Array.from(withFuture.point)).toEqual(Array.from(cut.point));
    expect(withFuture.quantiles?.values.map((row) => Array.from(row))).toEqual(
      cut.quantiles?.values.map((row) => Array.from(row)),
    );
  });

  it('beats same-hour-yesterday on a series with a weekly pattern and a drifting level', () => {
    let model = 0;
    let persistence = 0;
    for (let day = 120; day < 200; day += 4) {
      const modelPoint = forecaster.forecastDay(history, day).point;
      const persistencePoint = persistenceForecaster.forecastDay(history, day).point;
      for (let h = 0; h < 24; h++) {
        const actual = history.values[day * 24 + h] ?? Number.NaN;
        model += Math.abs(actual - (modelPoint[h] ?? Number.NaN));
        persistence += Math.abs(actual - (persistencePoint[h] ?? Number.NaN));
      }
    }
    expect(model).toBeLessThan(0.8 * persistence);
  });

  it('gives ordered quantiles with the median at the point forecast', () => {
    fc.assert(
      fc.property(fc.integer({ min: 95, max: 199 }), (day) => {
        const forecast = forecaster.forecastDay(history, day);
        const [p10, p50, p90] = forecast.quantiles?.values ?? [];
        expect(forecast.quantiles?.levels).toEqual([0.1, 0.5, 0.9]);
        for (let h = 0; h < 24; h++) {
          expect(p10?.[h]).toBeLessThanOrEqual(p50?.[h] ?? Number.NaN);
          expect(p50?.[h]).toBeLessThanOrEqual(p90?.[h] ?? Number.NaN);
          expect(p50?.[h]).toBeCloseTo(forecast.point[h] ?? Number.NaN, 9);
        }
      }),
      { numRuns: 10 },
    );
  });

  it('covers roughly 80 % of actuals with P10..P90', () => {
    let inside = 0;
    let total = 0;
    for (let day = 110; day < 200; day += 3) {
      const [p10, , p90] = forecaster.forecastDay(history, day).quantiles?.values ?? [];
      for (let h = 0; h < 24; h++) {
        const actual = history.values[day * 24 + h] ?? Number.NaN;
        total++;
        if (actual >= (p10?.[h] ?? Infinity) && actual <= (p90?.[h] ?? -Infinity)) inside++;
      }
    }
    expect(inside / total).toBeGreaterThan(0.65);
    expect(inside / total).toBeLessThan(0.92);
  });

  it('keeps forecasting after a whole missing day and falls back to lag-1 on a short history', () => {
    const gappy = { ...history, values: history.values.slice() };
    gappy.values.fill(Number.NaN, 149 * 24, 150 * 24);
    expect(forecaster.forecastDay(gappy, 150).point.every(Number.isFinite)).toBe(true);
    // Too little history to fit: fall back to the last known same hour, without quantiles.
    const early = forecaster.forecastDay(history, 3);
    expect(Array.from(early.point)).toEqual(Array.from(history.values.subarray(2 * 24, 3 * 24)));
    expect(early.quantiles).toBeUndefined();
    expect(forecaster.forecastDay(history, 0).point.every(Number.isNaN)).toBe(true);
  });

  it('never forecasts a negative price when the history has none', () => {
    const crashing = {
      ...history,
      values: history.values.map((v, i) => Math.max(0, v - i * 0.01)),
    };
    const forecast = forecaster.forecastDay(crashing, 199);
    expect(
      Math.min(...forecast.point, ...(forecast.quantiles?.values[0] ?? [])),
    ).toBeGreaterThanOrEqual(0);
  });

  it('treats holidays as off-days when a calendar says so', () => {
    const holiday = TradingDay.parse('2023-06-14'); // a Wednesday inside the synthetic series
    const calendar = createSmpForecaster({ isHoliday: (day) => day.equals(holiday) });
    const index = history.firstDay.daysUntil(holiday);
    const withHoliday = calendar.forecastDay(history, index).point;
    const plain = forecaster.forecastDay(history, index).point;
    // The synthetic weekend discount is -15: an off-day forecast must be markedly lower.
    expect((plain[12] ?? 0) - (withHoliday[12] ?? 0)).toBeGreaterThan(5);
  });

  it('rejects nonsensical options', () => {
    expectDomainError(() => createSmpForecaster({ windowDays: 0 }), 'FORECAST.INVALID_INPUT');
    expectDomainError(() => createSmpForecaster({ minimumFitDays: 500 }), 'FORECAST.INVALID_INPUT');
    expectDomainError(
      () => createSmpForecaster({ quantileLevels: [0.9, 0.1] }),
      'FORECAST.INVALID_INPUT',
    );
    expectDomainError(
      () => createSmpForecaster({ quantileLevels: [0, 0.5] }),
      'FORECAST.INVALID_INPUT',
    );
    expectDomainError(
      () => createSmpForecaster({ irlsEpsilonKrwPerKwh: -1 }),
      'FORECAST.INVALID_INPUT',
    );
  });
});
