import { dayCount, dayIndexOf, type HourlySeries } from '../../forecasting/hourly-series.js';
import { HOURS_PER_DAY } from '../../shared/time/kpx-numbering.js';
import type { TradingDay } from '../../shared/time/trading-day.js';

/**
 * For months without renewable data (the shared file stops at 2024-09-30), the hour-of-day mean
 * of the month with the same sun: solar declination on 15 Oct ≈ −8.5° as at the start of March,
 * 15 Nov ≈ −18.4° as in late January / February, December as January. Wind uses the same months
 * (winter-spring monsoon winds). It ignores capacity added during the year (solar grows a few GW a
 * year), so Oct-Dec solar is, if anything, underestimated: a documented assumption.
 */
export const RENEWABLE_FALLBACK_MONTH: Readonly<Record<number, number>> = { 10: 3, 11: 2, 12: 1 };

/** Mean of each hour-ending over the days of `year-month` that have a value (NaN if none). */
export const monthlyHourProfile = (
  series: HourlySeries,
  year: number,
  month: number,
): Float64Array => {
  const sums = new Float64Array(HOURS_PER_DAY);
  const counts = new Float64Array(HOURS_PER_DAY);
  const days = dayCount(series);
  for (let d = 0; d < days; d++) {
    const day = series.firstDay.plusDays(d);
    if (day.year !== year || day.month !== month) continue;
    for (let h = 0; h < HOURS_PER_DAY; h++) {
      const value = series.values[d * HOURS_PER_DAY + h]!;
      if (Number.isNaN(value)) continue;
      sums[h]! += value;
      counts[h]! += 1;
    }
  }
  return sums.map((sum, h) => (counts[h]! > 0 ? sum / counts[h]! : Number.NaN));
};

/**
 * The series extended to `lastDay`, every gap in a month of RENEWABLE_FALLBACK_MONTH filled with
 * the hour-of-day profile of its mirror month of the same year. Other gaps stay NaN.
 */
export const withMirrorMonthFallback = (
  series: HourlySeries,
  lastDay: TradingDay,
): HourlySeries => {
  const days = Math.max(dayCount(series), dayIndexOf(series, lastDay) + 1);
  const values = new Float64Array(days * HOURS_PER_DAY).fill(Number.NaN);
  values.set(series.values.subarray(0, Math.min(series.values.length, values.length)));
  const profiles = new Map<string, Float64Array>();
  for (let d = 0; d < days; d++) {
    const day = series.firstDay.plusDays(d);
    const mirror = RENEWABLE_FALLBACK_MONTH[day.month];
    if (mirror === undefined) continue;
    const key = `${day.year}-${mirror}`;
    let profile = profiles.get(key);
    if (profile === undefined) {
      profile = monthlyHourProfile(series, day.year, mirror);
      profiles.set(key, profile);
    }
    for (let h = 0; h < HOURS_PER_DAY; h++) {
      const at = d * HOURS_PER_DAY + h;
      if (Number.isNaN(values[at]!)) values[at] = profile[h]!;
    }
  }
  return { firstDay: series.firstDay, values, unit: series.unit };
};
