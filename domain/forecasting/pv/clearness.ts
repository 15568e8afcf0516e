import { DomainError } from '../../shared/domain-error.js';
import type { TradingDay } from '../../shared/time/trading-day.js';
import {
  extraterrestrialNormalWPerM2,
  ineichenClearSky,
  type ClearSkyOptions,
} from './clear-sky.js';
import { DEFAULT_PV_LOCATION } from './pv-plant.js';
import { solarPosition } from './solar-position.js';
import { SUB_STEPS_PER_HOUR, SUB_STEP_MINUTES } from './sub-step-irradiance.js';

/**
 * What the sky will let through on one trading day, as multipliers of clear-sky output:
 * 1 = a clear day, 0.3 = heavy overcast. One value per probability level and hour; every plant in
 * a forecast uses the same outlook, i.e. weather is treated as perfectly correlated across the
 * portfolio, so a quantile of the portfolio sum is the sum of the plants' quantiles at that level.
 * That is exact for one weather system over a compact fleet and conservative (too wide) for a
 * fleet spread over the country.
 */
export interface ClearnessOutlook {
  /** Increasing probability levels in (0, 1), e.g. [0.1, 0.5, 0.9]. */
  readonly levels: readonly number[];
  /** `[level][hourEnding - 1]`, 24 values per level, non-decreasing across levels, ≥ 0. */
  readonly ratioByLevel: readonly Float64Array[];
}

export const DEFAULT_LEVELS: readonly number[] = [0.1, 0.5, 0.9];
/** Above this the ratio is implausible (cloud enhancement rarely lifts hourly output beyond it). */
export const MAX_CLEARNESS_RATIO = 1.5;

const invalid = (field: string, message: string): DomainError =>
  new DomainError('FORECAST.INVALID_INPUT', message, field);

/** Throws unless the outlook is well formed and its levels are ordered as quantiles must be. */
export const assertClearnessOutlook = (outlook: ClearnessOutlook, field = 'outlook'): void => {
  const { levels, ratioByLevel } = outlook;
  if (levels.length === 0) throw invalid(`${field}.levels`, `${field}.levels must not be empty`);
  levels.forEach((level, k) => {
    if (!(level > 0 && level < 1) || (k > 0 && !(level > (levels[k - 1] ?? 0))))
      throw invalid(
        `${field}.levels[${k}]`,
        `${field}.levels must increase strictly inside (0, 1), got ${levels.join(', ')}`,
      );
  });
  if (ratioByLevel.length !== levels.length)
    throw invalid(
      `${field}.ratioByLevel`,
      `${field}.ratioByLevel has ${ratioByLevel.length} rows for ${levels.length} levels`,
    );
  ratioByLevel.forEach((row, k) => {
    if (row.length !== 24)
      throw invalid(
        `${field}.ratioByLevel[${k}]`,
        `${field}.ratioByLevel[${k}] needs 24 hours, got ${row.length}`,
      );
    row.forEach((ratio, h) => {
      if (!(Number.isFinite(ratio) && ratio >= 0))
        throw invalid(
          `${field}.ratioByLevel[${k}][${h}]`,
          `clearness for level ${levels[k]} hour-ending ${h + 1} must be a finite ratio ≥ 0, got ${ratio}`,
        );
      const below = k > 0 ? (ratioByLevel[k - 1]?.[h] ?? 0) : 0;
      if (ratio < below)
        throw invalid(
          `${field}.ratioByLevel[${k}][${h}]`,
          `clearness quantiles must not decrease with the level: hour-ending ${h + 1} has ${below} at level ${levels[k - 1]} but ${ratio} at ${levels[k]}`,
        );
    });
  });
};

/** The same ratio for every hour at each level: `ratios[k]` for `levels[k]`. */
export const flatClearnessOutlook = (
  ratios: readonly number[],
  levels: readonly number[] = DEFAULT_LEVELS,
): ClearnessOutlook => ({
  levels,
  ratioByLevel: ratios.map((ratio) => new Float64Array(24).fill(ratio)),
});

/**
 * Kasten & Czeplak (1980): global irradiance under cloud cover N (oktas, 0..8) is
 * GHI_clear × (1 − 0.75 (N/8)^3.4). Cloud cover in % is converted as N/8 = pct/100.
 */
export const kastenCzeplakRatio = (cloudCoverPct: number): number =>
  1 - 0.75 * (Math.min(100, Math.max(0, cloudCoverPct)) / 100) ** 3.4;

export const oktasToPercent = (oktas: number): number => (oktas / 8) * 100;

/** Hourly weather for one trading day: 24 values per variable (NaN = not given for that hour). */
export interface WeatherDay {
  readonly day: TradingDay;
  /** Total cloud cover, % (0..100). */
  readonly cloudCoverPct?: Float64Array;
  /** Global horizontal irradiance averaged over the hour, W/m². */
  readonly ghiWPerM2?: Float64Array;
}

/**
 * Spread of the quantiles around a weather-driven median, as ratio offsets at P10 (below) and P90
 * (above); other levels scale linearly with their distance from 0.5. Defaults are assumptions to
 * recalibrate once a history of weather inputs against outcomes exists: cloud-cover forecasts
 * are coarse (±2 oktas is common), irradiance inputs much tighter.
 */
export interface WeatherSpread {
  readonly belowAtP10: number;
  readonly aboveAtP90: number;
}
export const CLOUD_COVER_SPREAD: WeatherSpread = { belowAtP10: 0.25, aboveAtP90: 0.1 };
export const IRRADIANCE_SPREAD: WeatherSpread = { belowAtP10: 0.1, aboveAtP90: 0.05 };

/** Mean clear-sky GHI over each hour at a place, W/m² (5-minute sub-steps, as everywhere). */
export const hourlyClearSkyGhi = (
  day: TradingDay,
  latitude: number,
  longitude: number,
  options: ClearSkyOptions = {},
): Float64Array => {
  const out = new Float64Array(24);
  for (let h = 0; h < 24; h++) {
    let total = 0;
    for (let s = 0; s < SUB_STEPS_PER_HOUR; s++) {
      const ms = day.startMs + (h * 60 + (s + 0.5) * SUB_STEP_MINUTES) * 60_000;
      const sun = solarPosition(latitude, longitude, ms);
      total += ineichenClearSky(
        sun.zenithDeg,
        extraterrestrialNormalWPerM2(sun.earthSunDistanceAu),
        options,
      ).ghi;
    }
    out[h] = total / SUB_STEPS_PER_HOUR;
  }
  return out;
};

/**
 * A clearness outlook from weather inputs, used instead of the one learnt from history. GHI, when
 * given for an hour, wins over cloud cover (it is closer to what the panels see): ratio = GHI /
 * clear-sky GHI at `location` (hours with clear-sky GHI under 20 W/m², i.e. dawn, dusk and night,
 * carry no information and take ratio 1: their clear-sky output is ~0 anyway). Cloud cover goes
 * through Kasten-Czeplak. The same ratio is applied to plane-of-array irradiance, which ignores
 * that clouds shift light from beam to diffuse; the error is second order beside the cloud forecast.
 * Hours with neither input take `fallback` (e.g. the learnt outlook) or fail.
 */
export const clearnessOutlookFromWeather = (input: {
  readonly weather: WeatherDay;
  readonly location?: { readonly latitude: number; readonly longitude: number };
  readonly levels?: readonly number[];
  readonly fallback?: ClearnessOutlook;
  readonly cloudSpread?: WeatherSpread;
  readonly irradianceSpread?: WeatherSpread;
  readonly clearSky?: ClearSkyOptions;
}): ClearnessOutlook => {
  const levels = input.fallback?.levels ?? input.levels ?? DEFAULT_LEVELS;
  const location = input.location ?? DEFAULT_PV_LOCATION;
  const { weather } = input;
  const clearGhi =
    weather.ghiWPerM2 === undefined
      ? undefined
      : hourlyClearSkyGhi(weather.day, location.latitude, location.longitude, input.clearSky);
  const ratioByLevel = levels.map(() => new Float64Array(24));
  for (let h = 0; h < 24; h++) {
    const ghi = weather.ghiWPerM2?.[h] ?? Number.NaN;
    const cloud = weather.cloudCoverPct?.[h] ?? Number.NaN;
    let median: number;
    let spread: WeatherSpread;
    if (Number.isFinite(ghi) && clearGhi !== undefined) {
      const clear = clearGhi[h] ?? 0;
      median = clear < 20 ? 1 : Math.min(MAX_CLEARNESS_RATIO, Math.max(0, ghi) / clear);
      spread = input.irradianceSpread ?? IRRADIANCE_SPREAD;
    } else if (Number.isFinite(cloud)) {
      median = kastenCzeplakRatio(cloud);
      spread = input.cloudSpread ?? CLOUD_COVER_SPREAD;
    } else {
      const fallback = input.fallback;
      if (fallback === undefined)
        throw invalid(
          'weather',
          `weather for ${weather.day.toString()} hour-ending ${h + 1} has neither GHI nor cloud cover, and no fallback outlook was given`,
        );
      fallback.ratioByLevel.forEach((row, k) => {
        const target = ratioByLevel[k];
        if (target !== undefined) target[h] = row[h] ?? 0;
      });
      continue;
    }
    levels.forEach((level, k) => {
      const offset =
        level < 0.5
          ? -spread.belowAtP10 * ((0.5 - level) / 0.4)
          : spread.aboveAtP90 * ((level - 0.5) / 0.4);
      const target = ratioByLevel[k];
      if (target !== undefined)
        target[h] = Math.min(MAX_CLEARNESS_RATIO, Math.max(0, median + offset));
    });
  }
  const outlook = { levels, ratioByLevel };
  assertClearnessOutlook(outlook, 'weatherOutlook');
  return outlook;
};
