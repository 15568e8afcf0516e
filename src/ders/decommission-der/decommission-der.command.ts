import type { DerEvent } from '../../../domain/ders/index.js';
import {
  DeciderCommand,
  type CommandMeta,
} from '../../infrastructure/command-handling/decider-command.js';

/** Out of service for good from `effectiveFrom` (default: now). */
export class DecommissionDerCommand extends DeciderCommand<DerEvent> {
  constructor(
    readonly derId: string,
    readonly effectiveFrom: string | undefined,
    meta: CommandMeta,
  ) {
    super(meta);
  }
}
