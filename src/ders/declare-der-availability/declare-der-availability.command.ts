import type { DerEvent } from '../../../domain/ders/index.js';
import type { Kw } from '../../../domain/shared/units.js';
import {
  DeciderCommand,
  type CommandMeta,
} from '../../infrastructure/command-handling/decider-command.js';

/** An outage or derating: at most `availableKw` during `window` (ISO `start/end`). */
export class DeclareDerAvailabilityCommand extends DeciderCommand<DerEvent> {
  constructor(
    readonly derId: string,
    readonly window: string,
    readonly availableKw: Kw,
    readonly reason: string | undefined,
    meta: CommandMeta,
  ) {
    super(meta);
  }
}
