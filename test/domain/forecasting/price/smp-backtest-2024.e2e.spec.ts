import { describe, expect, it } from '@jest/globals';
import { climatologyForecaster } from '../../../../domain/forecasting/baselines/climatology.js';
import { persistenceForecaster } from '../../../../domain/forecasting/baselines/persistence.js';
import type { DayAheadForecaster } from '../../../../domain/forecasting/day-ahead-forecaster.js';
import {
  dayCount,
  dayIndexOf,
  type HourlySeries,
} from '../../../../domain/forecasting/hourly-series.js';
import { meanPinballLoss } from '../../../../domain/forecasting/metrics/pinball-loss.js';
import {
  meanAbsoluteError,
  meanAbsolutePercentageError,
} from '../../../../domain/forecasting/metrics/point-metrics.js';
import { createSmpForecaster } from '../../../../domain/forecasting/price/smp-forecaster.js';
import { generateSmpScenarios } from '../../../../domain/forecasting/price/smp-scenarios.js';
import { TradingDay } from '../../../../domain/shared/time/trading-day.js';
import { readSharedKpxSeries } from '../../../support/shared-kpx-series.js';

const SMP_FILE = 'smp-hourly-2020-2024.csv';
const mainland = readSharedKpxSeries(SMP_FILE, 'smp_mainland_krw_per_kwh', 'KRW/kWh');
const jeju = readSharedKpxSeries(SMP_FILE, 'smp_jeju_krw_per_kwh', 'KRW/kWh');

interface BacktestResult {
  readonly mae: number;
  readonly maeCount: number;
  readonly mape: number;
  readonly pinball: number;
}

/** Day-ahead backtest over 2024 under the information rule: each day sees a series cut before it. */
const backtest2024 = (series: HourlySeries, method: DayAheadForecaster): BacktestResult => {
  const first = dayIndexOf(series, TradingDay.parse('2024-01-01'));
  const last = dayIndexOf(series, TradingDay.parse('2024-12-31'));
  expect(last).toBe(dayCount(series) - 1);
  const actual: number[] = [];
  const forecast: number[] = [];
  let pinballSum = 0;
  let pinballCount = 0;
  for (let day = first; day <= last; day++) {
    const seen: HourlySeries = { ...series, values: series.values.subarray(0, day * 24) };
    const result = method.forecastDay(seen, day);
    const truth = series.values.subarray(day * 24, day * 24 + 24);
    actual.push(...truth);
    forecast.push(...result.point);
    if (result.quantiles !== undefined) {
      const loss = meanPinballLoss(truth, result.quantiles);
      if (loss.count > 0) {
        pinballSum += loss.value * loss.count;
        pinballCount += loss.count;
      }
    }
  }
  const mae = meanAbsoluteError(actual, forecast);
  return {
    mae: mae.value,
    maeCount: mae.count,
    mape: meanAbsolutePercentageError(actual, forecast).value,
    pinball: pinballCount === 0 ? Number.NaN : pinballSum / pinballCount,
  };
};

describe('SMP day-ahead backtest 2024 (shared KPX data)', () => {
  it('beats persistence and climatology on MAE for the mainland', () => {
    const model = backtest2024(mainland, createSmpForecaster());
    const persistence = backtest2024(mainland, persistenceForecaster);
    const climatology = backtest2024(mainland, climatologyForecaster());
    expect(model.mae).toBeLessThan(persistence.mae);
    expect(model.mae).toBeLessThan(climatology.mae);
    // Every hour of 2024 with an actual is forecast (the missing day 2024-03-21 included as input gap).
    expect(model.maeCount).toBe(366 * 24 - 35);
    expect(model.mape).toBeLessThan(persistence.mape);
    // P10/P50/P90 pinball loss must beat the point forecast read as all three quantiles (= MAE / 2).
    expect(model.pinball).toBeLessThan(model.mae / 2);
  });

  it('runs on the Jeju series with the same model and beats persistence there too', () => {
    const model = backtest2024(jeju, createSmpForecaster());
    const persistence = backtest2024(jeju, persistenceForecaster);
    expect(Number.isFinite(model.mae)).toBe(true);
    expect(model.maeCount).toBe(366 * 24 - 35);
    expect(model.mae).toBeLessThan(persistence.mae);
    expect(Number.isFinite(model.pinball)).toBe(true);
  });

  it('generates joint scenarios for a real trading day that bracket the realised prices', () => {
    const days = ['2024-02-13', '2024-05-20', '2024-08-08', '2024-11-25'];
    let inside = 0;
    for (const text of days) {
      const day = dayIndexOf(mainland, TradingDay.parse(text));
      const seen: HourlySeries = { ...mainland, values: mainland.values.subarray(0, day * 24) };
      const set = generateSmpScenarios({
        history: seen,
        targetDayIndex: day,
        count: 500,
        seed: text,
      });
      expect(set.tradingDay).toBe(text);
      expect(set.scenarios).toHaveLength(500);
      expect(set.scenarios.every((s) => s.every((v) => v >= 0))).toBe(true);
      const [p10, , p90] = set.quantiles.values;
      for (let h = 0; h < 24; h++) {
        const actual = mainland.values[day * 24 + h] ?? Number.NaN;
        if (actual >= (p10?.[h] ?? Infinity) && actual <= (p90?.[h] ?? -Infinity)) inside++;
      }
    }
    // 96 hours, nominal 80 % inside P10..P90; loose bounds, hours of one day are correlated.
    expect(inside).toBeGreaterThan(96 * 0.4);
  });
});
