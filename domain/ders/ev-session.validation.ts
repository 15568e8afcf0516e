import type { Kwh } from '../shared/units.js';
import type { EvSessionSpec } from './der.commands.js';
import { derError, invalidInput, type DerErrorCode } from './der.errors.js';
import { parametersAt, type EvSession, type RegisteredDer } from './der.state.js';
import type { EvChargerParameters } from './der-parameters.js';
import { atLeastZero, entityId, failWith, positive } from '../shared/input-parsing.js';
import { instantMs, isoInstant } from '../shared/iso-instant.js';

const invalidSession = failWith('DER.INVALID_EV_SESSION' satisfies DerErrorCode);

/** Rounding slack for the reachability check, far below any meter's resolution. */
const ENERGY_TOLERANCE_KWH = 1e-9;

export const mustBeCharger = (der: RegisteredDer): RegisteredDer => {
  if (der.kind !== 'ev_charger')
    throw derError('DER.NOT_AN_EV_CHARGER', `DER ${der.derId} is a ${der.kind}`, 'derId');
  return der;
};

/**
 * A session the charger can honour: the car is there over [arrival, departure), its energies fit
 * its battery, and charging flat out at the charger's limit (after losses) reaches the energy
 * required at departure. The charger's parameters are those in force at arrival.
 */
export const validateEvSession = (data: EvSessionSpec, der: RegisteredDer): EvSessionSpec => {
  const sessionId = entityId(data.sessionId, 'sessionId', invalidInput, 100);
  const arrival = isoInstant(data.arrival, 'arrival', invalidInput);
  const departure = isoInstant(data.departure, 'departure', invalidInput);
  if (departure <= arrival) invalidSession('departure', 'departure must be after arrival');
  const batteryKwh = positive(data.batteryKwh, 'batteryKwh', invalidSession) as Kwh;
  const energy = (field: 'energyOnArrivalKwh' | 'energyRequiredAtDepartureKwh'): Kwh => {
    const value = atLeastZero(data[field], field, invalidSession);
    if (value > batteryKwh)
      invalidSession(field, `${field} ${value} exceeds the battery's ${batteryKwh} kWh`);
    return value as Kwh;
  };
  const energyOnArrivalKwh = energy('energyOnArrivalKwh');
  const energyRequiredAtDepartureKwh = energy('energyRequiredAtDepartureKwh');
  const charger = (parametersAt(der, arrival) ?? der.registeredParameters) as EvChargerParameters;
  const hours = (instantMs(departure) - instantMs(arrival)) / 3_600_000;
  const reachableKwh = charger.maxChargeKw * charger.efficiency * hours;
  const neededKwh = energyRequiredAtDepartureKwh - energyOnArrivalKwh;
  if (neededKwh > reachableKwh + ENERGY_TOLERANCE_KWH)
    throw derError(
      'DER.EV_ENERGY_UNREACHABLE',
      `${neededKwh} kWh cannot be charged in ${hours} h; at most ${reachableKwh} kWh`,
      'energyRequiredAtDepartureKwh',
      { neededKwh, reachableKwh },
    );
  return {
    sessionId,
    arrival,
    departure,
    energyOnArrivalKwh,
    energyRequiredAtDepartureKwh,
    batteryKwh,
  };
};

export const specOf = (session: EvSession): EvSessionSpec => ({
  sessionId: session.sessionId,
  arrival: session.arrival,
  departure: session.departure,
  energyOnArrivalKwh: session.energyOnArrivalKwh,
  energyRequiredAtDepartureKwh: session.energyRequiredAtDepartureKwh,
  batteryKwh: session.batteryKwh,
});

/** One car per charger: sessions still to come or under way must not share an instant. */
export const overlapsOpenSession = (der: RegisteredDer, spec: EvSessionSpec): boolean =>
  der.evSessions.some(
    (s) =>
      s.sessionId !== spec.sessionId &&
      (s.status === 'planned' || s.status === 'plugged_in') &&
      s.arrival < spec.departure &&
      spec.arrival < s.departure,
  );
