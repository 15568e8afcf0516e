import { describe, expect, it } from '@jest/globals';
import { climatologyForecaster } from '../../../../domain/forecasting/baselines/climatology.js';
import { persistenceForecaster } from '../../../../domain/forecasting/baselines/persistence.js';
import type { DayAheadForecaster } from '../../../../domain/forecasting/day-ahead-forecaster.js';
import { dayIndexOf, type HourlySeries } from '../../../../domain/forecasting/hourly-series.js';
import {
  isKpxQualifyingHour,
  kpxHourlyErrorPct,
} from '../../../../domain/forecasting/metrics/kpx-error-rate.js';
import { createMarketPvForecaster } from '../../../../domain/forecasting/pv/market-pv-forecaster.js';
import { TradingDay } from '../../../../domain/shared/time/trading-day.js';
import { readSharedKpxSeries } from '../../../support/shared-kpx-series.js';

/** Mean KPX error (%) over qualifying hours the method forecast, each forecast from days < d. */
const backtest = (
  method: DayAheadForecaster,
  series: HourlySeries,
  from: number,
  to: number,
  capacity: number,
) => {
  let sum = 0;
  let hours = 0;
  for (let d = from; d <= to; d++) {
    const cut: HourlySeries = { ...series, values: series.values.subarray(0, d * 24) };
    const { point } = method.forecastDay(cut, d);
    for (let h = 0; h < 24; h++) {
      const actual = series.values[d * 24 + h] ?? Number.NaN;
      const forecast = point[h] ?? Number.NaN;
      if (Number.isNaN(actual) || Number.isNaN(forecast) || !isKpxQualifyingHour(actual, capacity))
        continue;
      sum += kpxHourlyErrorPct(forecast, actual, capacity);
      hours++;
    }
  }
  return { meanErrorPct: sum / hours, hours };
};

describe('market PV day-ahead backtest, 2024-01-08..2024-09-30', () => {
  it('beats persistence and climatology on the mean KPX error over qualifying hours', () => {
    const series = readSharedKpxSeries(
      'renewables-hourly-2024-jan-sep.csv',
      'solar_market_mw',
      'MW',
    );
    const capacity = Math.max(...series.values.filter(Number.isFinite));
    expect(Math.round(capacity)).toBe(6255);
    const from = dayIndexOf(series, TradingDay.parse('2024-01-08'));
    const to = dayIndexOf(series, TradingDay.parse('2024-09-30'));
    const model = backtest(createMarketPvForecaster(), series, from, to, capacity);
    const persistence = backtest(persistenceForecaster, series, from, to, capacity);
    const climatology = backtest(climatologyForecaster(), series, from, to, capacity);
    expect(model.meanErrorPct).toBeLessThan(persistence.meanErrorPct);
    expect(model.meanErrorPct).toBeLessThan(climatology.meanErrorPct);
    // A margin, not a coin toss: at least 5 % better than the better baseline.
    expect(model.meanErrorPct).toBeLessThan(
      0.95 * Math.min(persistence.meanErrorPct, climatology.meanErrorPct),
    );
  });
});
