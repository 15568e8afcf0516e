import type { JsonObject } from '../shared/json.js';

/**
 * What a forecast series is about, per micro-VPP. `pv` and `wind` are generation; `load` is the
 * site's consumption as its net meter reads it (export negative); `dr_load` and `ev_charger` the
 * consumption of those DERs. Generation can never be negative, consumption read at a net meter can.
 */
export const FORECAST_ASSET_KINDS = ['pv', 'wind', 'load', 'dr_load', 'ev_charger'] as const;
export type ForecastAssetKind = (typeof FORECAST_ASSET_KINDS)[number];

export const GENERATION_ASSET_KINDS: readonly ForecastAssetKind[] = ['pv', 'wind'];

/** Interval lengths a forecast may be issued on (DESIGN.md §8: the market's choice). */
export const FORECAST_INTERVAL_MINUTES = [60, 30, 15, 5] as const;
export type ForecastIntervalMinutes = (typeof FORECAST_INTERVAL_MINUTES)[number];

/** The level KPX submissions are taken from: the median, P50. */
export const MEDIAN_LEVEL = 0.5;

export interface ForecastModel {
  readonly name: string;
  readonly version: string;
  /** Settings of the model run, as recorded (JSON only: they are hashed into `inputsDigest`). */
  readonly parameters: JsonObject;
}

/**
 * One micro-VPP's forecast of one asset kind: energy per interval of the trading day, one row per
 * probability level. Stored per micro-VPP and kind, never per DER: a DER's share is derived on
 * demand from the same inputs.
 */
export interface ForecastSeries {
  readonly microVppId: string;
  readonly assetKind: ForecastAssetKind;
  readonly unit: 'kWh';
  /** Probability levels in (0, 1), strictly increasing, e.g. [0.1, 0.5, 0.9]. */
  readonly levels: readonly number[];
  /** `values[level][interval]`: energy in the interval at that quantile, non-decreasing in level. */
  readonly values: readonly (readonly number[])[];
}

/** A series the issuer could not make, and why (e.g. a site without meter history has no load). */
export interface OmittedSeries {
  readonly microVppId: string;
  readonly assetKind: ForecastAssetKind;
  readonly reason: string;
}
