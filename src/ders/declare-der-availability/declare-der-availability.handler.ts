import { derDecider, toDerStreamId } from '../../../domain/ders/index.js';
import { forDecider } from '../../infrastructure/command-handling/decider-command-handler.factory.js';
import { isoUtc } from '../../market/day-ahead-calendar.js';
import { DeclareDerAvailabilityCommand } from './declare-der-availability.command.js';

export const DeclareDerAvailabilityHandler = forDecider(derDecider).handle(
  DeclareDerAvailabilityCommand,
  ({ derId, window, availableKw, reason }, now) => ({
    streamId: toDerStreamId(derId),
    command: {
      type: 'DeclareDerAvailability',
      data: {
        derId,
        window,
        availableKw,
        ...(reason === undefined ? {} : { reason }),
        now: isoUtc(now),
      },
    },
  }),
);
