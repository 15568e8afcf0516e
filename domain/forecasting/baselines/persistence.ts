import type { DayAheadForecaster, DayForecast } from '../day-ahead-forecaster.js';
import { dayValues, type HourlySeries } from '../hourly-series.js';

/** The naive day-ahead baseline: each hour of day D is forecast as the same hour of day D-1. */
export const persistenceForecaster: DayAheadForecaster = {
  name: 'persistence',
  parameters: { lagDays: 1 },
  forecastDay: (history: HourlySeries, targetDayIndex: number): DayForecast => ({
    point: dayValues(history, targetDayIndex - 1),
  }),
};
