import type { DerEvent } from '../../../domain/ders/index.js';
import {
  DeciderCommand,
  type CommandMeta,
} from '../../infrastructure/command-handling/decider-command.js';

/** Into micro-VPP `microPortfolioId` from `fromDay` on (default: the first open trading day). */
export class AssignDerToPortfolioCommand extends DeciderCommand<DerEvent> {
  constructor(
    readonly derId: string,
    readonly microPortfolioId: string,
    readonly fromDay: string | undefined,
    meta: CommandMeta,
  ) {
    super(meta);
  }
}

/** Out of its micro-VPP from `fromDay` on (default: the first open trading day). */
export class RemoveDerFromPortfolioCommand extends DeciderCommand<DerEvent> {
  constructor(
    readonly derId: string,
    readonly fromDay: string | undefined,
    meta: CommandMeta,
  ) {
    super(meta);
  }
}
