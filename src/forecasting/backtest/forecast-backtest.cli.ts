import { isDomainError } from '../../../domain/shared/domain-error.js';
import { TradingDay } from '../../../domain/shared/time/trading-day.js';
import type { AppConfig } from '../../config/app-config.js';
import { CliUsageError, parseCliArgs, toJson } from '../../cli/cli-args.js';
import { EXIT, type CliCommand, type CliIo } from '../../cli/cli-command.js';
import { ProgressBar, stderrProgressSink, type ProgressSink } from '../../cli/progress-bar.js';
import {
  FORECAST_KINDS,
  SMP_MARKETS,
  type ForecastKind,
  type SmpMarket,
} from '../data-files/kpx-data-files.js';
import { writeFileAtomically } from './atomic-write.js';
import { modelFor } from './backtest-models.js';
import { formatReport } from './backtest-report.js';
import { forecastBacktest } from './forecast-backtest.js';

const usage = `usage: gridfolio forecast backtest --kind pv|load|price [--from YYYY-MM-DD] [--to YYYY-MM-DD]
         [--data <file|folder>] [--market mainland|jeju] [--capacity-mw N] [--json] [--out file.json]

Runs the day-ahead model of a kind and two baselines (persistence: same hour yesterday;
climatology: same hour, same month) over every day from..to, each day seeing only the days
before it, and scores them on the hours all of them forecast. Hours without data or without a
forecast from every method are skipped and counted (skippedHours).
  --kind         pv (KPX error rate, incentive, NMAE), load (MAE, MAPE, NMAE) or price (MAE, MAPE,
                 RMSE, pinball loss of the quantiles)
  --from, --to   first and last target day (KST); default: the whole file
  --data         an hourly CSV, or a folder with the standard file names; default ../shared/data/kpx
                 (formats: src/forecasting/data-files/FORMATS.md)
  --market       price only: the SMP series, mainland (default) or jeju
  --capacity-mw  pv only: capacity C of the error rate; default the series' maximum over the file
  --json         print one JSON object instead of the table
  --out          also write that JSON object to a file (atomically: all or nothing)
Progress goes to stderr, results to stdout. Exit code 0: done; 2: bad input (options, data file).`;

const oneOf = <T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  flag: string,
): T | undefined => {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value))
    throw new CliUsageError(
      `${flag} expects ${allowed.join(' or ')}, got ${JSON.stringify(value)}`,
    );
  return value as T;
};

const dayOption = (value: string | undefined, flag: string): TradingDay | undefined => {
  if (value === undefined) return undefined;
  try {
    return TradingDay.parse(value);
  } catch {
    throw new CliUsageError(
      `${flag} expects an existing date YYYY-MM-DD, got ${JSON.stringify(value)}`,
    );
  }
};

const positiveNumber = (value: string | undefined, flag: string): number | undefined => {
  if (value === undefined) return undefined;
  const parsed = /^\d+(\.\d+)?$/.test(value) ? Number(value) : Number.NaN;
  if (!(parsed > 0))
    throw new CliUsageError(`${flag} expects a positive number, got ${JSON.stringify(value)}`);
  return parsed;
};

/** Progress on the terminal when stderr is one; plain lines through the command's stderr otherwise. */
const progressSink = (io: CliIo): ProgressSink => {
  const terminal = stderrProgressSink();
  return terminal.isTty
    ? terminal
    : { isTty: false, write: (text) => io.err(text.replace(/\n$/, '')) };
};

export const forecastBacktestCommand: CliCommand = {
  path: ['forecast', 'backtest'],
  summary: 'score a day-ahead model against persistence and climatology on hourly data',
  usage,
  async run(args: readonly string[], io: CliIo, _config: AppConfig): Promise<number> {
    const { values, positionals } = parseCliArgs(args, {
      kind: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      data: { type: 'string' },
      market: { type: 'string' },
      'capacity-mw': { type: 'string' },
      json: { type: 'boolean' },
      out: { type: 'string' },
    });
    if (positionals.length > 0)
      throw new CliUsageError(`unexpected argument ${JSON.stringify(positionals[0])}`);
    const kind = oneOf<ForecastKind>(values.kind, FORECAST_KINDS, '--kind');
    if (kind === undefined) throw new CliUsageError('--kind is required');
    const market = oneOf<SmpMarket>(values.market, SMP_MARKETS, '--market');
    if (market !== undefined && kind !== 'price')
      throw new CliUsageError('--market applies to --kind price only');
    const capacityMw = positiveNumber(values['capacity-mw'], '--capacity-mw');
    if (capacityMw !== undefined && kind !== 'pv')
      throw new CliUsageError('--capacity-mw applies to --kind pv only');
    const from = dayOption(values.from, '--from');
    const to = dayOption(values.to, '--to');
    if (from !== undefined && to !== undefined && to.isBefore(from))
      throw new CliUsageError(`--from ${from.toString()} is after --to ${to.toString()}`);
    if (values.out === '') throw new CliUsageError('--out expects a file path');

    let bar: ProgressBar | undefined;
    let text: string;
    try {
      const report = await forecastBacktest({
        kind,
        market: market ?? 'mainland',
        ...(from === undefined ? {} : { from }),
        ...(to === undefined ? {} : { to }),
        ...(values.data === undefined ? {} : { data: values.data }),
        ...(capacityMw === undefined ? {} : { capacityMw }),
        cwd: process.cwd(),
        model: modelFor,
        onPeriod: (days) => {
          bar = new ProgressBar(progressSink(io), {
            label: `backtest ${kind}`,
            total: days,
            unit: 'days',
          });
          bar.update(0);
        },
        onDay: (done) => bar?.update(done),
      });
      bar?.finish();
      text = toJson(report);
      if (values.out !== undefined) writeFileAtomically(values.out, `${text}\n`);
      io.out(values.json === true ? text : formatReport(report));
    } catch (error) {
      bar?.finish();
      if (isDomainError(error)) {
        io.err(`gridfolio forecast backtest: ${error.code}: ${error.message}`);
        return EXIT.badInput;
      }
      if ((error as NodeJS.ErrnoException).syscall !== undefined && values.out !== undefined) {
        io.err(
          `gridfolio forecast backtest: cannot write ${values.out}: ${(error as Error).message}`,
        );
        return EXIT.badInput;
      }
      throw error;
    }
    return EXIT.ok;
  },
};
