import type { DerEvent, EvSessionSpec } from '../../../domain/ders/index.js';
import {
  DeciderCommand,
  type CommandMeta,
} from '../../infrastructure/command-handling/decider-command.js';

/** A car expected at the charger over [arrival, departure). */
export class PlanEvSessionCommand extends DeciderCommand<DerEvent> {
  constructor(
    readonly derId: string,
    readonly session: EvSessionSpec,
    meta: CommandMeta,
  ) {
    super(meta);
  }
}

/** A car plugged in at `session.arrival`; it needs no plan first. */
export class PlugInEvCommand extends DeciderCommand<DerEvent> {
  constructor(
    readonly derId: string,
    readonly session: EvSessionSpec,
    meta: CommandMeta,
  ) {
    super(meta);
  }
}

/** The car left at `unpluggedAt` (default: now). */
export class UnplugEvCommand extends DeciderCommand<DerEvent> {
  constructor(
    readonly derId: string,
    readonly sessionId: string,
    readonly unpluggedAt: string | undefined,
    meta: CommandMeta,
  ) {
    super(meta);
  }
}

export class CancelEvSessionCommand extends DeciderCommand<DerEvent> {
  constructor(
    readonly derId: string,
    readonly sessionId: string,
    meta: CommandMeta,
  ) {
    super(meta);
  }
}
