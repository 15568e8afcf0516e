import { DomainError } from '../shared/domain-error.js';
import { HOURS_PER_DAY } from '../shared/time/kpx-numbering.js';
import type { TradingDay } from '../shared/time/trading-day.js';

/**
 * A dense hourly series over whole KST trading days: index = dayIndex * 24 + (hourEnding - 1).
 * KST has no daylight saving, so every trading day has exactly 24 hours and a flat array with NaN
 * for a missing hour is both the simplest and the fastest form for backtests over years of data.
 */
export interface HourlySeries {
  /** The first trading day held, 'YYYY-MM-DD' (KST). */
  readonly firstDay: TradingDay;
  /** `days * 24` values; NaN marks an hour the source does not have (a gap, not an error). */
  readonly values: Float64Array;
  /** The unit of every value, e.g. 'kWh', 'MW', 'KRW/kWh'. */
  readonly unit: string;
}

export const dayCount = (series: HourlySeries): number => series.values.length / HOURS_PER_DAY;

/** Position of `day` in the series; may be negative or past the end when `day` is outside it. */
export const dayIndexOf = (series: HourlySeries, day: TradingDay): number =>
  series.firstDay.daysUntil(day);

export const dayAt = (series: HourlySeries, dayIndex: number): TradingDay =>
  series.firstDay.plusDays(dayIndex);

/** The value for `hourEnding` (1..24) of the day at `dayIndex`; NaN outside the series or in a gap. */
export const valueAt = (series: HourlySeries, dayIndex: number, hourEnding: number): number => {
  if (dayIndex < 0 || hourEnding < 1 || hourEnding > HOURS_PER_DAY) return Number.NaN;
  return series.values[dayIndex * HOURS_PER_DAY + hourEnding - 1] ?? Number.NaN;
};

/** The 24 values of one day (NaN for gaps and for days outside the series). */
export const dayValues = (series: HourlySeries, dayIndex: number): Float64Array => {
  const out = new Float64Array(HOURS_PER_DAY).fill(Number.NaN);
  if (dayIndex < 0 || dayIndex >= dayCount(series)) return out;
  out.set(series.values.subarray(dayIndex * HOURS_PER_DAY, (dayIndex + 1) * HOURS_PER_DAY));
  return out;
};

/** An empty (all-gap) series covering `days` trading days from `firstDay`. */
export const emptyHourlySeries = (
  firstDay: TradingDay,
  days: number,
  unit: string,
): HourlySeries => {
  if (!Number.isSafeInteger(days) || days < 0)
    throw new DomainError(
      'FORECAST.INVALID_SERIES',
      `a series holds a whole number of days, got ${days}`,
      'days',
    );
  return { firstDay, values: new Float64Array(days * HOURS_PER_DAY).fill(Number.NaN), unit };
};
