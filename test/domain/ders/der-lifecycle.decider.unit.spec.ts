import {
  declaredAvailableKwAt,
  derDecider,
  isDecommissionedAt,
  parametersAt,
  type DerCommand,
  type DerEvent,
  type DerParameters,
} from '../../../domain/ders/index.js';
import { kw, type Kw } from '../../../domain/shared/units.js';
import { deciderSpec } from '../../support/decider-spec.js';
import {
  LATER,
  NOW,
  assignDer,
  derRegistered,
  ess,
  evCharger,
  evSession,
  pv,
  registerDer,
} from '../../support/builders/der.builders.js';

const { given } = deciderSpec(derDecider);
const ms = (iso: string) => Date.parse(iso);

const change = (parameters: DerParameters, effectiveFrom = LATER): DerCommand => ({
  type: 'ChangeDerParameters',
  data: { derId: 'der-1', parameters, effectiveFrom, now: NOW },
});
const changed = (parameters: DerParameters, effectiveFrom = LATER): DerEvent => ({
  type: 'DerParametersChanged',
  data: { derId: 'der-1', parameters, effectiveFrom, changedAt: NOW },
});

describe('changing DER parameters', () => {
  it('records new parameters in force from an instant on, the old ones until then', () => {
    const state = given([derRegistered(ess())])
      .when(change(ess({ chargeKw: kw(40) })))
      .then([changed(ess({ chargeKw: kw(40) }))]);
    expect(parametersAt(state, '2025-03-11T23:59:59.999Z')).toEqual(ess());
    expect(parametersAt(state, LATER)).toEqual(ess({ chargeKw: kw(40) }));
  });

  it('accepts a change effective right now, but not one in the past', () => {
    given([derRegistered(ess())])
      .when(change(ess({ chargeKw: kw(40) }), NOW))
      .then([changed(ess({ chargeKw: kw(40) }), NOW)]);
    given([derRegistered(ess())])
      .when(change(ess({ chargeKw: kw(40) }), '2025-03-10T00:59:59.999Z'))
      .thenThrows('DER.EFFECTIVE_IN_PAST', 'effectiveFrom');
  });

  it('returns [] when the parameters in force would not change', () => {
    given([derRegistered(ess())])
      .when(change(ess()))
      .then([]);
  });

  it('replaces changes scheduled after the new one, so the latest command states the future', () => {
    const later = changed(ess({ chargeKw: kw(30) }), '2025-04-01T00:00:00.000Z');
    const state = given([derRegistered(ess()), later])
      .when(change(ess({ chargeKw: kw(40) })))
      .then([changed(ess({ chargeKw: kw(40) }))]);
    expect(parametersAt(state, '2025-05-01T00:00:00.000Z')).toEqual(ess({ chargeKw: kw(40) }));
  });

  it('never changes the kind of a DER', () => {
    given([derRegistered(ess())])
      .when(change(pv()))
      .thenThrows('DER.KIND_MISMATCH', 'parameters.kind');
  });

  it('validates the new parameters like a registration', () => {
    given([derRegistered(ess())])
      .when(change(ess({ dischargeEfficiency: 0 })))
      .thenThrows('DER.INVALID_PARAMETER', 'parameters.dischargeEfficiency');
  });
});

const WINDOW = '2025-03-11T00:00:00.000Z/2025-03-11T04:00:00.000Z';
const declare = (window: string, availableKw: Kw, reason?: string): DerCommand => ({
  type: 'DeclareDerAvailability',
  data: { derId: 'der-1', window, availableKw, now: NOW, ...(reason && { reason }) },
});
const declared = (window: string, availableKw: Kw, reason?: string): DerEvent => ({
  type: 'DerAvailabilityDeclared',
  data: { derId: 'der-1', window, availableKw, ...(reason && { reason }), declaredAt: NOW },
});

describe('declaring availability', () => {
  it('records an outage window with the power still available', () => {
    const state = given([derRegistered(pv())])
      .when(declare('2025-03-11T09:00:00+09:00/2025-03-11T13:00:00+09:00', kw(0), 'inverter swap'))
      .then([declared(WINDOW, kw(0), 'inverter swap')]);
    expect(declaredAvailableKwAt(state, ms('2025-03-11T00:00:00Z'))).toBe(0);
    expect(declaredAvailableKwAt(state, ms('2025-03-11T04:00:00Z'))).toBeUndefined();
  });

  it('lets a later declaration override an earlier one where they overlap', () => {
    const state = given([derRegistered(pv()), declared(WINDOW, kw(0))])
      .when(declare('2025-03-11T02:00:00.000Z/2025-03-11T03:00:00.000Z', kw(45)))
      .then([declared('2025-03-11T02:00:00.000Z/2025-03-11T03:00:00.000Z', kw(45))]);
    expect(declaredAvailableKwAt(state, ms('2025-03-11T01:00:00Z'))).toBe(0);
    expect(declaredAvailableKwAt(state, ms('2025-03-11T02:30:00Z'))).toBe(45);
  });

  it('treats a repeated declaration as a retry, unless something overrode it since', () => {
    const partial = '2025-03-11T02:00:00.000Z/2025-03-11T03:00:00.000Z';
    given([derRegistered(pv()), declared(WINDOW, kw(0))])
      .when(declare(WINDOW, kw(0)))
      .then([]);
    given([derRegistered(pv()), declared(WINDOW, kw(0)), declared(partial, kw(45))])
      .when(declare(WINDOW, kw(0)))
      .then([declared(WINDOW, kw(0))]);
  });

  it('accepts an outage already under way, but not one that has ended', () => {
    given([derRegistered(pv())])
      .when(declare(`2025-03-10T00:00:00.000Z/${LATER}`, kw(10)))
      .then([declared(`2025-03-10T00:00:00.000Z/${LATER}`, kw(10))]);
    given([derRegistered(pv())])
      .when(declare(`2025-03-10T00:00:00.000Z/${NOW}`, kw(10)))
      .thenThrows('DER.AVAILABILITY_IN_PAST', 'window');
  });

  it('caps availability at the rated power', () => {
    given([derRegistered(pv())])
      .when(declare(WINDOW, kw(90)))
      .then([declared(WINDOW, kw(90))]);
    given([derRegistered(pv())])
      .when(declare(WINDOW, kw(90.1)))
      .thenThrows('DER.AVAILABILITY_ABOVE_RATED', 'availableKw');
  });

  it.each([
    ['a negative power', WINDOW, -1, 'availableKw'],
    ['a window without offsets', '2025-03-11T00:00/2025-03-11T04:00', 0, 'window'],
    ['an empty window', `${LATER}/${LATER}`, 0, 'window'],
  ])('rejects %s', (_case, window, availableKw, field) => {
    given([derRegistered(pv())])
      .when(declare(window, availableKw as Kw))
      .thenThrows('DER.INVALID_INPUT', field);
  });
});

const decommission = (effectiveFrom = LATER): DerCommand => ({
  type: 'DecommissionDer',
  data: { derId: 'der-1', effectiveFrom, now: NOW },
});
const decommissioned: DerEvent = {
  type: 'DerDecommissioned',
  data: { derId: 'der-1', effectiveFrom: LATER, decommissionedAt: NOW },
};

describe('decommissioning', () => {
  it('retires the DER from an instant on', () => {
    const state = given([derRegistered(pv())])
      .when(decommission())
      .then([decommissioned]);
    expect(isDecommissionedAt(state, '2025-03-11T23:59:59.999Z')).toBe(false);
    expect(isDecommissionedAt(state, LATER)).toBe(true);
  });

  it('cannot be backdated, or recorded twice with another instant', () => {
    given([derRegistered(pv())])
      .when(decommission('2025-03-09T00:00:00.000Z'))
      .thenThrows('DER.EFFECTIVE_IN_PAST', 'effectiveFrom');
    given([derRegistered(pv()), decommissioned])
      .when(decommission('2025-03-13T00:00:00.000Z'))
      .thenThrows('DER.DECOMMISSIONED', 'derId');
  });

  const afterwards: [string, DerCommand][] = [
    ['register', registerDer(pv())],
    ['change', change(pv({ inverterKw: kw(80) }))],
    ['declare availability', declare(WINDOW, kw(0))],
    ['join a portfolio', assignDer()],
    [
      'leave a portfolio',
      {
        type: 'RemoveDerFromPortfolio',
        data: { derId: 'der-1', fromDay: '2025-03-11', firstOpenDay: '2025-03-11', now: NOW },
      },
    ],
  ];
  it.each(afterwards)('then refuses to %s', (_what, command) => {
    given([derRegistered(pv()), decommissioned])
      .when(command)
      .thenThrows('DER.DECOMMISSIONED', 'derId');
  });

  it('then refuses new EV sessions', () => {
    given([derRegistered(evCharger()), { ...decommissioned }])
      .when({ type: 'PlanEvSession', data: { derId: 'der-1', ...evSession(), now: NOW } })
      .thenThrows('DER.DECOMMISSIONED', 'derId');
  });
});
