import type { EvSessionSpec } from '../ders/der.commands.js';
import type { EvChargerParameters } from '../ders/der-parameters.js';

const HOUR_MS = 3_600_000;

export interface EnergyWindow {
  readonly minKwh: number;
  readonly maxKwh: number;
}

/**
 * The energy a plugged car's battery can hold at `atMs`, given how it arrived and what it must
 * have when it leaves:
 * - at most its battery, and at most what charging flat out since arrival can have added;
 * - at least 0, at least what discharging flat out since arrival (V2G) can have left,
 *   and at least what still lets charging flat out reach the departure requirement in time.
 * Rates are the charger's, with its efficiency on each side of the battery. When a derated or
 * shortened session can no longer reach its requirement, the floor is lowered to the ceiling:
 * the window is never empty.
 */
export const evEnergyWindowAt = (
  session: EvSessionSpec,
  charger: EvChargerParameters,
  arrivalMs: number,
  departureMs: number,
  atMs: number,
): EnergyWindow => {
  const sinceArrivalH = Math.max(0, atMs - arrivalMs) / HOUR_MS;
  const untilDepartureH = Math.max(0, departureMs - atMs) / HOUR_MS;
  const chargeKwhPerH = charger.maxChargeKw * charger.efficiency;
  const dischargeKwhPerH = charger.maxDischargeKw / charger.efficiency;
  const maxKwh = Math.min(
    session.batteryKwh,
    session.energyOnArrivalKwh + chargeKwhPerH * sinceArrivalH,
  );
  const minKwh = Math.max(
    0,
    session.energyOnArrivalKwh - dischargeKwhPerH * sinceArrivalH,
    session.energyRequiredAtDepartureKwh - chargeKwhPerH * untilDepartureH,
  );
  return { minKwh: Math.min(minKwh, maxKwh), maxKwh };
};
