import type { DerEvent, DerParameters } from '../../../domain/ders/index.js';
import {
  DeciderCommand,
  type CommandMeta,
} from '../../infrastructure/command-handling/decider-command.js';

/** New parameters from `effectiveFrom` on (default: now). */
export class ChangeDerParametersCommand extends DeciderCommand<DerEvent> {
  constructor(
    readonly derId: string,
    readonly parameters: DerParameters,
    readonly effectiveFrom: string | undefined,
    meta: CommandMeta,
  ) {
    super(meta);
  }
}
