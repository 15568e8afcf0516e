import { QueryBus } from '@nestjs/cqrs';
import { CLOCK, type Clock } from '../../../domain/shared/clock.port.js';
import { withApplication } from '../../cli/application-context.js';
import { CliUsageError, parseCliArgs, toJson } from '../../cli/cli-args.js';
import { EXIT, type CliCommand } from '../../cli/cli-command.js';
import { DayAheadCalendar } from '../../market/day-ahead-calendar.js';
import { GetPortfolioCapabilityQuery } from './get-portfolio-capability.query.js';
import { portfolioCapabilityLines } from './portfolio-capability.text.js';

export const portfolioCapabilityCommand: CliCommand = {
  path: ['portfolio', 'capability'],
  summary: 'print what a portfolio can offer per interval of a trading day, by DER kind',
  usage: `usage: gridfolio portfolio capability <portfolioId> [--day YYYY-MM-DD] [--interval-minutes N] [--json]

--day               the trading day (KST); default: the first day whose day-ahead gate is still open
--interval-minutes  the interval length, a divisor of 60; default 15
--json              the capability as JSON instead of a table

Up is more injection or less consumption, down the reverse; figures are firm for each whole
interval, net of declared outages and of EV sessions.`,
  async run(args, io, config) {
    const { positionals, values } = parseCliArgs(args, {
      day: { type: 'string' },
      'interval-minutes': { type: 'string' },
      json: { type: 'boolean' },
    });
    const [portfolioId, ...extra] = positionals;
    if (portfolioId === undefined || extra.length > 0)
      throw new CliUsageError('expected exactly one portfolio id');
    return withApplication(config, io, async (app) => {
      const day = values.day ?? app.get(DayAheadCalendar).firstOpenDay(app.get<Clock>(CLOCK).now());
      const capability = await app
        .get(QueryBus)
        .execute(new GetPortfolioCapabilityQuery(portfolioId, day, values['interval-minutes']));
      io.out(
        values.json === true ? toJson(capability) : portfolioCapabilityLines(capability).join('\n'),
      );
      return EXIT.ok;
    });
  },
};
