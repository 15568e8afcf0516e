import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { isMarketId } from '../../domain/market/market-rules.js';
import { TradingDay } from '../../domain/shared/time/trading-day.js';
import type { AppConfig } from '../config/app-config.js';
import { CliUsageError, parseCliArgs } from '../cli/cli-args.js';
import { EXIT, type CliCommand, type CliIo } from '../cli/cli-command.js';
import { SIMULATE_DEFAULTS } from '../simulation/simulate.cli.js';
import { NoSimulationError, readReportData } from './report-data.js';
import { reportPage } from './report-page.js';
import { regenerateSmpScenarios } from './smp-scenarios.js';

const usage = `usage: gridfolio report --day YYYY-MM-DD --out <file.html> [--store <folder>]
         [--portfolio ID] [--market mainland|jeju]

Writes one self-contained HTML file (inline CSS and SVG, nothing loaded from elsewhere) about one
trading day of a \`gridfolio simulate\` run: the bid curves of each interval, award vs delivery,
battery state of charge, SMP, revenue, PV forecast vs actual, and the table behind each chart.
Reads the run's store only.
  --day        the trading day (required)
  --out        the HTML file to write (required; replaced atomically)
  --store      the run's folder (default ${SIMULATE_DEFAULTS.store})
  --portfolio  default ${SIMULATE_DEFAULTS.portfolio}
  --market     mainland (default) or jeju
Exit code 0: written; 2: bad input or no simulation of that day in the store.`;

export interface ReportOptions {
  readonly day: string;
  readonly out: string;
  readonly store: string;
  readonly portfolioId: string;
  readonly market: string;
}

export const parseReportArgs = (args: readonly string[], cwd: string): ReportOptions => {
  const { values, positionals } = parseCliArgs(args, {
    day: { type: 'string' },
    out: { type: 'string' },
    store: { type: 'string' },
    portfolio: { type: 'string' },
    market: { type: 'string' },
  });
  if (positionals.length > 0)
    throw new CliUsageError(`unexpected argument ${JSON.stringify(positionals[0])}`);
  if (values.day === undefined) throw new CliUsageError('--day YYYY-MM-DD is required');
  let day: string;
  try {
    day = TradingDay.parse(values.day).toString();
  } catch {
    throw new CliUsageError(`--day expects a day YYYY-MM-DD, got ${JSON.stringify(values.day)}`);
  }
  if (values.out === undefined || values.out.trim() === '')
    throw new CliUsageError('--out <file.html> is required');
  const market = values.market ?? SIMULATE_DEFAULTS.market;
  if (!isMarketId(market))
    throw new CliUsageError(`--market expects mainland or jeju, got ${JSON.stringify(market)}`);
  const portfolioId = values.portfolio ?? SIMULATE_DEFAULTS.portfolio;
  if (portfolioId.trim() === '') throw new CliUsageError('--portfolio must not be blank');
  return {
    day,
    out: resolve(cwd, values.out),
    store: resolve(cwd, values.store ?? SIMULATE_DEFAULTS.store),
    portfolioId,
    market,
  };
};

/** Write to a temporary file beside the target, then rename: readers never see half a report. */
export const writeFileAtomically = (path: string, content: string): void => {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(temp, content, 'utf8');
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
};

/** The whole command, also for tests: returns the exit code. */
export const runReport = async (
  args: readonly string[],
  io: CliIo,
  config: AppConfig,
  cwd: string = process.cwd(),
): Promise<number> => {
  const options = parseReportArgs(args, cwd);
  let data;
  try {
    data = await readReportData(config, options);
  } catch (error) {
    if (!(error instanceof NoSimulationError)) throw error;
    io.err(`gridfolio report: ${error.message}`);
    return EXIT.badInput;
  }
  const smpScenarios = await regenerateSmpScenarios(
    data.bid?.draft.provenance,
    options.market,
    options.day,
    cwd,
  );
  writeFileAtomically(
    options.out,
    reportPage(smpScenarios === undefined ? data : { ...data, smpScenarios }),
  );
  io.out(`report of ${options.day} written to ${options.out}`);
  return EXIT.ok;
};

export const reportCommand: CliCommand = {
  path: ['report'],
  summary: 'write a self-contained HTML report of one simulated trading day',
  usage,
  run: (args, io, config) => runReport(args, io, config),
};
