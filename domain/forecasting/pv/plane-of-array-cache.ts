import type { TradingDay } from '../../shared/time/trading-day.js';
import type { ClearSkyOptions, TranspositionOptions } from './clear-sky.js';
import {
  clearSkyDayTrack,
  planeOfArrayTrack,
  type ClearSkyDayTrack,
} from './sub-step-irradiance.js';

/** Clear-sky plane-of-array irradiance of one orientation at one place over one day. */
export interface CachedPlaneOfArray {
  /** W/m² at each 5-minute sub-step of the day. */
  readonly subSteps: Float64Array;
  /** The largest sub-step value: lets a caller skip the inverter cap when it cannot bind. */
  readonly peakWPerM2: number;
}

export interface PlaneOfArrayCacheOptions {
  readonly clearSky?: ClearSkyOptions;
  readonly transposition?: TranspositionOptions;
  /** Location rounding, degrees (default 0.25: moves solar time by ≤ 30 s, noon elevation by ≤ 0.125°). */
  readonly locationStepDeg?: number;
  /** Orientation rounding, degrees. */
  readonly orientationStepDeg?: number;
  /** Entries kept before the cache is emptied (a bound on memory, not an LRU). */
  readonly maxEntries?: number;
}

/**
 * Memoises solar geometry and clear-sky irradiance. A 100,000-DER portfolio has far fewer
 * distinct (rounded location, rounded orientation) pairs than plants, and the sun track of a
 * location (the expensive trigonometry) is shared by all orientations there, so per plant the
 * forecast costs one map lookup and a few hundred multiply-adds. Keys include the day, so a
 * cache may be kept across days; it is plain in-memory state and fully deterministic.
 */
export class PlaneOfArrayCache {
  /** day → rounded location → (sun track, orientation → plane of array). Numeric keys: no strings per plant. */
  private readonly days = new Map<
    number,
    Map<number, { track: ClearSkyDayTrack; arrays: Map<number, CachedPlaneOfArray> }>
  >();
  private entries = 0;
  private readonly locationStep: number;
  private readonly orientationStep: number;
  private readonly maxEntries: number;

  constructor(private readonly options: PlaneOfArrayCacheOptions = {}) {
    this.locationStep = options.locationStepDeg ?? 0.25;
    this.orientationStep = options.orientationStepDeg ?? 1;
    this.maxEntries = options.maxEntries ?? 200_000;
  }

  get size(): number {
    return this.entries;
  }

  planeOfArray(
    day: TradingDay,
    latitude: number,
    longitude: number,
    tiltDeg: number,
    azimuthDeg: number,
  ): CachedPlaneOfArray {
    const latIndex = Math.round(latitude / this.locationStep);
    const lonIndex = Math.round(longitude / this.locationStep);
    const tiltIndex = Math.round(tiltDeg / this.orientationStep);
    const stepsPerTurn = Math.round(360 / this.orientationStep);
    const azimuthIndex = Math.round(azimuthDeg / this.orientationStep) % stepsPerTurn;
    // Indices are bounded (|lat| ≤ 90, |lon| ≤ 180, tilt ≤ 90, azimuth < 360), so these are unique.
    const locationKey = (latIndex + 1_000_000) * 4_000_000 + (lonIndex + 2_000_000);
    const orientationKey = tiltIndex * 1_000_000 + azimuthIndex;
    let locations = this.days.get(day.epochDay);
    if (locations === undefined) {
      locations = new Map();
      this.days.set(day.epochDay, locations);
    }
    let place = locations.get(locationKey);
    const cached = place?.arrays.get(orientationKey);
    if (cached !== undefined) return cached;
    if (this.entries >= this.maxEntries) {
      this.days.clear();
      this.entries = 0;
      locations = new Map();
      this.days.set(day.epochDay, locations);
      place = undefined;
    }
    if (place === undefined) {
      place = {
        track: clearSkyDayTrack(
          day,
          latIndex * this.locationStep,
          lonIndex * this.locationStep,
          this.options.clearSky,
        ),
        arrays: new Map(),
      };
      locations.set(locationKey, place);
    }
    const subSteps = planeOfArrayTrack(
      place.track,
      {
        tiltDeg: tiltIndex * this.orientationStep,
        azimuthDeg: azimuthIndex * this.orientationStep,
      },
      this.options.transposition,
    );
    let peak = 0;
    for (const value of subSteps) if (value > peak) peak = value;
    const entry = { subSteps, peakWPerM2: peak };
    place.arrays.set(orientationKey, entry);
    this.entries++;
    return entry;
  }
}
