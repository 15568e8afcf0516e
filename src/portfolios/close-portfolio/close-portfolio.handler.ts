import { portfolioDecider, toPortfolioStreamId } from '../../../domain/portfolios/index.js';
import { forDeciderUsing } from '../../infrastructure/command-handling/decider-command-handler-using.factory.js';
import { DayAheadCalendar, isoUtc } from '../../market/day-ahead-calendar.js';
import { ClosePortfolioCommand } from './close-portfolio.command.js';

export const ClosePortfolioHandler = forDeciderUsing(portfolioDecider, DayAheadCalendar).handle(
  ClosePortfolioCommand,
  ({ portfolioId, fromDay }, now, calendar) => {
    const firstOpenDay = calendar.firstOpenDay(now);
    return {
      streamId: toPortfolioStreamId(portfolioId),
      command: {
        type: 'ClosePortfolio',
        data: { portfolioId, fromDay: fromDay ?? firstOpenDay, firstOpenDay, now: isoUtc(now) },
      },
    };
  },
);
