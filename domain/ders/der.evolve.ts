import type { DerEvent } from './der.events.js';
import type { EvSessionSpec } from './der.commands.js';
import { isRegistered, type DerState, type EvSession, type RegisteredDer } from './der.state.js';
import { setFrom } from '../shared/effective-timeline.js';
import { instantMs } from '../shared/iso-instant.js';

export const evolveDer = (state: DerState, event: DerEvent): DerState => {
  if (event.type === 'DerRegistered') {
    if (isRegistered(state)) return state;
    const { derId, parameters, registeredAt } = event.data;
    return {
      status: 'active',
      derId,
      kind: parameters.kind,
      registeredAt,
      registeredParameters: parameters,
      parameters: [{ from: registeredAt, value: parameters }],
      availability: [],
      membership: [],
      evSessions: [],
    };
  }
  return isRegistered(state) ? evolveRegistered(state, event) : state;
};

const evolveRegistered = (der: RegisteredDer, event: DerEvent): RegisteredDer => {
  switch (event.type) {
    case 'DerParametersChanged':
      return {
        ...der,
        parameters: setFrom(der.parameters, event.data.effectiveFrom, event.data.parameters),
      };
    case 'DerAvailabilityDeclared': {
      const { window, availableKw, reason } = event.data;
      const [start = '', end = ''] = window.split('/');
      const declaration = { window, startMs: instantMs(start), endMs: instantMs(end), availableKw };
      return {
        ...der,
        availability: [
          ...der.availability,
          reason === undefined ? declaration : { ...declaration, reason },
        ],
      };
    }
    case 'DerDecommissioned':
      return { ...der, status: 'decommissioned', decommissionedFrom: event.data.effectiveFrom };
    case 'DerAssignedToPortfolio':
      return {
        ...der,
        membership: setFrom(der.membership, event.data.fromDay, event.data.microPortfolioId),
      };
    case 'DerRemovedFromPortfolio':
      return { ...der, membership: setFrom(der.membership, event.data.fromDay, null) };
    case 'EvSessionPlanned':
      return withSession(der, { ...specOf(event.data), status: 'planned' });
    case 'EvPluggedIn':
      return withSession(der, { ...specOf(event.data), status: 'plugged_in' });
    case 'EvUnplugged':
      return updateSession(der, event.data.sessionId, (session) => ({
        ...session,
        status: 'unplugged',
        unpluggedAt: event.data.unpluggedAt,
      }));
    case 'EvSessionCancelled':
      return updateSession(der, event.data.sessionId, (session) => ({
        ...session,
        status: 'cancelled',
      }));
    default:
      return der; // tolerate event types added by newer versions
  }
};

const specOf = (data: EvSessionSpec): EvSessionSpec => ({
  sessionId: data.sessionId,
  arrival: data.arrival,
  departure: data.departure,
  energyOnArrivalKwh: data.energyOnArrivalKwh,
  energyRequiredAtDepartureKwh: data.energyRequiredAtDepartureKwh,
  batteryKwh: data.batteryKwh,
});

const withSession = (der: RegisteredDer, session: EvSession): RegisteredDer => ({
  ...der,
  evSessions: [...der.evSessions.filter((s) => s.sessionId !== session.sessionId), session],
});

const updateSession = (
  der: RegisteredDer,
  sessionId: string,
  update: (session: EvSession) => EvSession,
): RegisteredDer => ({
  ...der,
  evSessions: der.evSessions.map((s) => (s.sessionId === sessionId ? update(s) : s)),
});
