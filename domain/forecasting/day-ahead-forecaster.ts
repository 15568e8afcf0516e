import type { HourlySeries } from './hourly-series.js';

/** Quantile forecasts: `values[k][h]` is the `levels[k]` quantile for hour-ending h + 1. */
export interface QuantileForecast {
  /** Probability levels in (0, 1), increasing, e.g. [0.1, 0.5, 0.9]. */
  readonly levels: readonly number[];
  readonly values: readonly Float64Array[];
}

/** A forecast of the 24 hours of one trading day, in the unit of the series it was made from. */
export interface DayForecast {
  /** 24 point values; NaN where the method cannot forecast an hour (counted as skipped). */
  readonly point: Float64Array;
  readonly quantiles?: QuantileForecast;
}

/**
 * A day-ahead method judged by the backtest. The information rule is the same for every method,
 * model and baseline alike: a forecast for the day at `targetDayIndex` may read only values of
 * days before it (`dayIndex < targetDayIndex`). The backtest enforces it by handing the method a
 * series cut at the target day.
 */
export interface DayAheadForecaster {
  /** Stable name, recorded in results, e.g. 'persistence', 'pv-clear-sky-blend'. */
  readonly name: string;
  /** Parameters worth recording next to the results (model settings, not learnt state). */
  readonly parameters: Readonly<Record<string, string | number | boolean>>;
  forecastDay(history: HourlySeries, targetDayIndex: number): DayForecast;
}
