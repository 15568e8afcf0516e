import {
  derDecider,
  findEvSession,
  isRegistered,
  type DerCommand,
  type DerEvent,
} from '../../../domain/ders/index.js';
import { kwh } from '../../../domain/shared/units.js';
import { deciderSpec } from '../../support/decider-spec.js';
import { LATER, NOW, evSession } from '../../support/builders/der.builders.js';
import {
  cancel,
  charger,
  plan,
  planned,
  plugIn,
  pluggedIn,
  unplug,
  unplugged,
} from '../../support/builders/ev-session.builders.js';

const { given } = deciderSpec(derDecider);

describe('plugging in and unplugging', () => {
  it('plugs in a planned car, or one that came unannounced', () => {
    given([charger, planned()]).when(plugIn()).then([pluggedIn()]);
    given([charger]).when(plugIn()).then([pluggedIn()]);
  });

  it('records facts only once they happened', () => {
    given([charger]).when(plugIn(evSession(), NOW)).thenThrows('DER.INSTANT_IN_FUTURE', 'arrival');
  });

  it('holds one car at a time', () => {
    given([charger, pluggedIn()])
      .when(plugIn(evSession({ sessionId: 'session-2' })))
      .thenThrows('DER.EV_CHARGER_OCCUPIED', 'sessionId');
  });

  it('cannot replan or replug a session under way with other data', () => {
    given([charger, pluggedIn()])
      .when(plan())
      .thenThrows('DER.EV_SESSION_ALREADY_STARTED', 'sessionId');
    given([charger, pluggedIn()])
      .when(plugIn(evSession({ energyOnArrivalKwh: kwh(25) })))
      .thenThrows('DER.EV_SESSION_ALREADY_STARTED', 'sessionId');
  });

  it('unplugs a plugged car, and treats the same unplug as a retry', () => {
    const state = given([charger, pluggedIn()]).when(unplug()).then([unplugged]);
    expect(isRegistered(state) && findEvSession(state, 'session-1')?.status).toBe('unplugged');
    given([charger, pluggedIn(), unplugged])
      .when(unplug('2025-03-10T22:30:00.000Z'))
      .thenThrows('DER.EV_SESSION_ALREADY_ENDED', 'sessionId');
  });

  it.each<[string, DerEvent[], DerCommand, string, string]>([
    ['a car never plugged in', [planned()], unplug(), 'DER.EV_SESSION_NOT_PLUGGED_IN', 'sessionId'],
    ['an unknown session', [], unplug(undefined, 'nope'), 'DER.EV_SESSION_NOT_FOUND', 'sessionId'],
    [
      'before plugging in',
      [pluggedIn()],
      unplug('2025-03-10T08:00:00.000Z'),
      'DER.INVALID_EV_SESSION',
      'unpluggedAt',
    ],
    [
      'in the future',
      [pluggedIn()],
      unplug('2025-03-11T00:00:00.001Z'),
      'DER.INSTANT_IN_FUTURE',
      'unpluggedAt',
    ],
  ])('refuses to unplug %s', (_case, history, command, code, field) => {
    given([charger, ...history])
      .when(command)
      .thenThrows(code, field);
  });

  it('still records an unplug after the charger was decommissioned', () => {
    const gone: DerEvent = {
      type: 'DerDecommissioned',
      data: { derId: 'der-1', effectiveFrom: LATER, decommissionedAt: NOW },
    };
    given([charger, pluggedIn(), gone]).when(unplug()).then([unplugged]);
  });
});

describe('cancelling a planned session', () => {
  const cancelled: DerEvent = {
    type: 'EvSessionCancelled',
    data: { derId: 'der-1', sessionId: 'session-1', cancelledAt: NOW },
  };

  it('frees the window for another car', () => {
    given([charger, planned()]).when(cancel).then([cancelled]);
    given([charger, planned(), cancelled])
      .when(plan(evSession({ sessionId: 'session-2' })))
      .then([planned(evSession({ sessionId: 'session-2' }))]);
  });

  it('is too late once the car is plugged in', () => {
    given([charger, pluggedIn()])
      .when(cancel)
      .thenThrows('DER.EV_SESSION_ALREADY_STARTED', 'sessionId');
  });
});
