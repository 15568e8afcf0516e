import type { Message } from '../shared/decider.js';
import type { KpxEligibilityBasis } from './kpx-scheme/kpx-eligibility.js';
import type { KpxSubmissionSlot } from './kpx-scheme/kpx-forecast-scheme.js';
import type { ForecastModel, ForecastSeries, OmittedSeries } from './forecast-series.js';

/**
 * Events of a forecast stream `forecast-{portfolioId}-{tradingDay}`: the storage contract, so
 * change them only by adding schema versions (the store stamps `metadata.schemaVersion`, 1 for
 * both). Instants are canonical UTC ISO strings, days 'YYYY-MM-DD' (KST).
 */
export type ForecastIssued = Message<
  'ForecastIssued',
  {
    readonly forecastId: string;
    readonly portfolioId: string;
    readonly tradingDay: string;
    /** 1, 2, ... in the order issued on this stream; later versions supersede earlier ones. */
    readonly version: number;
    readonly issuedAt: string;
    readonly intervalMinutes: number;
    readonly model: ForecastModel;
    readonly inputsDigest: string;
    readonly series: readonly ForecastSeries[];
    /** Series that could not be made, with the reason; empty when none was left out. */
    readonly omitted: readonly OmittedSeries[];
  }
>;

/**
 * A submission to the KPX renewable forecast scheme: the P50 of the forecast's PV and wind
 * series, summed over micro-VPPs and per trading hour. A later submission in the same slot
 * before its gate replaces the earlier one (`replacesVersion`), as the last one sent counts.
 */
export type KpxForecastSubmitted = Message<
  'KpxForecastSubmitted',
  {
    readonly portfolioId: string;
    readonly tradingDay: string;
    readonly slot: KpxSubmissionSlot;
    /** The gate the submission was held to (D-1 at the slot's KST time). */
    readonly gateAt: string;
    readonly submittedAt: string;
    readonly forecastId: string;
    readonly forecastVersion: number;
    readonly replacesVersion?: number;
    readonly eligibilityBasis: KpxEligibilityBasis;
    /** Installed capacity C of the registered resource, the error rate's denominator. */
    readonly registeredCapacityKw: number;
    readonly unit: 'kWh';
    /** Energy per trading hour, hour-ending 1..24 at index 0..23. */
    readonly energyKwh: readonly number[];
  }
>;

export type ForecastEvent = ForecastIssued | KpxForecastSubmitted;

export const FORECAST_EVENT_TYPES: readonly ForecastEvent['type'][] = [
  'ForecastIssued',
  'KpxForecastSubmitted',
];
