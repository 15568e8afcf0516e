import { describe, expect, it } from '@jest/globals';
import { dayIndexOf, type HourlySeries } from '../../../../domain/forecasting/hourly-series.js';
import {
  createLoadForecaster,
  forecastDrLoadDay,
} from '../../../../domain/forecasting/load/load-forecaster.js';
import { HOURS_PER_DAY } from '../../../../domain/shared/time/kpx-numbering.js';
import { SeededRandom } from '../../../../domain/shared/seeded-random.js';
import { TradingDay } from '../../../../domain/shared/time/trading-day.js';
import { expectDomainError } from '../../../support/expect-domain-error.js';
import {
  dayMae,
  dayShape,
  syntheticLoad,
  syntheticTemperature,
  weekdayLevel,
} from './synthetic-load.js';

const noHolidays = () => false;

/** Mean absolute error of day-ahead forecasts over the last `days` days of the series. */
const backtestMae = (
  series: HourlySeries,
  days: number,
  forecaster = createLoadForecaster(),
): number => {
  const total = series.values.length / HOURS_PER_DAY;
  let sum = 0;
  for (let d = total - days; d < total; d++)
    sum += dayMae(series, d, forecaster.forecastDay(series, d).point);
  return sum / days;
};

describe('createLoadForecaster', () => {
  it('learns a weekly pattern: weekdays, Saturdays and Sundays each get their own level', () => {
    const series = syntheticLoad({ firstDay: '2024-03-04', days: 63, noise: 0.02 });
    const forecaster = createLoadForecaster({ isHoliday: noHolidays });
    // 2024-05-06 is a Monday, 05-11 a Saturday, 05-12 a Sunday (no holidays in this calendar).
    for (const [text, level] of [
      ['2024-05-06', 100],
      ['2024-05-08', 100],
      ['2024-05-11', 70],
      ['2024-05-12', 50],
    ] as const) {
      const dayIndex = dayIndexOf(series, TradingDay.parse(text));
      const { point } = forecaster.forecastDay(series, dayIndex);
      for (let h = 0; h < HOURS_PER_DAY; h++)
        expect(point[h]).toBeCloseTo(level * dayShape(h), -0.5 + Math.log10(1 / (0.04 * level)));
    }
  });

  it('forecasts a weekday public holiday like a Sunday, not like the weekday it falls on', () => {
    const calendarAware = (day: TradingDay): number => {
      const holidays = ['2024-04-10', '2024-05-06', '2024-05-15', '2024-06-06', '2024-08-15'];
      return holidays.includes(day.toString()) ? 50 : weekdayLevel(day);
    };
    const series = syntheticLoad({ firstDay: '2024-03-04', days: 170, level: calendarAware });
    const liberation = dayIndexOf(series, TradingDay.parse('2024-08-15')); // a Thursday
    const { point } = createLoadForecaster().forecastDay(series, liberation);
    // Within a few per cent of the Sunday load (a holiday lowers its week's mean, which the
    // shapes are relative to), and nowhere near the 100 of a Thursday.
    for (let h = 0; h < HOURS_PER_DAY; h++)
      expect(Math.abs((point[h] ?? 0) / (50 * dayShape(h)) - 1)).toBeLessThan(0.06);
    // And a plain Thursday a week later is still a weekday.
    const thursday = createLoadForecaster().forecastDay(series, liberation + 7).point;
    expect(thursday[12]).toBeCloseTo(100 * dayShape(12), 6);
  });

  it('forecasts a holiday with no earlier holiday in the history from the Sundays', () => {
    const series = syntheticLoad({ firstDay: '2024-07-01', days: 60 });
    const liberation = dayIndexOf(series, TradingDay.parse('2024-08-15'));
    const { point } = createLoadForecaster().forecastDay(series, liberation);
    // No holiday example yet: the holiday shape is the Sunday shape (its fallback).
    expect(point[12]).toBeCloseTo(50 * dayShape(12), 6);
  });

  it('picks up a heating effect when the load has one and the temperature is given', () => {
    const temperature = syntheticTemperature('2023-11-06', 100);
    const series = syntheticLoad({
      firstDay: '2023-11-06',
      days: 100,
      temperature,
      heatingPerDegree: 0.03,
      noise: 0.01,
      level: () => 100,
    });
    const without = backtestMae(series, 14, createLoadForecaster({ isHoliday: noHolidays }));
    const withTemperature = backtestMae(
      series,
      14,
      createLoadForecaster({ isHoliday: noHolidays, temperature }),
    );
    expect(withTemperature).toBeLessThan(0.5 * without);
  });

  it('leaves the forecast about unchanged when the load does not depend on the temperature', () => {
    const temperature = syntheticTemperature('2023-11-06', 100);
    const series = syntheticLoad({ firstDay: '2023-11-06', days: 100, noise: 0.03 });
    const without = backtestMae(series, 14);
    const withTemperature = backtestMae(series, 14, createLoadForecaster({ temperature }));
    expect(withTemperature).toBeLessThan(1.05 * without);
    expect(withTemperature).toBeGreaterThan(0.95 * without);
  });

  it('tolerates gaps: scattered missing hours and a missing week still give a full forecast', () => {
    const clean = syntheticLoad({ firstDay: '2024-03-04', days: 56, noise: 0.02 });
    const values = clean.values.slice();
    const random = new SeededRandom(3).derive('gaps');
    for (let i = 0; i < values.length; i++) if (random.nextFloat() < 0.2) values[i] = Number.NaN;
    values.fill(Number.NaN, 40 * HOURS_PER_DAY, 47 * HOURS_PER_DAY);
    const gappy: HourlySeries = { ...clean, values };
    const forecast = createLoadForecaster().forecastDay(gappy, 50);
    expect(forecast.point.every((v) => Number.isFinite(v))).toBe(true);
    expect(dayMae(clean, 50, forecast.point)).toBeLessThan(5);
  });

  it('forecasts from a short history, and returns NaN (no throw) when there is none', () => {
    const series = syntheticLoad({ firstDay: '2024-06-03', days: 3 });
    const forecaster = createLoadForecaster();
    const fromThreeDays = forecaster.forecastDay(series, 3).point;
    expect(fromThreeDays.every((v) => Number.isFinite(v) && v > 0)).toBe(true);
    const fromOneDay = forecaster.forecastDay(series, 1).point;
    for (let h = 0; h < HOURS_PER_DAY; h++) expect(fromOneDay[h]).toBeCloseTo(100 * dayShape(h), 6);
    expect(forecaster.forecastDay(series, 0).point.every(Number.isNaN)).toBe(true);
    expect(forecaster.forecastDay(series, -5).point.every(Number.isNaN)).toBe(true);
    const allGaps: HourlySeries = { ...series, values: new Float64Array(72).fill(Number.NaN) };
    expect(forecaster.forecastDay(allGaps, 3).point.every(Number.isNaN)).toBe(true);
  });

  it('forecasts days beyond the end of the history from the last days it has', () => {
    const series = syntheticLoad({ firstDay: '2024-03-04', days: 28 });
    const point = createLoadForecaster({ isHoliday: noHolidays }).forecastDay(series, 30).point;
    // Index 30 is 2024-04-03, a Wednesday.
    expect(point[12]).toBeCloseTo(100 * dayShape(12), 6);
  });

  it('reads only days before the target (the information rule)', () => {
    const series = syntheticLoad({ firstDay: '2024-03-04', days: 40, noise: 0.05 });
    const tampered = series.values.slice();
    tampered.fill(1e6, 30 * HOURS_PER_DAY);
    const forecaster = createLoadForecaster();
    expect(forecaster.forecastDay({ ...series, values: tampered }, 30)).toEqual(
      forecaster.forecastDay(series, 30),
    );
  });

  it('is deterministic: the same inputs give identical forecasts', () => {
    const temperature = syntheticTemperature('2024-01-01', 60);
    const series = syntheticLoad({ firstDay: '2024-01-01', days: 60, noise: 0.05, temperature });
    const a = createLoadForecaster({ temperature }).forecastDay(series, 55);
    const b = createLoadForecaster({ temperature }).forecastDay(series, 55);
    expect(a).toEqual(b);
    expect(a.quantiles?.levels).toEqual([0.1, 0.5, 0.9]);
  });

  it('refuses invalid settings and a non-integer day index', () => {
    expectDomainError(() => createLoadForecaster({ similarDays: 0 }), 'FORECAST.INVALID_INPUT');
    expectDomainError(() => createLoadForecaster({ recencyDecay: 1.5 }), 'FORECAST.INVALID_INPUT');
    expectDomainError(
      () => createLoadForecaster({ quantileLevels: [0.5, 0.1] }),
      'FORECAST.INVALID_INPUT',
    );
    expectDomainError(
      () => createLoadForecaster({ heatingBaseC: 25, coolingBaseC: 20 }),
      'FORECAST.INVALID_INPUT',
    );
    const series = syntheticLoad({ firstDay: '2024-03-04', days: 10 });
    expectDomainError(
      () => createLoadForecaster().forecastDay(series, 2.5),
      'FORECAST.INVALID_INPUT',
    );
  });

  it('records its settings and whether a temperature series is used', () => {
    expect(createLoadForecaster().name).toBe('load-similar-day');
    const withTemperature = createLoadForecaster({
      temperature: syntheticTemperature('2024-01-01', 5),
    });
    expect(withTemperature.name).toBe('load-similar-day-temperature');
    expect(withTemperature.parameters).toMatchObject({ temperature: true, similarDays: 4 });
  });
});

describe('forecastDrLoadDay', () => {
  it("gives a DR customer's expected hourly use and daily total in the meter's unit", () => {
    const meter = syntheticLoad({ firstDay: '2024-03-04', days: 35 });
    // 2024-04-09 is a Tuesday with nothing special.
    const forecast = forecastDrLoadDay(meter, TradingDay.parse('2024-04-09'));
    expect(forecast.unit).toBe('kWh');
    expect(forecast.day.toString()).toBe('2024-04-09');
    const total = forecast.point.reduce((sum, v) => sum + v, 0);
    expect(forecast.dailyTotal).toBeCloseTo(total, 9);
    let expected = 0;
    for (let h = 0; h < HOURS_PER_DAY; h++) expected += 100 * dayShape(h);
    expect(forecast.dailyTotal).toBeCloseTo(expected, 6);
  });

  it('is NaN for a day the meter history cannot say anything about', () => {
    const meter = syntheticLoad({ firstDay: '2024-03-04', days: 5 });
    expect(forecastDrLoadDay(meter, TradingDay.parse('2024-03-01')).dailyTotal).toBeNaN();
  });
});
