import type { PortfolioEvent } from '../../../domain/portfolios/index.js';
import {
  DeciderCommand,
  type CommandMeta,
} from '../../infrastructure/command-handling/decider-command.js';

/** No longer trades from `fromDay` on (default: the first open trading day). */
export class ClosePortfolioCommand extends DeciderCommand<PortfolioEvent> {
  constructor(
    readonly portfolioId: string,
    readonly fromDay: string | undefined,
    meta: CommandMeta,
  ) {
    super(meta);
  }
}
