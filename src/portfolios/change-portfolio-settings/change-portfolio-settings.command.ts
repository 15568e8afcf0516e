import type { PortfolioEvent, PortfolioSettings } from '../../../domain/portfolios/index.js';
import {
  DeciderCommand,
  type CommandMeta,
} from '../../infrastructure/command-handling/decider-command.js';

/** New settings from `fromDay` on (default: the first open trading day). */
export class ChangePortfolioSettingsCommand extends DeciderCommand<PortfolioEvent> {
  constructor(
    readonly portfolioId: string,
    readonly settings: PortfolioSettings,
    readonly fromDay: string | undefined,
    meta: CommandMeta,
  ) {
    super(meta);
  }
}
