import { derDecider, toDerStreamId } from '../../../domain/ders/index.js';
import { forDecider } from '../../infrastructure/command-handling/decider-command-handler.factory.js';
import { isoUtc } from '../../market/day-ahead-calendar.js';
import { RegisterDerCommand } from './register-der.command.js';

export const RegisterDerHandler = forDecider(derDecider).handle(
  RegisterDerCommand,
  ({ derId, parameters }, now) => ({
    streamId: toDerStreamId(derId),
    command: { type: 'RegisterDer', data: { derId, parameters, now: isoUtc(now) } },
  }),
);
