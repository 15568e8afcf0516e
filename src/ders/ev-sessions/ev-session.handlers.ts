import { derDecider, toDerStreamId } from '../../../domain/ders/index.js';
import { forDecider } from '../../infrastructure/command-handling/decider-command-handler.factory.js';
import { isoUtc } from '../../market/day-ahead-calendar.js';
import {
  CancelEvSessionCommand,
  PlanEvSessionCommand,
  PlugInEvCommand,
  UnplugEvCommand,
} from './ev-session.commands.js';

const ders = forDecider(derDecider);

export const PlanEvSessionHandler = ders.handle(
  PlanEvSessionCommand,
  ({ derId, session }, now) => ({
    streamId: toDerStreamId(derId),
    command: { type: 'PlanEvSession', data: { ...session, derId, now: isoUtc(now) } },
  }),
);

export const PlugInEvHandler = ders.handle(PlugInEvCommand, ({ derId, session }, now) => ({
  streamId: toDerStreamId(derId),
  command: { type: 'PlugInEv', data: { ...session, derId, now: isoUtc(now) } },
}));

export const UnplugEvHandler = ders.handle(
  UnplugEvCommand,
  ({ derId, sessionId, unpluggedAt }, now) => ({
    streamId: toDerStreamId(derId),
    command: {
      type: 'UnplugEv',
      data: { derId, sessionId, unpluggedAt: unpluggedAt ?? isoUtc(now), now: isoUtc(now) },
    },
  }),
);

export const CancelEvSessionHandler = ders.handle(
  CancelEvSessionCommand,
  ({ derId, sessionId }, now) => ({
    streamId: toDerStreamId(derId),
    command: { type: 'CancelEvSession', data: { derId, sessionId, now: isoUtc(now) } },
  }),
);
