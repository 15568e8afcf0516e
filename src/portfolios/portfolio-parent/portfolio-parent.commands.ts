import type { PortfolioEvent } from '../../../domain/portfolios/index.js';
import {
  DeciderCommand,
  type CommandMeta,
} from '../../infrastructure/command-handling/decider-command.js';

/** Into `parentId` from `fromDay` on (default: the first open trading day). */
export class AttachPortfolioToParentCommand extends DeciderCommand<PortfolioEvent> {
  constructor(
    readonly portfolioId: string,
    readonly parentId: string,
    readonly fromDay: string | undefined,
    meta: CommandMeta,
  ) {
    super(meta);
  }
}

/** In no parent from `fromDay` on (default: the first open trading day). */
export class DetachPortfolioFromParentCommand extends DeciderCommand<PortfolioEvent> {
  constructor(
    readonly portfolioId: string,
    readonly fromDay: string | undefined,
    meta: CommandMeta,
  ) {
    super(meta);
  }
}
