import { DomainError } from '../../shared/domain-error.js';
import type { Kw } from '../../shared/units.js';

/**
 * One PV plant as the forecast sees it. DC nameplate and AC limit are separate because Korean
 * plants are commonly built with more modules than inverter (DC/AC 1.1-1.3), which clips the
 * midday peak on clear days.
 */
export interface PvPlantSpec {
  /** DC nameplate at standard test conditions (1000 W/m², 25 °C), kWp. */
  readonly capacityKwp: Kw;
  /** AC limit of the inverter(s), kW: output never exceeds it. */
  readonly inverterKw: Kw;
  /** Degrees north. */
  readonly latitude: number;
  /** Degrees east. */
  readonly longitude: number;
  /** Module tilt from horizontal, degrees (0..90). */
  readonly tiltDeg: number;
  /** Compass bearing the modules face, degrees clockwise from north (180 = south). */
  readonly azimuthDeg: number;
}

/**
 * Where a DER without a recorded location is assumed to be: the geographic centre of South Korea's
 * mainland. The error this causes is small for a clearness-driven forecast: across the mainland,
 * solar noon differs by at most ~12 minutes and noon elevation by ~4 degrees.
 */
export const DEFAULT_PV_LOCATION = { latitude: 36.5, longitude: 127.8 } as const;
/** A south-facing module at 30°, close to the annual optimum at Korean latitudes. */
export const DEFAULT_PV_ORIENTATION = { tiltDeg: 30, azimuthDeg: 180 } as const;
/**
 * AC output over DC nameplate × plane-of-array irradiance / 1000 W/m²: wiring, soiling, module
 * temperature, mismatch and inverter losses together. 0.8 is a typical annual figure for fixed
 * c-Si plants; it is a forecast input, not learnt, because the clearness learnt from history
 * absorbs any systematic bias of it across the whole fleet.
 */
export const DEFAULT_PERFORMANCE_RATIO = 0.8;

/** A plant from what a DER record may lack: missing location/orientation take the defaults above. */
export const pvPlantWithDefaults = (partial: {
  readonly capacityKwp: Kw;
  readonly inverterKw?: Kw;
  readonly latitude?: number;
  readonly longitude?: number;
  readonly tiltDeg?: number;
  readonly azimuthDeg?: number;
}): PvPlantSpec => ({
  capacityKwp: partial.capacityKwp,
  // Without an inverter rating, assume DC/AC 1.0: no clipping is invented.
  inverterKw: partial.inverterKw ?? partial.capacityKwp,
  latitude: partial.latitude ?? DEFAULT_PV_LOCATION.latitude,
  longitude: partial.longitude ?? DEFAULT_PV_LOCATION.longitude,
  tiltDeg: partial.tiltDeg ?? DEFAULT_PV_ORIENTATION.tiltDeg,
  azimuthDeg: partial.azimuthDeg ?? DEFAULT_PV_ORIENTATION.azimuthDeg,
});

const invalid = (field: string, message: string): DomainError =>
  new DomainError('FORECAST.INVALID_INPUT', message, field);

const inRange = (value: number, low: number, high: number): boolean =>
  typeof value === 'number' && value >= low && value <= high;

/** Rejects a plant the model cannot use; `field` prefixes the error's field (e.g. `plants[3]`). */
export const assertPvPlant = (plant: PvPlantSpec, field: string): void => {
  if (!(Number.isFinite(plant.capacityKwp) && plant.capacityKwp >= 0))
    throw invalid(
      `${field}.capacityKwp`,
      `${field}.capacityKwp must be ≥ 0 kWp, got ${plant.capacityKwp}`,
    );
  if (!(Number.isFinite(plant.inverterKw) && plant.inverterKw >= 0))
    throw invalid(
      `${field}.inverterKw`,
      `${field}.inverterKw must be ≥ 0 kW, got ${plant.inverterKw}`,
    );
  if (!inRange(plant.latitude, -90, 90))
    throw invalid(
      `${field}.latitude`,
      `${field}.latitude must be in -90..90, got ${plant.latitude}`,
    );
  if (!inRange(plant.longitude, -180, 180))
    throw invalid(
      `${field}.longitude`,
      `${field}.longitude must be in -180..180, got ${plant.longitude}`,
    );
  if (!inRange(plant.tiltDeg, 0, 90))
    throw invalid(`${field}.tiltDeg`, `${field}.tiltDeg must be in 0..90, got ${plant.tiltDeg}`);
  if (!inRange(plant.azimuthDeg, 0, 360))
    throw invalid(
      `${field}.azimuthDeg`,
      `${field}.azimuthDeg must be in 0..360, got ${plant.azimuthDeg}`,
    );
};
