import { portfolioDecider, toPortfolioStreamId } from '../../../domain/portfolios/index.js';
import { forDeciderUsing } from '../../infrastructure/command-handling/decider-command-handler-using.factory.js';
import { DayAheadCalendar, isoUtc } from '../../market/day-ahead-calendar.js';
import { ChangePortfolioSettingsCommand } from './change-portfolio-settings.command.js';

export const ChangePortfolioSettingsHandler = forDeciderUsing(
  portfolioDecider,
  DayAheadCalendar,
).handle(ChangePortfolioSettingsCommand, ({ portfolioId, settings, fromDay }, now, calendar) => {
  const firstOpenDay = calendar.firstOpenDay(now);
  return {
    streamId: toPortfolioStreamId(portfolioId),
    command: {
      type: 'ChangePortfolioSettings',
      data: {
        portfolioId,
        settings,
        fromDay: fromDay ?? firstOpenDay,
        firstOpenDay,
        now: isoUtc(now),
      },
    },
  };
});
