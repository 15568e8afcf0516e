import { DomainError } from '../../shared/domain-error.js';
import type { TradingDay } from '../../shared/time/trading-day.js';
import { assertClearnessOutlook, type ClearnessOutlook } from './clearness.js';
import { PlaneOfArrayCache } from './plane-of-array-cache.js';
import { DEFAULT_PERFORMANCE_RATIO, assertPvPlant, type PvPlantSpec } from './pv-plant.js';
import {
  SUB_STEPS_PER_DAY,
  SUB_STEPS_PER_HOUR,
  SUB_STEP_HOURS,
  intervalsPerDay,
  type PvIntervalMinutes,
} from './sub-step-irradiance.js';

export interface PvFleetForecastInput {
  readonly day: TradingDay;
  readonly intervalMinutes: PvIntervalMinutes;
  readonly plants: readonly PvPlantSpec[];
  readonly outlook: ClearnessOutlook;
  /** Defaults to DEFAULT_PERFORMANCE_RATIO (0.8). */
  readonly performanceRatio?: number;
  /** Pass one cache across calls (days, portfolios) to reuse solar geometry; a fresh one otherwise. */
  readonly cache?: PlaneOfArrayCache;
}

export interface PvEnergyForecast {
  readonly levels: readonly number[];
  /** `[level][interval]`, kWh, intervals of the KST trading day from 00:00. */
  readonly energyKwh: readonly Float64Array[];
}

/**
 * Energy per interval for a fleet of PV plants, summed over the plants, at each clearness level.
 *
 * Power at each 5-minute sub-step: capacityKwp × PR × POA/1000 × clearness(hour), limited to
 * min(inverterKw, capacityKwp) (AC output above DC nameplate is not physical at the ratios used).
 * Plants whose limit cannot bind at this outlook's highest clearness are linear in capacity, so
 * they are grouped by cached geometry and computed once per group; only plants that may clip are
 * computed one by one. Quantiles add across plants because clearness is shared (see ClearnessOutlook).
 */
export const forecastPvFleet = (input: PvFleetForecastInput): PvEnergyForecast => {
  const intervals = intervalsPerDay(input.intervalMinutes);
  const { outlook } = input;
  assertClearnessOutlook(outlook);
  const pr = input.performanceRatio ?? DEFAULT_PERFORMANCE_RATIO;
  if (!(Number.isFinite(pr) && pr > 0 && pr <= 1.2))
    throw new DomainError(
      'FORECAST.INVALID_INPUT',
      `performanceRatio must be in (0, 1.2], got ${pr}`,
      'performanceRatio',
    );
  const cache = input.cache ?? new PlaneOfArrayCache();
  const levelCount = outlook.levels.length;
  let maxRatio = 0;
  for (const row of outlook.ratioByLevel)
    for (const ratio of row) maxRatio = Math.max(maxRatio, ratio);

  // Linear plants: capacity summed per distinct geometry.
  const groups = new Map<Float64Array, { capacityKwp: number }>();
  const energyKwh = outlook.levels.map(() => new Float64Array(intervals));
  const subStepsPerInterval = SUB_STEPS_PER_DAY / intervals;
  const powerScale = pr / 1000;

  input.plants.forEach((plant, index) => {
    assertPvPlant(plant, `plants[${index}]`);
    if (plant.capacityKwp === 0) return;
    const poa = cache.planeOfArray(
      input.day,
      plant.latitude,
      plant.longitude,
      plant.tiltDeg,
      plant.azimuthDeg,
    );
    const limitKw = Math.min(plant.inverterKw, plant.capacityKwp);
    if (plant.capacityKwp * powerScale * poa.peakWPerM2 * maxRatio <= limitKw) {
      const group = groups.get(poa.subSteps);
      if (group === undefined) groups.set(poa.subSteps, { capacityKwp: plant.capacityKwp });
      else group.capacityKwp += plant.capacityKwp;
      return;
    }
    const scale = plant.capacityKwp * powerScale;
    for (let k = 0; k < levelCount; k++) {
      const ratios = outlook.ratioByLevel[k] as Float64Array;
      const out = energyKwh[k] as Float64Array;
      for (let s = 0; s < SUB_STEPS_PER_DAY; s++) {
        const irradiance = poa.subSteps[s] as number;
        if (irradiance === 0) continue;
        const powerKw = Math.min(
          limitKw,
          scale * irradiance * (ratios[(s / SUB_STEPS_PER_HOUR) | 0] as number),
        );
        const i = (s / subStepsPerInterval) | 0;
        out[i] = (out[i] as number) + powerKw * SUB_STEP_HOURS;
      }
    }
  });

  for (const [subSteps, group] of groups) {
    const scale = group.capacityKwp * powerScale * SUB_STEP_HOURS;
    for (let k = 0; k < levelCount; k++) {
      const ratios = outlook.ratioByLevel[k] as Float64Array;
      const out = energyKwh[k] as Float64Array;
      for (let s = 0; s < SUB_STEPS_PER_DAY; s++) {
        const irradiance = subSteps[s] as number;
        if (irradiance === 0) continue;
        const i = (s / subStepsPerInterval) | 0;
        out[i] =
          (out[i] as number) +
          scale * irradiance * (ratios[(s / SUB_STEPS_PER_HOUR) | 0] as number);
      }
    }
  }
  return { levels: outlook.levels, energyKwh };
};

/** One plant's forecast (per-DER values on demand); same model and shapes as the fleet's. */
export const forecastPvPlant = (input: {
  readonly day: TradingDay;
  readonly intervalMinutes: PvIntervalMinutes;
  readonly plant: PvPlantSpec;
  readonly outlook: ClearnessOutlook;
  readonly performanceRatio?: number;
  readonly cache?: PlaneOfArrayCache;
}): PvEnergyForecast =>
  forecastPvFleet({
    day: input.day,
    intervalMinutes: input.intervalMinutes,
    plants: [input.plant],
    outlook: input.outlook,
    ...(input.performanceRatio === undefined ? {} : { performanceRatio: input.performanceRatio }),
    ...(input.cache === undefined ? {} : { cache: input.cache }),
  });
