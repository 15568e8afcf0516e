import type { PortfolioEvent, PortfolioSettings } from '../../../domain/portfolios/index.js';
import {
  DeciderCommand,
  type CommandMeta,
} from '../../infrastructure/command-handling/decider-command.js';

/** A micro, community or wholesale VPP; `settings.tier` fixes its tier for life. */
export class CreatePortfolioCommand extends DeciderCommand<PortfolioEvent> {
  constructor(
    readonly portfolioId: string,
    readonly name: string,
    readonly settings: PortfolioSettings,
    meta: CommandMeta,
  ) {
    super(meta);
  }
}
