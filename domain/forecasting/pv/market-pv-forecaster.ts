import type { DayAheadForecaster, DayForecast } from '../day-ahead-forecaster.js';
import type { HourlySeries } from '../hourly-series.js';
import {
  MARKET_REFERENCE_ORIENTATION,
  createReferenceClearSky,
  learnMarketClearness,
  type MarketClearnessOptions,
} from './market-clearness.js';
import { DEFAULT_PV_LOCATION } from './pv-plant.js';

export interface MarketPvForecasterOptions extends MarketClearnessOptions {
  /** Fleet capacity C in the series' unit; by default the largest value of the history passed. */
  readonly capacityMw?: number;
}

/**
 * Day-ahead forecaster for an aggregate PV series (the KPX market solar output in MW): clear-sky
 * geometry × learnt clearness (see market-clearness.ts). Output is in the series' unit, with
 * quantiles at the configured levels (P10/P50/P90 by default). Reads only days before the target.
 * The point forecast is tuned for the KPX error rate (see the τ note in market-clearness.ts) and
 * may sit a little above P50. Holds a memo of clear-sky reference days: deterministic, and it
 * never holds observations, so it cannot leak information across forecasts.
 */
export const createMarketPvForecaster = (
  options: MarketPvForecasterOptions = {},
): DayAheadForecaster => {
  const reference = createReferenceClearSky(options);
  const parameters: Record<string, string | number | boolean> = {
    latitude: options.latitude ?? DEFAULT_PV_LOCATION.latitude,
    longitude: options.longitude ?? DEFAULT_PV_LOCATION.longitude,
    tiltDeg: options.tiltDeg ?? MARKET_REFERENCE_ORIENTATION.tiltDeg,
    azimuthDeg: options.azimuthDeg ?? MARKET_REFERENCE_ORIENTATION.azimuthDeg,
    clearSky: 'ineichen-perez',
    linkeTurbidity: options.clearSky?.linkeTurbidity ?? 3.5,
    capacity: options.capacityMw ?? 'max of history',
    levels: (options.levels ?? [0.1, 0.5, 0.9]).join(','),
  };
  return {
    name: 'pv-clear-sky-clearness',
    parameters,
    forecastDay: (history: HourlySeries, targetDayIndex: number): DayForecast => {
      const learnt = learnMarketClearness(history, targetDayIndex, reference, {
        ...options,
        ...(options.capacityMw === undefined ? {} : { capacity: options.capacityMw }),
      });
      if (learnt === undefined) return { point: new Float64Array(24).fill(Number.NaN) };
      const profile = new Float64Array(24);
      for (let h = 0; h < 24; h++)
        profile[h] =
          learnt.capacity * (learnt.clearSkyCf[h] as number) * (learnt.hourlyShape[h] as number);
      const point = profile.map((value) => value * learnt.pointClearness);
      const values = learnt.outlook.ratioByLevel.map((row) =>
        profile.map((value, h) => value * (row[h] as number)),
      );
      return { point, quantiles: { levels: learnt.outlook.levels, values } };
    },
  };
};
