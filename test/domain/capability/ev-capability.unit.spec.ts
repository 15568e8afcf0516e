import { capabilityOf, evEnergyWindowAt } from '../../../domain/capability/index.js';
import type { DerState } from '../../../domain/ders/index.js';
import { instantMs } from '../../../domain/shared/iso-instant.js';
import { kw, kwh } from '../../../domain/shared/units.js';
import {
  DAY,
  QUARTER_HOURS,
  declared,
  derWith,
  evPluggedIn,
  evUnplugged,
  eveningSession,
  kst,
  quarter,
  sessionCancelled,
  sessionPlanned,
} from '../../support/builders/capability.builders.js';
import { evCharger } from '../../support/builders/der.builders.js';

const evQuarters = (der: DerState) =>
  capabilityOf([der], DAY, QUARTER_HOURS).map((i) => i.byKind.ev_charger);

/** Indices where the charger offers any power. */
const offering = (der: DerState): number[] =>
  evQuarters(der)
    .map((f, index) => (f.upKw > 0 || f.downKw > 0 ? index : -1))
    .filter((index) => index >= 0);

const range = (from: number, to: number): number[] =>
  Array.from({ length: to - from }, (_, i) => from + i);

describe('capability of an EV charger', () => {
  it('offers nothing without a car, but still counts as in service', () => {
    const figures = evQuarters(derWith(evCharger()));
    expect(figures.every((f) => f.derCount === 1 && f.upKw === 0 && f.downKw === 0)).toBe(true);
    expect(figures.every((f) => f.storedMaxKwh === 0)).toBe(true);
  });

  it('offers charge and V2G discharge while a planned car is there (18:00 KST to the day end)', () => {
    const der = derWith(evCharger(), sessionPlanned());
    expect(offering(der)).toEqual(range(quarter(18), 96));
    expect(evQuarters(der)[quarter(18)]).toMatchObject({ upKw: 11, downKw: 11, derCount: 1 });
  });

  it('offers only charging on a charge-only charger', () => {
    const der = derWith(evCharger({ maxDischargeKw: kw(0) }), sessionPlanned());
    expect(evQuarters(der)[quarter(20)]).toMatchObject({ upKw: 0, downKw: 11, maxOutputKw: 0 });
  });

  it('bounds the stored energy by the battery, the arrival energy and the departure requirement', () => {
    const [at1815, , , , , , , , , , , , , , , , , , , , , , , atMidnight] = evQuarters(
      derWith(evCharger(), sessionPlanned()),
    ).slice(quarter(18));
    // 15 minutes after arrival: 20 kWh +- a quarter hour at 11 kW (0.9 efficient each way).
    expect(at1815?.storedMaxKwh).toBeCloseTo(20 + 11 * 0.9 * 0.25, 9);
    expect(at1815?.storedMinKwh).toBeCloseTo(20 - (11 / 0.9) * 0.25, 9);
    // At 24:00, 6 h before departure, at least 60 - 6 x 9.9 = 0.6 kWh must already be there.
    expect(atMidnight?.storedMinKwh).toBeCloseTo(0.6, 9);
    expect(atMidnight?.storedMaxKwh).toBe(77);
    // A quarter hour at 11 kW moves 2.75 kWh at the grid, well within the window.
    expect(at1815?.upKwh).toBeCloseTo(2.75, 9);
  });

  it('offers nothing in an interval a car arrives during (figures are firm)', () => {
    const der = derWith(evCharger(), sessionPlanned(eveningSession({ arrival: kst(18, 5) })));
    expect(offering(der)).toEqual(range(quarter(18, 15), 96));
  });

  it('stops offering when a plugged-in car is unplugged early', () => {
    const der = derWith(evCharger(), evPluggedIn(), evUnplugged(kst(20)));
    expect(offering(der)).toEqual(range(quarter(18), quarter(20)));
  });

  it('ignores cancelled sessions', () => {
    expect(offering(derWith(evCharger(), sessionPlanned(), sessionCancelled()))).toEqual([]);
  });

  it('covers each car of the day, and a car plugged in wins over an overlapping plan', () => {
    const morning = eveningSession({
      sessionId: 'morning',
      arrival: kst(7),
      departure: kst(9),
      energyOnArrivalKwh: kwh(10),
      energyRequiredAtDepartureKwh: kwh(20),
      batteryKwh: kwh(40),
    });
    const der = derWith(
      evCharger(),
      sessionPlanned(morning),
      sessionPlanned(eveningSession({ sessionId: 'plan', arrival: kst(17) })),
      evPluggedIn(eveningSession({ sessionId: 'fact', arrival: kst(17, 30), batteryKwh: kwh(90) })),
    );
    expect(offering(der)).toEqual([...range(quarter(7), quarter(9)), ...range(quarter(17), 96)]);
    expect(evQuarters(der)[quarter(8)]?.storedMaxKwh).toBeLessThanOrEqual(40);
    // The recorded car (arrived 17:30, 90 kWh battery), not the plan (17:00, 77 kWh): by 23:15
    // it can have charged 5.75 h x 9.9 kWh/h, more than the planned battery could hold.
    expect(evQuarters(der)[quarter(23)]?.storedMaxKwh).toBeCloseTo(20 + 5.75 * 9.9, 9);
  });

  it('is capped by a declared derating while the car is there', () => {
    const der = derWith(evCharger(), sessionPlanned(), declared(`${kst(19)}/${kst(20)}`, 3));
    expect(evQuarters(der)[quarter(19)]).toMatchObject({ upKw: 3, downKw: 3 });
    expect(evQuarters(der)[quarter(20)]).toMatchObject({ upKw: 11, downKw: 11 });
  });
});

describe('evEnergyWindowAt', () => {
  const session = eveningSession();
  const arrivalMs = instantMs(session.arrival);
  const departureMs = instantMs(session.departure);

  it('starts at the arrival energy and ends at least at the requirement', () => {
    expect(evEnergyWindowAt(session, evCharger(), arrivalMs, departureMs, arrivalMs)).toEqual({
      minKwh: 20,
      maxKwh: 20,
    });
    const atDeparture = evEnergyWindowAt(session, evCharger(), arrivalMs, departureMs, departureMs);
    expect(atDeparture).toEqual({ minKwh: 60, maxKwh: 77 });
  });

  it('never gives an empty window, even when the requirement can no longer be met', () => {
    const slow = evCharger({ maxChargeKw: kw(1) });
    const window = evEnergyWindowAt(session, slow, arrivalMs, departureMs, departureMs);
    expect(window.minKwh).toBe(window.maxKwh);
    expect(window.maxKwh).toBeCloseTo(20 + 12 * 0.9, 9);
  });
});
