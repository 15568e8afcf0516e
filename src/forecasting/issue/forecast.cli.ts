import { QueryBus } from '@nestjs/cqrs';
import { cliMeta, withApplication } from '../../cli/application-context.js';
import { CliUsageError, parseCliArgs, positiveInteger, toJson } from '../../cli/cli-args.js';
import { EXIT, type CliCommand } from '../../cli/cli-command.js';
import { ForecastIssuingService } from './forecast-issuing.service.js';
import { forecastSummary } from './forecast-view.js';
import { forecastLines } from './forecast.text.js';
import { GetForecastQuery } from './get-forecast.query.js';

const required = (value: string | undefined, flag: string): string => {
  if (value === undefined || value === '') throw new CliUsageError(`${flag} is required`);
  return value;
};

export const forecastIssueCommand: CliCommand = {
  path: ['forecast', 'issue'],
  summary: "issue a portfolio's PV and load forecast for a trading day (a new version)",
  usage: `usage: gridfolio forecast issue --portfolio <id> --day YYYY-MM-DD [--interval 60|15] [--issued-at ISO] [--json]

--portfolio  the portfolio (any tier): every micro-VPP under it is forecast
--day        the trading day (KST)
--interval   interval length in minutes, 60 (default) or 15
--issued-at  the issue instant (ISO 8601 with offset); default now
--json       the issued version's summary as JSON

PV per micro-VPP from its PV DERs and the day's clearness outlook (learnt from the market solar
series; FORECAST_SOLAR_DATA names it), load per site from its net meter's history; sites without
meter history get no load series and the forecast says so. Issuing the same inputs at the same
instant again appends nothing.`,
  async run(args, io, config) {
    const { values, positionals } = parseCliArgs(args, {
      portfolio: { type: 'string' },
      day: { type: 'string' },
      interval: { type: 'string' },
      'issued-at': { type: 'string' },
      json: { type: 'boolean' },
    });
    if (positionals.length > 0) throw new CliUsageError('no positional arguments expected');
    const portfolioId = required(values.portfolio, '--portfolio');
    const tradingDay = required(values.day, '--day');
    const intervalMinutes = positiveInteger(values.interval, '--interval');
    return withApplication(config, io, async (app) => {
      const issued = await app.get(ForecastIssuingService).issue(
        {
          portfolioId,
          tradingDay,
          ...(intervalMinutes === undefined ? {} : { intervalMinutes }),
          ...(values['issued-at'] === undefined ? {} : { issuedAt: values['issued-at'] }),
        },
        cliMeta(io),
      );
      if (values.json === true) {
        io.out(
          toJson({
            portfolioId,
            tradingDay,
            streamId: issued.streamId,
            appended: issued.outcome.events.length > 0,
            ...forecastSummary(issued.forecast),
          }),
        );
        return EXIT.ok;
      }
      const view = await app
        .get(QueryBus)
        .execute(new GetForecastQuery(portfolioId, tradingDay, issued.forecast.version));
      io.out(
        [
          issued.outcome.events.length > 0
            ? `issued version ${issued.forecast.version} on ${issued.streamId}`
            : `version ${issued.forecast.version} on ${issued.streamId} already holds this forecast`,
          ...forecastLines(view),
        ].join('\n'),
      );
      return EXIT.ok;
    });
  },
};

export const forecastShowCommand: CliCommand = {
  path: ['forecast', 'show'],
  summary: "print a portfolio's forecast for a trading day (latest version, or --version)",
  usage: `usage: gridfolio forecast show --portfolio <id> --day YYYY-MM-DD [--version N] [--json]

--json  the version with its series, totals and KPX submissions as JSON`,
  async run(args, io, config) {
    const { values, positionals } = parseCliArgs(args, {
      portfolio: { type: 'string' },
      day: { type: 'string' },
      version: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (positionals.length > 0) throw new CliUsageError('no positional arguments expected');
    const portfolioId = required(values.portfolio, '--portfolio');
    const tradingDay = required(values.day, '--day');
    const version = positiveInteger(values.version, '--version');
    return withApplication(config, io, async (app) => {
      const view = await app
        .get(QueryBus)
        .execute(new GetForecastQuery(portfolioId, tradingDay, version));
      io.out(values.json === true ? toJson(view) : forecastLines(view).join('\n'));
      return EXIT.ok;
    });
  },
};
