import type { CancelEvSession, PlanEvSession, PlugInEv, UnplugEv } from './der.commands.js';
import type { DerEvent } from './der.events.js';
import { derError, invalidInput } from './der.errors.js';
import { mustBeActive, mustBeRegistered } from './der.guards.js';
import { findEvSession, type DerState, type EvSession } from './der.state.js';
import {
  mustBeCharger,
  overlapsOpenSession,
  specOf,
  validateEvSession,
} from './ev-session.validation.js';
import { sameJson } from '../shared/input-parsing.js';
import { isoInstant } from '../shared/iso-instant.js';

export const planEvSession = ({ data }: PlanEvSession, state: DerState): DerEvent[] => {
  const der = mustBeCharger(mustBeActive(state, data.derId));
  const now = isoInstant(data.now, 'now', invalidInput);
  const spec = validateEvSession(data, der);
  if (spec.departure <= now)
    throw derError('DER.EV_SESSION_IN_PAST', 'the session would already be over', 'departure');
  const existing = findEvSession(der, spec.sessionId);
  if (existing !== undefined) {
    if (existing.status !== 'planned') throw alreadyStartedOrEnded(existing);
    if (sameJson(specOf(existing), spec)) return [];
  }
  if (overlapsOpenSession(der, spec))
    throw derError('DER.EV_SESSION_OVERLAP', 'the charger has another car then', 'arrival');
  return [{ type: 'EvSessionPlanned', data: { derId: der.derId, ...spec, plannedAt: now } }];
};

/** A fact reported after it happened, so it is accepted over a conflicting plan. */
export const plugInEv = ({ data }: PlugInEv, state: DerState): DerEvent[] => {
  const der = mustBeCharger(mustBeActive(state, data.derId));
  const now = isoInstant(data.now, 'now', invalidInput);
  const spec = validateEvSession(data, der);
  if (spec.arrival > now)
    throw derError('DER.INSTANT_IN_FUTURE', 'a car cannot plug in in the future', 'arrival');
  const existing = findEvSession(der, spec.sessionId);
  if (existing !== undefined && existing.status !== 'planned') {
    if (existing.status === 'plugged_in' && sameJson(specOf(existing), spec)) return [];
    throw alreadyStartedOrEnded(existing);
  }
  if (der.evSessions.some((s) => s.status === 'plugged_in'))
    throw derError('DER.EV_CHARGER_OCCUPIED', 'another car is plugged in', 'sessionId');
  return [{ type: 'EvPluggedIn', data: { derId: der.derId, ...spec, recordedAt: now } }];
};

/** Accepted even after decommissioning: it records what happened to a car already there. */
export const unplugEv = ({ data }: UnplugEv, state: DerState): DerEvent[] => {
  const der = mustBeCharger(mustBeRegistered(state, data.derId));
  const now = isoInstant(data.now, 'now', invalidInput);
  const unpluggedAt = isoInstant(data.unpluggedAt, 'unpluggedAt', invalidInput);
  const session = mustFind(der.evSessions, data.sessionId);
  if (session.status === 'unplugged' && session.unpluggedAt === unpluggedAt) return [];
  if (session.status === 'planned')
    throw derError('DER.EV_SESSION_NOT_PLUGGED_IN', 'the car never plugged in', 'sessionId');
  if (session.status !== 'plugged_in') throw alreadyStartedOrEnded(session);
  if (unpluggedAt > now)
    throw derError('DER.INSTANT_IN_FUTURE', 'a car cannot unplug in the future', 'unpluggedAt');
  if (unpluggedAt <= session.arrival)
    throw derError('DER.INVALID_EV_SESSION', 'unplugged before it plugged in', 'unpluggedAt');
  return [
    {
      type: 'EvUnplugged',
      data: { derId: der.derId, sessionId: session.sessionId, unpluggedAt, recordedAt: now },
    },
  ];
};

export const cancelEvSession = ({ data }: CancelEvSession, state: DerState): DerEvent[] => {
  const der = mustBeCharger(mustBeActive(state, data.derId));
  const now = isoInstant(data.now, 'now', invalidInput);
  const session = mustFind(der.evSessions, data.sessionId);
  if (session.status === 'cancelled') return [];
  if (session.status !== 'planned') throw alreadyStartedOrEnded(session);
  return [
    {
      type: 'EvSessionCancelled',
      data: { derId: der.derId, sessionId: session.sessionId, cancelledAt: now },
    },
  ];
};

const mustFind = (sessions: readonly EvSession[], sessionId: string): EvSession => {
  const session = sessions.find((s) => s.sessionId === sessionId);
  if (session === undefined)
    throw derError('DER.EV_SESSION_NOT_FOUND', `no EV session ${sessionId}`, 'sessionId');
  return session;
};

const alreadyStartedOrEnded = (session: EvSession) =>
  session.status === 'plugged_in'
    ? derError('DER.EV_SESSION_ALREADY_STARTED', 'the car is already plugged in', 'sessionId')
    : derError('DER.EV_SESSION_ALREADY_ENDED', `the session is ${session.status}`, 'sessionId');
