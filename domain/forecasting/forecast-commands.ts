import type { Message } from '../shared/decider.js';
import type { RenewablePlant } from './kpx-scheme/kpx-eligibility.js';
import type { KpxForecastScheme, KpxSubmissionSlot } from './kpx-scheme/kpx-forecast-scheme.js';
import type { ForecastModel, ForecastSeries, OmittedSeries } from './forecast-series.js';

/**
 * Records a forecast computed outside the domain (stream `forecast-{portfolioId}-{tradingDay}`).
 * Fields arrive from JSON, so the decider checks them at run time. A retry with the same
 * `forecastId` and the same content appends nothing; the same id with other content is refused.
 */
export type IssueForecast = Message<
  'IssueForecast',
  {
    readonly portfolioId: string;
    readonly tradingDay: string;
    readonly forecastId: string;
    /** ISO instant the forecast is issued at (the caller's clock or an explicit instant). */
    readonly issuedAt: string;
    readonly intervalMinutes: number;
    readonly model: ForecastModel;
    /** SHA-256 (64 lower-case hex digits) of the inputs, computed where the inputs were read. */
    readonly inputsDigest: string;
    readonly series: readonly ForecastSeries[];
    readonly omitted?: readonly OmittedSeries[];
  }
>;

/**
 * Submits a version of the day's forecast to KPX's renewable forecast scheme in `slot`. The
 * registration facts live on other streams (the portfolio's PV DERs), so the caller passes them
 * with the scheme's parameters from configuration.
 */
export type SubmitKpxForecast = Message<
  'SubmitKpxForecast',
  {
    readonly portfolioId: string;
    readonly tradingDay: string;
    readonly slot: KpxSubmissionSlot;
    /** The version to submit; the latest issued at or before `submittedAt` when absent. */
    readonly forecastVersion?: number;
    /** ISO instant of the submission (the handler's clock). */
    readonly submittedAt: string;
    /** The portfolio's solar and wind plants on the trading day. */
    readonly renewablePlants: readonly RenewablePlant[];
    readonly scheme: KpxForecastScheme;
  }
>;

export type ForecastCommand = IssueForecast | SubmitKpxForecast;
