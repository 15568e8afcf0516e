import { HOURS_PER_DAY } from '../../shared/time/kpx-numbering.js';
import type { DayAheadForecaster, DayForecast } from '../day-ahead-forecaster.js';
import { dayAt, dayCount, type HourlySeries } from '../hourly-series.js';

export interface ClimatologyOptions {
  /** Fewer observations than this for an hour leaves it unforecast (skipped, not guessed). */
  readonly minimumSamples: number;
}

/**
 * The seasonal baseline: each hour of day D is forecast as the mean of the same hour over every
 * earlier day of the same calendar month (any year) in the history. Only days before D are read,
 * the same information rule as the model's.
 */
export const climatologyForecaster = (
  options: ClimatologyOptions = { minimumSamples: 5 },
): DayAheadForecaster => ({
  name: 'climatology',
  parameters: { minimumSamples: options.minimumSamples, window: 'same hour, same calendar month' },
  forecastDay: (history: HourlySeries, targetDayIndex: number): DayForecast => {
    const month = dayAt(history, targetDayIndex).month;
    const sums = new Float64Array(HOURS_PER_DAY);
    const counts = new Uint32Array(HOURS_PER_DAY);
    const lastDay = Math.min(targetDayIndex, dayCount(history));
    for (let d = 0; d < lastDay; d++) {
      if (dayAt(history, d).month !== month) continue;
      for (let h = 0; h < HOURS_PER_DAY; h++) {
        const value = history.values[d * HOURS_PER_DAY + h] ?? Number.NaN;
        if (Number.isNaN(value)) continue;
        sums[h] = (sums[h] ?? 0) + value;
        counts[h] = (counts[h] ?? 0) + 1;
      }
    }
    const point = new Float64Array(HOURS_PER_DAY);
    for (let h = 0; h < HOURS_PER_DAY; h++) {
      const count = counts[h] ?? 0;
      point[h] = count >= options.minimumSamples ? (sums[h] ?? 0) / count : Number.NaN;
    }
    return { point };
  },
});
