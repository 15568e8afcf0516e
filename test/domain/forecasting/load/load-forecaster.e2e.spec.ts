import { beforeAll, describe, expect, it } from '@jest/globals';
import { climatologyForecaster } from '../../../../domain/forecasting/baselines/climatology.js';
import { persistenceForecaster } from '../../../../domain/forecasting/baselines/persistence.js';
import type {
  DayAheadForecaster,
  DayForecast,
} from '../../../../domain/forecasting/day-ahead-forecaster.js';
import { dayIndexOf, type HourlySeries } from '../../../../domain/forecasting/hourly-series.js';
import { createLoadForecaster } from '../../../../domain/forecasting/load/load-forecaster.js';
import { HOURS_PER_DAY } from '../../../../domain/shared/time/kpx-numbering.js';
import { TradingDay } from '../../../../domain/shared/time/trading-day.js';
import { readSharedKpxSeries } from '../../../support/shared-kpx-series.js';

interface Scores {
  readonly hours: number;
  readonly maeMw: number;
  readonly mapePct: number;
  /** MAE / mean actual demand over the same hours. */
  readonly nmae: number;
}

interface Backtest {
  readonly point: Float64Array;
  /** Per forecast day, the quantile forecast (undefined when the method gives none). */
  readonly quantiles: (DayForecast['quantiles'] | undefined)[];
}

/** Day-ahead forecasts of every day in first..last, each made from the series cut at that day. */
const backtest = (
  method: DayAheadForecaster,
  series: HourlySeries,
  first: TradingDay,
  last: TradingDay,
): Backtest => {
  const firstIndex = dayIndexOf(series, first);
  const days = first.daysUntil(last) + 1;
  const point = new Float64Array(days * HOURS_PER_DAY);
  const quantiles: Backtest['quantiles'] = [];
  for (let k = 0; k < days; k++) {
    const target = firstIndex + k;
    // The information rule, enforced as the backtest CLI does: the method sees days < target only.
    const cut: HourlySeries = { ...series, values: series.values.slice(0, target * HOURS_PER_DAY) };
    const forecast = method.forecastDay(cut, target);
    point.set(forecast.point, k * HOURS_PER_DAY);
    quantiles.push(forecast.quantiles);
  }
  return { point, quantiles };
};

const score = (
  actual: Float64Array,
  forecast: Float64Array,
  mask: (i: number) => boolean,
): Scores => {
  let hours = 0;
  let absSum = 0;
  let pctSum = 0;
  let actualSum = 0;
  for (let i = 0; i < actual.length; i++) {
    const y = actual[i] ?? Number.NaN;
    const f = forecast[i] ?? Number.NaN;
    if (!Number.isFinite(y) || !Number.isFinite(f) || !mask(i)) continue;
    hours++;
    absSum += Math.abs(y - f);
    pctSum += Math.abs(y - f) / y;
    actualSum += y;
  }
  return {
    hours,
    maeMw: absSum / hours,
    mapePct: (100 * pctSum) / hours,
    nmae: absSum / actualSum,
  };
};

describe('load forecaster on the 2024 mainland demand (KPX)', () => {
  const series = readSharedKpxSeries('demand-mainland-hourly-2024.csv', 'demand_mainland_mw', 'MW');
  const first = TradingDay.parse('2024-01-15');
  const last = TradingDay.parse('2024-12-31');
  const from = dayIndexOf(series, first) * HOURS_PER_DAY;
  const actual = series.values.slice(from, from + (first.daysUntil(last) + 1) * HOURS_PER_DAY);

  // One backtest per method, shared by the tests below (the model's takes a few seconds).
  let model: Backtest;
  let persistence: Backtest;
  let climatology: Backtest;
  beforeAll(() => {
    model = backtest(createLoadForecaster(), series, first, last);
    persistence = backtest(persistenceForecaster, series, first, last);
    climatology = backtest(climatologyForecaster(), series, first, last);
  });

  it('beats persistence and climatology on MAE, MAPE and NMAE over 2024-01-15..2024-12-31', () => {
    const methods = [model.point, persistence.point, climatology.point];
    const everyMethod = (i: number) => methods.every((f) => Number.isFinite(f[i] ?? Number.NaN));
    const own = (f: Float64Array) => (i: number) => Number.isFinite(f[i] ?? Number.NaN);

    // The model forecasts every hour of the period; the baselines may skip some (climatology
    // needs earlier days of the same month), so they are compared on the hours all three have
    // and also each on its own hours. "Clearly beats" = at least 25 % lower on every measure.
    expect(score(actual, model.point, own(model.point)).hours).toBe(actual.length);
    for (const common of [true, false]) {
      const m = score(actual, model.point, common ? everyMethod : own(model.point));
      for (const baseline of [persistence.point, climatology.point]) {
        const b = score(actual, baseline, common ? everyMethod : own(baseline));
        expect(m.maeMw).toBeLessThan(0.75 * b.maeMw);
        expect(m.mapePct).toBeLessThan(0.75 * b.mapePct);
        expect(m.nmae).toBeLessThan(0.75 * b.nmae);
      }
    }
  });

  it('gives ordered P10/P50/P90 every day, and the P10..P90 band holds roughly 80 % of hours', () => {
    let inside = 0;
    let counted = 0;
    let crossed = 0;
    model.quantiles.forEach((quantiles, k) => {
      const [p10, p50, p90] = quantiles?.values ?? [];
      if (p10 === undefined || p50 === undefined || p90 === undefined)
        throw new Error(`no quantiles for day ${first.plusDays(k).toString()}`);
      expect(quantiles?.levels).toEqual([0.1, 0.5, 0.9]);
      for (let h = 0; h < HOURS_PER_DAY; h++) {
        const [low, mid, high] = [p10[h] ?? Number.NaN, p50[h] ?? Number.NaN, p90[h] ?? Number.NaN];
        if (!(low <= mid && mid <= high)) crossed++;
        const y = actual[k * HOURS_PER_DAY + h] ?? Number.NaN;
        counted++;
        if (y >= low && y <= high) inside++;
      }
    });
    expect(crossed).toBe(0);
    expect(inside / counted).toBeGreaterThan(0.65);
    expect(inside / counted).toBeLessThan(0.95);
  });
});
