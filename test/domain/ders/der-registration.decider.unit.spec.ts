import {
  derDecider,
  toDerStreamId,
  type DerCommand,
  type DerParameters,
} from '../../../domain/ders/index.js';
import { deciderSpec } from '../../support/decider-spec.js';
import { expectDomainError } from '../../support/expect-domain-error.js';
import {
  LATER,
  NOW,
  assignDer,
  derRegistered,
  drLoad,
  ess,
  evCharger,
  evSession,
  fuelCell,
  pv,
  registerDer,
} from '../../support/builders/der.builders.js';
import { kw } from '../../../domain/shared/units.js';

const { given } = deciderSpec(derDecider);

describe('DER registration', () => {
  it.each<[string, DerParameters]>([
    ['pv', pv({ latitude: 36.35, longitude: 127.38, tiltDeg: 30, azimuthDeg: 180 })],
    ['ess', ess()],
    ['dr_load', drLoad({ cblMethod: 'kpx_max_4_5', allOrNothing: true })],
    ['ev_charger', evCharger()],
    ['fuel_cell', fuelCell()],
  ])('registers a %s DER', (_kind, parameters) => {
    given([])
      .when(registerDer(parameters))
      .then([{ type: 'DerRegistered', data: { derId: 'der-1', parameters, registeredAt: NOW } }]);
  });

  it('stores `now` as a canonical UTC instant, whatever offset it came with', () => {
    given([])
      .when(registerDer(pv(), { now: '2025-03-10T10:00:00+09:00' }))
      .then([derRegistered(pv())]);
  });

  it('keeps only the known parameters, so stray JSON keys never reach an event', () => {
    const withExtra = { ...evCharger(), colour: 'red' } as DerParameters;
    given([])
      .when(registerDer(withExtra))
      .then([derRegistered(evCharger())]);
  });

  it('treats the same registration again as a retry', () => {
    given([derRegistered(ess())])
      .when(registerDer(ess()))
      .then([]);
  });

  it('recognises a retried registration after the parameters changed', () => {
    given([
      derRegistered(ess()),
      {
        type: 'DerParametersChanged',
        data: {
          derId: 'der-1',
          parameters: ess({ chargeKw: kw(40) }),
          effectiveFrom: LATER,
          changedAt: NOW,
        },
      },
    ])
      .when(registerDer(ess()))
      .then([]);
  });

  it('refuses to register the same DER with other parameters', () => {
    given([derRegistered(ess())])
      .when(registerDer(ess({ chargeKw: kw(60) })))
      .thenThrows('DER.ALREADY_REGISTERED', 'derId');
  });

  it('never brings a decommissioned DER back', () => {
    given([
      derRegistered(pv()),
      {
        type: 'DerDecommissioned',
        data: { derId: 'der-1', effectiveFrom: LATER, decommissionedAt: NOW },
      },
    ])
      .when(registerDer(pv()))
      .thenThrows('DER.DECOMMISSIONED', 'derId');
  });

  it.each(['', 'has space', 'ü', 'x'.repeat(197)])('rejects the id %j', (derId) => {
    given([]).when(registerDer(pv(), { derId })).thenThrows('DER.INVALID_ID', 'derId');
  });

  it.each(['2025-03-10T10:00:00', 'yesterday', '2025-13-01T00:00:00Z'])(
    'rejects `now` %j: instants need an explicit offset',
    (now) => {
      given([]).when(registerDer(pv(), { now })).thenThrows('DER.INVALID_INPUT', 'now');
    },
  );

  const others: DerCommand[] = [
    {
      type: 'ChangeDerParameters',
      data: { derId: 'der-1', parameters: pv(), effectiveFrom: LATER, now: NOW },
    },
    {
      type: 'DeclareDerAvailability',
      data: { derId: 'der-1', window: `${NOW}/${LATER}`, availableKw: kw(0), now: NOW },
    },
    { type: 'DecommissionDer', data: { derId: 'der-1', effectiveFrom: LATER, now: NOW } },
    assignDer(),
    {
      type: 'RemoveDerFromPortfolio',
      data: { derId: 'der-1', fromDay: '2025-03-11', firstOpenDay: '2025-03-11', now: NOW },
    },
    { type: 'PlanEvSession', data: { derId: 'der-1', ...evSession(), now: NOW } },
    { type: 'PlugInEv', data: { derId: 'der-1', ...evSession(), now: LATER } },
    { type: 'UnplugEv', data: { derId: 'der-1', sessionId: 's', unpluggedAt: NOW, now: NOW } },
    { type: 'CancelEvSession', data: { derId: 'der-1', sessionId: 's', now: NOW } },
  ];

  it.each(others.map((command) => [command.type, command] as const))(
    '%s on a DER never registered is DER.NOT_REGISTERED',
    (_type, command) => {
      given([]).when(command).thenThrows('DER.NOT_REGISTERED', 'derId');
    },
  );

  it('names its stream der-{derId} and refuses ids a stream cannot hold', () => {
    expect(toDerStreamId('v2x-ess.1')).toBe('der-v2x-ess.1');
    expectDomainError(() => toDerStreamId('a/b'), 'DER.INVALID_ID');
  });
});
