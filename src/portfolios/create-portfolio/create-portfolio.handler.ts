import { portfolioDecider, toPortfolioStreamId } from '../../../domain/portfolios/index.js';
import { forDecider } from '../../infrastructure/command-handling/decider-command-handler.factory.js';
import { isoUtc } from '../../market/day-ahead-calendar.js';
import { CreatePortfolioCommand } from './create-portfolio.command.js';

export const CreatePortfolioHandler = forDecider(portfolioDecider).handle(
  CreatePortfolioCommand,
  ({ portfolioId, name, settings }, now) => ({
    streamId: toPortfolioStreamId(portfolioId),
    command: { type: 'CreatePortfolio', data: { portfolioId, name, settings, now: isoUtc(now) } },
  }),
);
