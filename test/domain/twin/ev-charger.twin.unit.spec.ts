import { evCharger } from '../../support/builders/der.builders.js';
import { actualsOf, asset, only, run, siteOf } from '../../support/builders/twin.builders.js';
import type { EvChargerParameters } from '../../../domain/ders/index.js';
import type { TwinEvSession } from '../../../domain/twin/index.js';
import { kw } from '../../../domain/shared/units.js';

const session = (o: Partial<TwinEvSession> = {}): TwinEvSession => ({
  sessionId: 's-1',
  arrivalIndex: 1,
  departureIndex: 3,
  energyOnArrivalKwh: 10,
  energyRequiredAtDepartureKwh: 30,
  batteryKwh: 60,
  ...o,
});

// 11 kW each way, 90 % efficient.
const simulate = (
  evKw: number[],
  sessions: TwinEvSession[],
  o: Partial<EvChargerParameters> = {},
) =>
  run({
    site: siteOf([asset('ev-1', evCharger(o))]),
    count: evKw.length,
    initial: { evSessions: { 'ev-1': sessions } },
    setpoints: { evKw: { 'ev-1': evKw } },
  });

describe('EV charger twin', () => {
  it('given a car over intervals 1..2, when told to charge 11 kW throughout, then power flows only while it is plugged', () => {
    const result = simulate([-11, -11, -11, -11], [session()]);
    const actuals = actualsOf(result, 'ev-1', 'ev_charger');
    expect(actuals.map((a) => a.actualKw)).toEqual([0, -11, -11, 0]);
    expect(actuals.map((a) => a.reasons)).toEqual([['not_plugged'], [], [], ['not_plugged']]);
    expect(actuals.map((a) => a.sessionId)).toEqual([null, 's-1', 's-1', null]);
    expect(actuals[1]?.batteryEnergyKwh).toBeCloseTo(19.9, 12);
  });

  it('when the car leaves, then the energy reached and the shortfall against the requirement are reported', () => {
    const report = only(simulate([-11, -11, -11, -11], [session()]).evSessions);
    expect(report).toMatchObject({ derId: 'ev-1', sessionId: 's-1', departed: true });
    expect(report.energyReachedKwh).toBeCloseTo(29.8, 12);
    expect(report.shortfallKwh).toBeCloseTo(0.2, 12);
  });

  it('given a nearly full battery, when told to charge, then it stops at the battery capacity', () => {
    const result = simulate([0, -11], [session({ energyOnArrivalKwh: 55 })]);
    const actual = actualsOf(result, 'ev-1', 'ev_charger')[1];
    expect(actual?.reasons).toEqual(['soc_limit']);
    expect(actual?.actualKw).toBeCloseTo(-5 / 0.9, 12);
    expect(actual?.batteryEnergyKwh).toBe(60);
  });

  it('given a V2G charger, when told to discharge, then the battery loses power / efficiency', () => {
    const actual = actualsOf(
      simulate([0, 11], [session({ energyOnArrivalKwh: 20 })]),
      'ev-1',
      'ev_charger',
    )[1];
    expect(actual).toMatchObject({ actualKw: 11, dischargeKw: 11, chargeKw: 0, reasons: [] });
    expect(actual?.batteryEnergyKwh).toBeCloseTo(20 - 11 / 0.9, 12);
  });

  it('given a charge-only charger, when told to discharge, then nothing flows (clipped_by_rating)', () => {
    const result = simulate([0, 7], [session()], { maxDischargeKw: kw(0) });
    expect(actualsOf(result, 'ev-1', 'ev_charger')[1]).toMatchObject({
      actualKw: 0,
      reasons: ['clipped_by_rating'],
    });
  });

  it('given an almost empty car, when V2G asks for more than it holds, then it stops at empty', () => {
    const actual = actualsOf(
      simulate([0, 11], [session({ energyOnArrivalKwh: 2 })]),
      'ev-1',
      'ev_charger',
    )[1];
    expect(actual?.actualKw).toBeCloseTo(1.8, 12);
    expect(actual?.batteryEnergyKwh).toBe(0);
    expect(actual?.reasons).toEqual(['soc_limit']);
  });

  it('given a car still plugged at the end, then its report says so with the energy so far', () => {
    const report = only(
      simulate([-11, -11], [session({ arrivalIndex: 0, departureIndex: 10 })]).evSessions,
    );
    expect(report.departed).toBe(false);
    expect(report.energyReachedKwh).toBeCloseTo(10 + 2 * 9.9, 12);
  });

  it('given two cars one after the other, then each starts from its own energy on arrival', () => {
    const result = simulate(
      [-10, -10, -10],
      [
        session({ sessionId: 'a', arrivalIndex: 0, departureIndex: 1, energyOnArrivalKwh: 5 }),
        session({ sessionId: 'b', arrivalIndex: 1, departureIndex: 3, energyOnArrivalKwh: 40 }),
      ],
    );
    expect(result.evSessions.map((r) => [r.sessionId, r.energyReachedKwh])).toEqual([
      ['a', 14],
      ['b', 58],
    ]);
  });
});
