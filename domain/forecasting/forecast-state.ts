import { settleKpxForecast, type SettledKpxForecast } from './kpx-scheme/kpx-settled-forecast.js';
import type { KpxSubmissionSlot } from './kpx-scheme/kpx-forecast-scheme.js';
import type { ForecastIssued, KpxForecastSubmitted } from './forecast-events.js';

export type IssuedForecast = ForecastIssued['data'];
export type KpxSubmission = KpxForecastSubmitted['data'];

export interface ForecastDay {
  readonly status: 'issued';
  readonly portfolioId: string;
  readonly tradingDay: string;
  /** Every version issued, in order: `versions[n - 1]` is version n. */
  readonly versions: readonly IssuedForecast[];
  /** The submission that counts in each slot (the last one made before its gate). */
  readonly submissions: Readonly<Partial<Record<KpxSubmissionSlot, KpxSubmission>>>;
}

export type ForecastDayState = { readonly status: 'empty' } | ForecastDay;

export const initialForecastDayState = (): ForecastDayState => ({ status: 'empty' });

export const latestForecast = (state: ForecastDayState): IssuedForecast | undefined =>
  state.status === 'issued' ? state.versions.at(-1) : undefined;

export const forecastVersion = (
  state: ForecastDayState,
  version: number,
): IssuedForecast | undefined =>
  state.status === 'issued' && Number.isInteger(version) && version >= 1
    ? state.versions[version - 1]
    : undefined;

export const forecastById = (
  state: ForecastDayState,
  forecastId: string,
): IssuedForecast | undefined =>
  state.status === 'issued'
    ? state.versions.find((issued) => issued.forecastId === forecastId)
    : undefined;

/**
 * The forecast KPX settles the day on: the hourly mean of the two submissions, or the single one
 * made, flagged by its basis (see `SettledForecastBasis`); undefined before any submission.
 */
export const settledKpxForecast = (state: ForecastDayState): SettledKpxForecast | undefined => {
  if (state.status !== 'issued') return undefined;
  const { first, second } = state.submissions;
  return settleKpxForecast({
    ...(first === undefined ? {} : { first: first.energyKwh }),
    ...(second === undefined ? {} : { second: second.energyKwh }),
  });
};
