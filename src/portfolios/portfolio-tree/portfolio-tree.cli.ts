import { QueryBus } from '@nestjs/cqrs';
import { CLOCK, type Clock } from '../../../domain/shared/clock.port.js';
import { withApplication } from '../../cli/application-context.js';
import { CliUsageError, parseCliArgs, toJson } from '../../cli/cli-args.js';
import { EXIT, type CliCommand } from '../../cli/cli-command.js';
import { DayAheadCalendar } from '../../market/day-ahead-calendar.js';
import { GetPortfolioTreeQuery } from './get-portfolio-tree.query.js';
import { portfolioTreeLines } from './portfolio-tree.text.js';

export const portfolioTreeCommand: CliCommand = {
  path: ['portfolio', 'tree'],
  summary: 'print a portfolio and everything under it on a trading day',
  usage: `usage: gridfolio portfolio tree <portfolioId> [--day YYYY-MM-DD] [--json]

--day   the trading day (KST); default: the first day whose day-ahead gate is still open
--json  the tree as JSON instead of indented text`,
  async run(args, io, config) {
    const { positionals, values } = parseCliArgs(args, {
      day: { type: 'string' },
      json: { type: 'boolean' },
    });
    const [portfolioId, ...extra] = positionals;
    if (portfolioId === undefined || extra.length > 0)
      throw new CliUsageError('expected exactly one portfolio id');
    return withApplication(config, io, async (app) => {
      const day = values.day ?? app.get(DayAheadCalendar).firstOpenDay(app.get<Clock>(CLOCK).now());
      const tree = await app.get(QueryBus).execute(new GetPortfolioTreeQuery(portfolioId, day));
      io.out(
        values.json === true
          ? toJson(tree)
          : [`on ${tree.day}:`, ...portfolioTreeLines(tree)].join('\n'),
      );
      return EXIT.ok;
    });
  },
};
