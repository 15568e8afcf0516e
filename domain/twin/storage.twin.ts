import type { DeviationReason } from './twin-actuals.types.js';
import { capAt, clamp } from './twin-tolerance.js';

/** A battery seen from the grid side of its inverter (an ESS, or a car on a V2G charger). */
export interface StorageLimits {
  readonly chargeKw: number;
  readonly dischargeKw: number;
  readonly chargeEfficiency: number;
  readonly dischargeEfficiency: number;
  readonly minKwh: number;
  readonly maxKwh: number;
}

/**
 * The signed power (positive = discharge) the battery holds for a whole interval: the setpoint cut
 * to the inverter's rating, then to what keeps the stored energy within [minKwh, maxKwh]. One
 * signed value, so an interval can never both charge and discharge.
 */
export const storagePowerKw = (
  setpointKw: number,
  limits: StorageLimits,
  energyKwh: number,
  hours: number,
  reasons: DeviationReason[],
): number => {
  if (setpointKw > 0) {
    const rated = capAt(setpointKw, limits.dischargeKw, 'clipped_by_rating', reasons);
    const headroomKw =
      (Math.max(0, energyKwh - limits.minKwh) * limits.dischargeEfficiency) / hours;
    return capAt(rated, headroomKw, 'soc_limit', reasons);
  }
  if (setpointKw < 0) {
    const rated = capAt(-setpointKw, limits.chargeKw, 'clipped_by_rating', reasons);
    const roomKw = Math.max(0, limits.maxKwh - energyKwh) / (limits.chargeEfficiency * hours);
    return -capAt(rated, roomKw, 'soc_limit', reasons);
  }
  return 0;
};

/**
 * Stored energy after holding `powerKw` for `hours`:
 * E(t) = E(t-1) + h x (charge x etaC - discharge / etaD). The clamp only absorbs floating-point
 * rounding (the power was already limited to keep E within bounds).
 */
export const storageEnergyAfterKwh = (
  energyKwh: number,
  powerKw: number,
  limits: StorageLimits,
  hours: number,
): number => {
  const chargeKw = Math.max(0, -powerKw);
  const dischargeKw = Math.max(0, powerKw);
  const next =
    energyKwh +
    hours * (chargeKw * limits.chargeEfficiency - dischargeKw / limits.dischargeEfficiency);
  return clamp(next, limits.minKwh, limits.maxKwh);
};
