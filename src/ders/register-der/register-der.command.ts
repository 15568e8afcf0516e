import type { DerEvent, DerParameters } from '../../../domain/ders/index.js';
import {
  DeciderCommand,
  type CommandMeta,
} from '../../infrastructure/command-handling/decider-command.js';

/** Registers a DER; the same registration again appends nothing. */
export class RegisterDerCommand extends DeciderCommand<DerEvent> {
  constructor(
    readonly derId: string,
    readonly parameters: DerParameters,
    meta: CommandMeta,
  ) {
    super(meta);
  }
}
