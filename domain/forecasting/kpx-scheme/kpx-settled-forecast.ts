import { DomainError } from '../../shared/domain-error.js';
import { averageOfTwoSubmissions } from '../metrics/two-submission-average.js';
import { HOURS_PER_DAY } from '../../shared/time/kpx-numbering.js';
import type { KpxSubmissionSlot } from './kpx-forecast-scheme.js';

/**
 * How the settled forecast was formed. KPX settles on the mean of the two D-1 submissions
 * (kpx-market-rules.md §4.3); what it does when one is missing is not documented (UNCONFIRMED).
 * ASSUMPTION: the one submission made stands alone, and the basis flags it so that reports
 * and incentive estimates can tell such days apart.
 */
export type SettledForecastBasis = 'mean_of_submissions' | 'first_only' | 'second_only';

export interface SettledKpxForecast {
  readonly basis: SettledForecastBasis;
  /** F_h for hour-ending h = index + 1, in kWh. */
  readonly energyKwh: readonly number[];
}

/**
 * F_h = (F_h^first + F_h^second) / 2, hour by hour (kpx-market-rules.md §4.4): the metrics'
 * `averageOfTwoSubmissions`, so that settlement and evaluation use one definition.
 */
export const settledForecastMean = (
  first: readonly number[],
  second: readonly number[],
): number[] => Array.from(averageOfTwoSubmissions(first, second));

/** The settled forecast from whichever submissions were made; undefined when none was. */
export const settleKpxForecast = (
  submissions: Readonly<Partial<Record<KpxSubmissionSlot, readonly number[]>>>,
): SettledKpxForecast | undefined => {
  const { first, second } = submissions;
  if (first !== undefined && second !== undefined)
    return { basis: 'mean_of_submissions', energyKwh: settledForecastMean(first, second) };
  if (first !== undefined) return { basis: 'first_only', energyKwh: [...first] };
  if (second !== undefined) return { basis: 'second_only', energyKwh: [...second] };
  return undefined;
};

/**
 * Energy per KPX trading hour from energy per interval of a day's grid: the intervals of each
 * hour summed (the grid tiles the hour, so hour h holds intervals [(h-1)k, hk) for k per hour).
 */
export const hourlyEnergyKwh = (values: readonly number[], intervalMinutes: number): number[] => {
  const perHour = 60 / intervalMinutes;
  if (!Number.isInteger(perHour) || values.length !== HOURS_PER_DAY * perHour)
    throw new DomainError(
      'FORECAST.INVALID_INPUT',
      `${values.length} values of ${intervalMinutes} minutes do not make one trading day`,
    );
  const hourly = new Array<number>(HOURS_PER_DAY).fill(0);
  for (let i = 0; i < values.length; i++) {
    const h = Math.floor(i / perHour);
    hourly[h] = (hourly[h] ?? 0) + (values[i] ?? 0);
  }
  return hourly;
};
