import { derDecider, toDerStreamId } from '../../../domain/ders/index.js';
import { forDecider } from '../../infrastructure/command-handling/decider-command-handler.factory.js';
import { isoUtc } from '../../market/day-ahead-calendar.js';
import { DecommissionDerCommand } from './decommission-der.command.js';

export const DecommissionDerHandler = forDecider(derDecider).handle(
  DecommissionDerCommand,
  ({ derId, effectiveFrom }, now) => ({
    streamId: toDerStreamId(derId),
    command: {
      type: 'DecommissionDer',
      data: { derId, effectiveFrom: effectiveFrom ?? isoUtc(now), now: isoUtc(now) },
    },
  }),
);
