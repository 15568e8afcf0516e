import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DateTime } from 'luxon';
import { isMarketId, type MarketId } from '../../domain/market/market-rules.js';
import { isDomainError } from '../../domain/shared/domain-error.js';
import { MERIT_ORDER_COVERAGE } from '../../market-adapters/kpx-sim/merit-order-inputs.js';
import { openKpxSim } from '../../market-adapters/kpx-sim/open-kpx-sim.js';
import {
  isPriceMode,
  PRICE_MODES,
  type PriceMode,
} from '../../market-adapters/kpx-sim/price-mode.js';
import { marketAdapterConfig } from '../bids/market-adapter/market-adapter-config.js';
import { TradingDay } from '../../domain/shared/time/trading-day.js';
import { AppModule } from '../app.module.js';
import type { AppConfig } from '../config/app-config.js';
import { CliUsageError, parseCliArgs, positiveInteger, toJson } from '../cli/cli-args.js';
import { EXIT, type CliCommand, type CliIo } from '../cli/cli-command.js';
import { stderrProgressSink, type ProgressSink } from '../cli/progress-bar.js';
import { resolveDataFile } from '../forecasting/data-files/kpx-data-files.js';
import { readHourlyCsvFile } from '../forecasting/data-files/hourly-csv.reader.js';
import { SimulatedClock } from '../infrastructure/clock/simulated-clock.js';
import { AggregateReader } from '../infrastructure/command-handling/aggregate-reader.js';
import { EVENT_STORE, type EventStore } from '../infrastructure/event-store/event-store.port.js';
import { createGlpkSolver } from '../infrastructure/solvers/worker-milp-solver.js';
import type { MilpSolver } from '../../domain/optimisation/milp-solver.port.js';
import { DayProgress } from './day-progress.js';
import { lookAheadDayOf } from './look-ahead-day.js';
import { readSimulationSummary } from './read-simulation-summary.js';
import { ResumableIdGenerator } from './resumable-id-generator.js';
import {
  SimulationService,
  type SimulationSettings,
  type StepReport,
} from './simulation.service.js';
import { SIMULATION_DAY_SCHEMAS } from './simulation-day.events.js';
import { summaryTable } from './simulation-summary.js';
import {
  parseStrategyArgs,
  STRATEGY_ARG_SPECS,
  STRATEGY_USAGE,
} from './strategies/strategy-args.js';

export const SIMULATE_DEFAULTS = {
  days: 7,
  from: '2024-06-03',
  market: 'mainland' as MarketId,
  seed: 'gridfolio',
  scenarios: 5,
  store: './data/simulation',
  portfolio: 'kt-vpp',
  nodeLimit: 100_000,
  pvRelativeStd: 0.15,
  loadRelativeStd: 0.05,
} as const;

const usage = `usage: gridfolio simulate [--days N] [--from YYYY-MM-DD] [--market mainland|jeju]
         [--seed S] [--scenarios N] [--price-mode historical|merit-order]
         [--strategy optimised|pv-as-forecast|fixed-rule] [--penalty-factor F]
         [--portfolio demo|scale-<N>] [--store <folder>] [--fresh] [--json]

Runs the day-ahead business on a simulated clock for N trading days from --from: at D-1 09:00 KST
the forecasts and SMP scenarios as known then and the bid (stochastic MILP), at 09:30 the
submission to the in-process simulated KPX (see --price-mode), at 15:00 the awards, and at the end
of D the digital twin's delivery with seeded forecast error. An empty store gets the demo fixture.
Re-running continues from the store; every id and timestamp comes from the seed and the clock.
  --days N        trading days (default ${SIMULATE_DEFAULTS.days})
  --from          the first trading day (default ${SIMULATE_DEFAULTS.from})
  --market        mainland (default) or jeju (the Jeju pilot rules)
  --seed          seeds ids, SMP scenarios and the twin's noise (default ${SIMULATE_DEFAULTS.seed})
  --scenarios N   SMP scenarios per day (default ${SIMULATE_DEFAULTS.scenarios})
  --price-mode    how the simulated KPX forms prices: historical (replays the SMP) or
                  merit-order (2024 mainland fleet model, the VPP's bids take part); recorded
                  in the exchange's database (default: what it recorded, else historical)
${STRATEGY_USAGE}
  --store         folder of the run's event store, read models and exchange
                  (default ${SIMULATE_DEFAULTS.store}; the main store is never touched)
  --fresh         delete the run's files in --store first and start over
  --json          print the summary as JSON
Progress goes to stderr, the summary to stdout. Exit code 0: done; 2: bad input.`;

/** The files a run keeps in its folder (and `--fresh` deletes): SQLite databases and journals. */
const STORE_FILES = ['events.db', 'read-models.db', 'kpx-sim.db'];
const JOURNALS = ['', '-wal', '-shm', '-journal'];

export interface SimulateOptions extends SimulationSettings {
  readonly store: string;
  /** Unset: the mode the run's exchange recorded, historical for a new one. */
  readonly priceMode?: PriceMode;
  /** Unset: the configured DEVIATION_PENALTY_SMP_FACTOR. */
  readonly penaltySmpFactor?: number;
  readonly fresh: boolean;
  readonly json: boolean;
}

export const parseSimulateArgs = (args: readonly string[], cwd: string): SimulateOptions => {
  const { values, positionals } = parseCliArgs(args, {
    days: { type: 'string' },
    from: { type: 'string' },
    market: { type: 'string' },
    seed: { type: 'string' },
    scenarios: { type: 'string' },
    'price-mode': { type: 'string' },
    ...STRATEGY_ARG_SPECS,
    store: { type: 'string' },
    fresh: { type: 'boolean' },
    json: { type: 'boolean' },
  });
  if (positionals.length > 0)
    throw new CliUsageError(`unexpected argument ${JSON.stringify(positionals[0])}`);
  const market = values.market ?? SIMULATE_DEFAULTS.market;
  if (!isMarketId(market))
    throw new CliUsageError(`--market expects mainland or jeju, got ${JSON.stringify(market)}`);
  let from: TradingDay;
  try {
    from = TradingDay.parse(values.from ?? SIMULATE_DEFAULTS.from);
  } catch {
    throw new CliUsageError(`--from expects a day YYYY-MM-DD, got ${JSON.stringify(values.from)}`);
  }
  const count = positiveInteger(values.days, '--days') ?? SIMULATE_DEFAULTS.days;
  const seed = values.seed ?? SIMULATE_DEFAULTS.seed;
  if (seed.trim() === '') throw new CliUsageError('--seed must not be blank');
  const days = Array.from({ length: count }, (_, i) => from.plusDays(i));
  const priceMode = values['price-mode'];
  if (priceMode !== undefined && !isPriceMode(priceMode))
    throw new CliUsageError(
      `--price-mode expects ${PRICE_MODES.join(' or ')}, got ${JSON.stringify(priceMode)}`,
    );
  if (priceMode === 'merit-order') {
    if (market !== 'mainland')
      throw new CliUsageError(
        '--price-mode merit-order models the mainland only: use --market mainland',
      );
    const { first, last } = MERIT_ORDER_COVERAGE;
    const outside = days.find((d) => d.epochDay < first.epochDay || d.epochDay > last.epochDay);
    if (outside !== undefined)
      throw new CliUsageError(
        `--price-mode merit-order has data for ${first.toString()}..${last.toString()} only, not ${outside.toString()}`,
      );
  }
  const { fixture, ...strategy } = parseStrategyArgs(values, seed);
  return {
    portfolioId: fixture.rootPortfolioId,
    fixture,
    ...strategy,
    market,
    days,
    seed,
    scenarios: positiveInteger(values.scenarios, '--scenarios') ?? SIMULATE_DEFAULTS.scenarios,
    nodeLimit: SIMULATE_DEFAULTS.nodeLimit,
    pvRelativeStd: SIMULATE_DEFAULTS.pvRelativeStd,
    loadRelativeStd: SIMULATE_DEFAULTS.loadRelativeStd,
    store: resolve(cwd, values.store ?? SIMULATE_DEFAULTS.store),
    fresh: values.fresh === true,
    json: values.json === true,
    ...(priceMode === undefined ? {} : { priceMode }),
  };
};

/**
 * The run's own configuration: its event store, read models and (beside them, as the market
 * adapter places it) the simulated exchange's database in `--store`; no periodic anchors, whose
 * number would depend on how long the run takes (the store anchors its tail when it closes).
 */
export const simulationConfig = (config: AppConfig, store: string): AppConfig => ({
  ...config,
  eventStore: 'sqlite',
  sqlitePath: join(store, 'events.db'),
  readModelPath: join(store, 'read-models.db'),
  anchorIntervalSeconds: 86_400,
});

export const deleteRunFiles = (store: string): void => {
  for (const file of STORE_FILES)
    for (const suffix of JOURNALS) rmSync(join(store, file + suffix), { force: true });
};

/**
 * The embedded simulated KPX (src/bids/market-adapter/) opens its database with the mode recorded
 * there, so the mode is chosen by opening that database once with it first, with the same path,
 * data and seed the adapter will use; a database started in another mode is refused.
 */
const recordPriceMode = (config: AppConfig, store: string, priceMode: PriceMode): void => {
  const adapter = marketAdapterConfig(simulationConfig(config, store));
  if (adapter.kind !== 'kpx-sim-in-process') throw new Error('simulate needs the in-process KPX');
  try {
    openKpxSim({
      dbPath: adapter.dbPath,
      dataPath: adapter.dataPath,
      seed: adapter.seed,
      priceMode,
    }).close();
  } catch (error) {
    if (isDomainError(error) && error.code === 'KPXSIM.CONFIG_MISMATCH')
      throw new CliUsageError(
        `--store ${store} holds an exchange started with other settings (${error.message}); use --fresh or another --store`,
      );
    throw error;
  }
};

/** How many events the store holds and the latest simulated instant any of them records. */
const storeExtent = async (
  store: EventStore,
): Promise<{ readonly events: number; readonly latest: DateTime | undefined }> => {
  let events = 0;
  let latest: string | undefined;
  for await (const event of store.readAll()) {
    events++;
    const at = event.metadata['occurredAt'];
    if (typeof at === 'string' && (latest === undefined || at > latest)) latest = at;
  }
  return { events, latest: latest === undefined ? undefined : DateTime.fromISO(latest) };
};

export interface SimulateRunOptions {
  readonly cwd?: string;
  readonly progress?: ProgressSink;
  /** A solver the caller owns (and closes); default a glpk.js worker, closed at the end. */
  readonly solver?: MilpSolver;
  /** Told of every step as it ends (benchmarks time the stages from it). */
  readonly onStep?: (report: StepReport) => void;
  /** Told when the portfolio is in the store and the first step is about to run. */
  readonly onReady?: () => void;
}

/** The whole command, also for tests: returns the exit code. */
export const runSimulate = async (
  args: readonly string[],
  io: CliIo,
  config: AppConfig,
  options: SimulateRunOptions = {},
): Promise<number> => {
  const cwd = options.cwd ?? process.cwd();
  const parsed = parseSimulateArgs(args, cwd);
  const { kpxUrl, kpxSimDbPath } = config.marketAdapter;
  for (const [name, value] of [
    ['KPX_URL', kpxUrl],
    ['KPX_SIM_DB', kpxSimDbPath],
  ] as const)
    if (value !== undefined)
      throw new CliUsageError(
        `${name} is set: simulate runs its own in-process simulated KPX in --store; unset ${name}`,
      );
  // The run's files share names with the main store's (read-models.db, kpx-sim.db): never there.
  for (const main of [config.sqlitePath, config.readModelPath])
    if (main !== ':memory:' && dirname(resolve(main)) === parsed.store)
      throw new CliUsageError(
        `--store ${parsed.store} holds the main event store or read models (${main}); ` +
          'give the simulation a folder of its own',
      );
  if (parsed.fresh) deleteRunFiles(parsed.store);
  // The SQLite adapter creates the database file, not its folder.
  mkdirSync(parsed.store, { recursive: true });
  if (parsed.priceMode !== undefined) recordPriceMode(config, parsed.store, parsed.priceMode);

  const smpFile = resolveDataFile('price', parsed.market, undefined, cwd);
  const smp = (await readHourlyCsvFile(smpFile.path, [smpFile.column])).series[smpFile.column];
  if (smp === undefined) throw new Error(`no ${smpFile.column} series in ${smpFile.path}`);

  const first = parsed.days[0];
  if (first === undefined) throw new CliUsageError('--days must be at least 1');
  // Start at D-1 00:00 KST of the first day, before its gate: the fixture's memberships start on
  // the first open trading day, which is then that day.
  const clock = new SimulatedClock(first.previous().startUtc);
  const ids = new ResumableIdGenerator(parsed.seed);
  const app: INestApplicationContext = await NestFactory.createApplicationContext(
    AppModule.forRoot(simulationConfig(config, parsed.store), {
      clock,
      ids,
      schemas: SIMULATION_DAY_SCHEMAS,
    }),
    { logger: false },
  );
  const owned = options.solver === undefined ? createGlpkSolver() : undefined;
  const solver = options.solver ?? owned;
  if (solver === undefined) throw new Error('no solver');
  const bar = new DayProgress(
    options.progress ?? stderrProgressSink(),
    parsed.days.map((d) => d.toString()),
  );
  try {
    // A continued run picks up the simulated time where the store left it: it never goes back.
    const extent = await storeExtent(app.get<EventStore>(EVENT_STORE));
    ids.continueAfter(extent.events);
    if (extent.latest !== undefined) clock.advanceTo(extent.latest);
    const lookAheadDay = lookAheadDayOf(parsed.days, smp, parsed.priceMode);
    const settings = { ...parsed, ...(lookAheadDay === undefined ? {} : { lookAheadDay }) };
    const service = new SimulationService(app, clock, smp, solver, settings);
    await service.ensurePortfolio();
    options.onReady?.();
    bar.start();
    await service.run((report) => {
      bar.step(report);
      options.onStep?.(report);
    });
    bar.finish();
    const summary = await readSimulationSummary(
      app.get(AggregateReader),
      parsed.portfolioId,
      parsed.market,
      parsed.days,
      parsed.penaltySmpFactor ?? config.deviationPenalty.smpFactor,
    );
    io.out(parsed.json ? toJson(summary) : summaryTable(summary));
    return EXIT.ok;
  } catch (error) {
    bar.finish();
    if (!isDomainError(error)) throw error;
    const { code, field, message } = error;
    io.err(JSON.stringify({ error: { code, ...(field === undefined ? {} : { field }), message } }));
    return EXIT.badInput;
  } finally {
    await owned?.close();
    await app.close();
  }
};

export const simulateCommand: CliCommand = {
  path: ['simulate'],
  summary: 'simulate trading days end to end on a simulated clock (forecast, bid, KPX, twin)',
  usage,
  run: (args, io, config) => runSimulate(args, io, config),
};
