import { derDecider, toDerStreamId } from '../../../domain/ders/index.js';
import { forDecider } from '../../infrastructure/command-handling/decider-command-handler.factory.js';
import { isoUtc } from '../../market/day-ahead-calendar.js';
import { ChangeDerParametersCommand } from './change-der-parameters.command.js';

export const ChangeDerParametersHandler = forDecider(derDecider).handle(
  ChangeDerParametersCommand,
  ({ derId, parameters, effectiveFrom }, now) => ({
    streamId: toDerStreamId(derId),
    command: {
      type: 'ChangeDerParameters',
      data: { derId, parameters, effectiveFrom: effectiveFrom ?? isoUtc(now), now: isoUtc(now) },
    },
  }),
);
