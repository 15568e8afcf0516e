import { DomainError } from '../../shared/domain-error.js';
import { IntervalGrid } from '../../shared/time/interval-grid.js';
import type { TradingDay } from '../../shared/time/trading-day.js';
import {
  extraterrestrialNormalWPerM2,
  ineichenClearSky,
  panelNormal,
  planeOfArrayFromCosIncidence,
  type ClearSkyOptions,
  type PanelOrientation,
  type TranspositionOptions,
} from './clear-sky.js';
import { solarPosition } from './solar-position.js';

/**
 * Irradiance is integrated over fixed 5-minute sub-steps (evaluated at each sub-step's midpoint),
 * the same for every interval length: a 60-minute interval is exactly the sum of its four
 * 15-minute ones, and sunrise/sunset inside an interval is resolved to 5 minutes.
 */
export const SUB_STEP_MINUTES = 5;
export const SUB_STEPS_PER_DAY = (24 * 60) / SUB_STEP_MINUTES;
export const SUB_STEPS_PER_HOUR = 60 / SUB_STEP_MINUTES;
export const SUB_STEP_HOURS = SUB_STEP_MINUTES / 60;
const SUB_STEP_MS = SUB_STEP_MINUTES * 60_000;

/** The PV forecast grids: hourly (KPX trading hours) and quarter-hourly. */
export type PvIntervalMinutes = 60 | 15;

/**
 * Clear-sky sun and irradiance at every sub-step of one KST trading day at one place. The sun
 * vector is zero while the sun is down, so every product with it is zero at night.
 */
export interface ClearSkyDayTrack {
  readonly epochDay: number;
  readonly latitudeDeg: number;
  readonly longitudeDeg: number;
  /** Unit vector to the sun (east, north, up components). */
  readonly sunEast: Float64Array;
  readonly sunNorth: Float64Array;
  readonly sunUp: Float64Array;
  /** W/m² */
  readonly ghi: Float64Array;
  readonly dni: Float64Array;
  readonly dhi: Float64Array;
}

const DEG = Math.PI / 180;

export const clearSkyDayTrack = (
  day: TradingDay,
  latitudeDeg: number,
  longitudeDeg: number,
  options: ClearSkyOptions = {},
): ClearSkyDayTrack => {
  const sunEast = new Float64Array(SUB_STEPS_PER_DAY);
  const sunNorth = new Float64Array(SUB_STEPS_PER_DAY);
  const sunUp = new Float64Array(SUB_STEPS_PER_DAY);
  const ghi = new Float64Array(SUB_STEPS_PER_DAY);
  const dni = new Float64Array(SUB_STEPS_PER_DAY);
  const dhi = new Float64Array(SUB_STEPS_PER_DAY);
  for (let s = 0; s < SUB_STEPS_PER_DAY; s++) {
    const midpointMs = day.startMs + (s + 0.5) * SUB_STEP_MS;
    const sun = solarPosition(latitudeDeg, longitudeDeg, midpointMs);
    if (sun.cosZenith <= 0) continue;
    const irradiance = ineichenClearSky(
      sun.zenithDeg,
      extraterrestrialNormalWPerM2(sun.earthSunDistanceAu),
      options,
    );
    const sinZenith = Math.sin(sun.zenithDeg * DEG);
    sunEast[s] = sinZenith * Math.sin(sun.azimuthDeg * DEG);
    sunNorth[s] = sinZenith * Math.cos(sun.azimuthDeg * DEG);
    sunUp[s] = sun.cosZenith;
    ghi[s] = irradiance.ghi;
    dni[s] = irradiance.dni;
    dhi[s] = irradiance.dhi;
  }
  return {
    epochDay: day.epochDay,
    latitudeDeg,
    longitudeDeg,
    sunEast,
    sunNorth,
    sunUp,
    ghi,
    dni,
    dhi,
  };
};

/** Clear-sky plane-of-array irradiance, W/m², at every sub-step of the track's day. */
export const planeOfArrayTrack = (
  track: ClearSkyDayTrack,
  orientation: PanelOrientation,
  options: TranspositionOptions = {},
): Float64Array => {
  const normal = panelNormal(orientation);
  const out = new Float64Array(SUB_STEPS_PER_DAY);
  for (let s = 0; s < SUB_STEPS_PER_DAY; s++) {
    const ghi = track.ghi[s] ?? 0;
    if (ghi <= 0) continue;
    const cosIncidence =
      (track.sunEast[s] ?? 0) * normal.east +
      (track.sunNorth[s] ?? 0) * normal.north +
      (track.sunUp[s] ?? 0) * normal.up;
    out[s] = planeOfArrayFromCosIncidence(
      cosIncidence,
      normal.up,
      { ghi, dni: track.dni[s] ?? 0, dhi: track.dhi[s] ?? 0 },
      options,
    );
  }
  return out;
};

/** Intervals of `minutes` in a trading day, checked against the KST interval grid. */
export const intervalsPerDay = (minutes: PvIntervalMinutes): number => {
  if (minutes !== 60 && minutes !== 15)
    throw new DomainError(
      'FORECAST.INVALID_INPUT',
      `a PV forecast is hourly (60) or quarter-hourly (15), got ${String(minutes)} minutes`,
      'intervalMinutes',
    );
  return IntervalGrid.of(minutes).intervalsPerDay;
};

/**
 * Integrates a sub-step power-like series (e.g. W/m²) into per-interval energy (e.g. Wh/m²):
 * each sub-step contributes value × 5/60 h to the interval containing it.
 */
export const integrateSubSteps = (
  subSteps: Float64Array,
  minutes: PvIntervalMinutes,
): Float64Array => {
  const intervals = intervalsPerDay(minutes);
  const perInterval = SUB_STEPS_PER_DAY / intervals;
  const out = new Float64Array(intervals);
  for (let i = 0; i < intervals; i++) {
    let total = 0;
    for (let s = i * perInterval; s < (i + 1) * perInterval; s++) total += subSteps[s] ?? 0;
    out[i] = total * SUB_STEP_HOURS;
  }
  return out;
};
