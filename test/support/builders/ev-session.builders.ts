import type { DerCommand, DerEvent, EvSessionSpec } from '../../../domain/ders/index.js';
import { NOW, derRegistered, evCharger, evSession } from './der.builders.js';

/** Commands and events of one EV charger (`der-1`) and its session `session-1`. */
export const AFTER_DEPARTURE = '2025-03-11T00:00:00.000Z';
export const charger = derRegistered(evCharger());

export const plan = (spec: EvSessionSpec = evSession(), now = NOW): DerCommand => ({
  type: 'PlanEvSession',
  data: { derId: 'der-1', ...spec, now },
});
export const planned = (spec: EvSessionSpec = evSession()): DerEvent => ({
  type: 'EvSessionPlanned',
  data: { derId: 'der-1', ...spec, plannedAt: NOW },
});
export const plugIn = (
  spec: EvSessionSpec = evSession(),
  now = '2025-03-10T09:00:00.000Z',
): DerCommand => ({
  type: 'PlugInEv',
  data: { derId: 'der-1', ...spec, now },
});
export const pluggedIn = (spec: EvSessionSpec = evSession()): DerEvent => ({
  type: 'EvPluggedIn',
  data: { derId: 'der-1', ...spec, recordedAt: '2025-03-10T09:00:00.000Z' },
});
export const unplug = (
  unpluggedAt = '2025-03-10T22:00:00.000Z',
  sessionId = 'session-1',
): DerCommand => ({
  type: 'UnplugEv',
  data: { derId: 'der-1', sessionId, unpluggedAt, now: AFTER_DEPARTURE },
});
export const unplugged: DerEvent = {
  type: 'EvUnplugged',
  data: {
    derId: 'der-1',
    sessionId: 'session-1',
    unpluggedAt: '2025-03-10T22:00:00.000Z',
    recordedAt: AFTER_DEPARTURE,
  },
};
export const cancel: DerCommand = {
  type: 'CancelEvSession',
  data: { derId: 'der-1', sessionId: 'session-1', now: NOW },
};
