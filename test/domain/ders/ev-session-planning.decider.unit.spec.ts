import { derDecider, type DerEvent, type EvSessionSpec } from '../../../domain/ders/index.js';
import { kw, kwh } from '../../../domain/shared/units.js';
import { deciderSpec } from '../../support/decider-spec.js';
import {
  NOW,
  derRegistered,
  evCharger,
  evSession,
  pv,
} from '../../support/builders/der.builders.js';
import {
  AFTER_DEPARTURE,
  charger,
  plan,
  planned,
} from '../../support/builders/ev-session.builders.js';

const { given } = deciderSpec(derDecider);

describe('planning an EV session', () => {
  it('records the promised window and energies', () => {
    given([charger]).when(plan()).then([planned()]);
  });

  it('is for EV chargers only', () => {
    given([derRegistered(pv())])
      .when(plan())
      .thenThrows('DER.NOT_AN_EV_CHARGER', 'derId');
  });

  it.each<[string, Partial<EvSessionSpec>, string]>([
    ['departure at arrival', { departure: '2025-03-10T09:00:00.000Z' }, 'departure'],
    ['arrival energy beyond the battery', { energyOnArrivalKwh: kwh(78) }, 'energyOnArrivalKwh'],
    [
      'required energy beyond the battery',
      { energyRequiredAtDepartureKwh: kwh(80) },
      'energyRequiredAtDepartureKwh',
    ],
    ['negative arrival energy', { energyOnArrivalKwh: kwh(-1) }, 'energyOnArrivalKwh'],
    ['an empty battery size', { batteryKwh: kwh(0) }, 'batteryKwh'],
  ])('rejects %s', (_case, override, field) => {
    given([charger])
      .when(plan(evSession(override)))
      .thenThrows('DER.INVALID_EV_SESSION', field);
  });

  it('accepts exactly what the charger can deliver, and nothing more', () => {
    // 2 h at 11 kW with 90 % efficiency adds 19.8 kWh to the battery.
    const twoHours = { arrival: '2025-03-10T09:00:00.000Z', departure: '2025-03-10T11:00:00.000Z' };
    const reachable = evSession({
      ...twoHours,
      energyOnArrivalKwh: kwh(20),
      energyRequiredAtDepartureKwh: kwh(39.8),
    });
    given([charger])
      .when(plan(reachable))
      .then([planned(reachable)]);
    given([charger])
      .when(plan({ ...reachable, energyRequiredAtDepartureKwh: kwh(39.81) }))
      .thenThrows('DER.EV_ENERGY_UNREACHABLE', 'energyRequiredAtDepartureKwh');
  });

  it('checks reachability with the charger parameters in force at arrival', () => {
    const slower: DerEvent = {
      type: 'DerParametersChanged',
      data: {
        derId: 'der-1',
        parameters: evCharger({ maxChargeKw: kw(3) }),
        effectiveFrom: '2025-03-10T05:00:00.000Z',
        changedAt: NOW,
      },
    };
    // 14 h at 3 kW x 0.9 = 37.8 kWh < the 40 kWh needed.
    given([charger, slower]).when(plan()).thenThrows('DER.EV_ENERGY_UNREACHABLE');
  });

  it('cannot plan a session already over', () => {
    given([charger])
      .when(plan(evSession(), AFTER_DEPARTURE))
      .thenThrows('DER.EV_SESSION_IN_PAST', 'departure');
  });

  it('replans a planned session, and treats the same plan as a retry', () => {
    const moved = evSession({ departure: '2025-03-10T23:30:00.000Z' });
    given([charger, planned()])
      .when(plan(moved))
      .then([planned(moved)]);
    given([charger, planned()]).when(plan()).then([]);
  });

  it('keeps one car per charger: planned windows must not overlap', () => {
    const other = { sessionId: 'session-2' };
    given([charger, planned()])
      .when(
        plan(
          evSession({
            ...other,
            arrival: '2025-03-10T22:59:00.000Z',
            departure: '2025-03-11T02:00:00.000Z',
            energyRequiredAtDepartureKwh: kwh(30),
          }),
        ),
      )
      .thenThrows('DER.EV_SESSION_OVERLAP', 'arrival');
    const backToBack = evSession({
      ...other,
      arrival: '2025-03-10T23:00:00.000Z',
      departure: '2025-03-11T03:00:00.000Z',
      energyRequiredAtDepartureKwh: kwh(30),
    });
    given([charger, planned()])
      .when(plan(backToBack))
      .then([planned(backToBack)]);
  });
});
