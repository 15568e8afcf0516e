import type { PvParameters } from '../../../domain/ders/index.js';
import { pvPlantWithDefaults, type PvPlantSpec } from '../../../domain/forecasting/pv/pv-plant.js';

/** A PV DER as the PV model takes it; a missing location or orientation takes the model's defaults. */
export const pvPlantOf = (parameters: PvParameters): PvPlantSpec =>
  pvPlantWithDefaults({
    capacityKwp: parameters.capacityKwp,
    inverterKw: parameters.inverterKw,
    ...(parameters.latitude === undefined ? {} : { latitude: parameters.latitude }),
    ...(parameters.longitude === undefined ? {} : { longitude: parameters.longitude }),
    ...(parameters.tiltDeg === undefined ? {} : { tiltDeg: parameters.tiltDeg }),
    ...(parameters.azimuthDeg === undefined ? {} : { azimuthDeg: parameters.azimuthDeg }),
  });

/** Energies to the watt-hour: what meters resolve, and it keeps events a third of the size. */
export const roundedKwh = (values: ArrayLike<number>): number[] => {
  const out = new Array<number>(values.length);
  for (let i = 0; i < values.length; i++)
    out[i] = Math.round((values[i] as number) * 1000) / 1000 + 0;
  return out;
};
