import { verdict, type BenchResults, type TableRow } from '../support/bench-report.js';
import type { MachineFacts } from '../support/machine-facts.js';
import { rate, type Timing } from '../support/measure.js';
import type { AppendSample } from './append-throughput.js';
import type { StoreBenchOptions } from './bench-options.js';
import type { StoreKind } from './bench-stores.js';
import { STREAM_COUNT } from './bench-events.js';
import type { AppendMeasures, BigStoreMeasures } from './store-measures.js';

/** Targets of issue 2 on the 2-core machine. */
export const STORE_TARGETS = {
  appendEventsPerSecBatch1: 10_000,
  appendEventsPerSecBatch100: 60_000,
  replayEventsPerSec: 300_000,
  verifyEventsPerSec: 150_000,
} as const;

type Counted = Timing & { readonly events: number };

/** A measure's figure: events per wall-clock second, and per CPU-second of the process. */
interface Figure {
  readonly perSec: number;
  readonly perCpuSec: number;
}

const figure = ({ events, seconds, cpuSeconds }: Counted): Figure => ({
  perSec: rate(events, seconds),
  perCpuSec: rate(events, cpuSeconds),
});

const sample = (measures: AppendMeasures, batch: number, kind: StoreKind): AppendSample => {
  const found = measures.get(batch)?.get(kind);
  if (found === undefined) throw new Error(`no ${kind} sample for batches of ${batch}`);
  return found;
};

/** Seconds per append of `kind` over seconds per append of `base`, same events, same batches. */
const costRatio = (
  measures: AppendMeasures,
  batch: number,
  kind: StoreKind,
  base: StoreKind,
): number => {
  const a = sample(measures, batch, kind);
  const b = sample(measures, batch, base);
  return Math.round((a.seconds / a.appends / (b.seconds / b.appends)) * 100) / 100;
};

export interface StoreFigures {
  readonly append: Readonly<Record<1 | 10 | 100, Figure>>;
  readonly rawAppend: Readonly<Record<1 | 10 | 100, Figure>>;
  readonly build: Figure;
  readonly replay: Figure;
  readonly verify: Figure;
  readonly verifyThroughPort: Figure;
  readonly rebuild: Figure;
  readonly esdb: Readonly<Record<1 | 100, Figure>>;
  readonly sqliteInEsdbComparison: Readonly<Record<1 | 100, Figure>>;
  readonly esdbOverhead: Readonly<Record<1 | 100, number>>;
  readonly chainCost: Readonly<Record<1 | 10 | 100, number>>;
}

export type AppendFigures = Pick<StoreFigures, 'append' | 'rawAppend' | 'chainCost'>;

export const appendFigures = (appends: AppendMeasures): AppendFigures => {
  const chained = (n: number): Figure => figure(sample(appends, n, 'chained'));
  const raw = (n: number): Figure => figure(sample(appends, n, 'raw'));
  const chainCost = (n: number): number => costRatio(appends, n, 'chained', 'raw');
  return {
    append: { 1: chained(1), 10: chained(10), 100: chained(100) },
    rawAppend: { 1: raw(1), 10: raw(10), 100: raw(100) },
    chainCost: { 1: chainCost(1), 10: chainCost(10), 100: chainCost(100) },
  };
};

export const storeFigures = (
  appends: AppendMeasures,
  esdb: AppendMeasures,
  big: BigStoreMeasures,
): StoreFigures => {
  const esdbOf = (n: number): Figure => figure(sample(esdb, n, 'esdb'));
  const sqliteOf = (n: number): Figure => figure(sample(esdb, n, 'raw'));
  const esdbCost = (n: number): number => costRatio(esdb, n, 'esdb', 'raw');
  return {
    ...appendFigures(appends),
    build: figure(big.build),
    replay: figure(big.replay),
    verify: figure(big.verify),
    verifyThroughPort: figure(big.verifyThroughPort),
    rebuild: figure(big.rebuild),
    esdb: { 1: esdbOf(1), 100: esdbOf(100) },
    sqliteInEsdbComparison: { 1: sqliteOf(1), 100: sqliteOf(100) },
    esdbOverhead: { 1: esdbCost(1), 100: esdbCost(100) },
  };
};

const perSec = 'events/s';

const figureRow = (label: string, value: Figure, target?: number): TableRow => ({
  label,
  value: value.perSec,
  unit: perSec,
  perCpuSecond: value.perCpuSec,
  ...(target === undefined ? {} : { target }),
});

const ratioRow = (label: string, value: number): TableRow => ({ label, value, unit: 'x' });

/** The append rows, the first rows of the full table and the whole table of `--appends`. */
export const appendTable = (f: AppendFigures): TableRow[] => [
  figureRow('append, chained, batch 1', f.append[1], STORE_TARGETS.appendEventsPerSecBatch1),
  figureRow('append, chained, batch 10', f.append[10]),
  figureRow('append, chained, batch 100', f.append[100], STORE_TARGETS.appendEventsPerSecBatch100),
  figureRow('append, raw SQLite, batch 1', f.rawAppend[1]),
  figureRow('append, raw SQLite, batch 10', f.rawAppend[10]),
  figureRow('append, raw SQLite, batch 100', f.rawAppend[100]),
  ratioRow('chain cost: time chained / raw, batch 1', f.chainCost[1]),
  ratioRow('chain cost: time chained / raw, batch 100', f.chainCost[100]),
];

export const storeTable = (
  f: StoreFigures,
  big: BigStoreMeasures,
  options: StoreBenchOptions,
): TableRow[] => {
  const n = big.replay.events.toLocaleString('en-US');
  const row = figureRow;
  const ratio = ratioRow;
  return [
    ...appendTable(f),
    row(`build of the ${n}-event store, chained, batch 100`, f.build),
    row(`replay (readAll) of ${n} events`, f.replay, STORE_TARGETS.replayEventsPerSec),
    row(
      `verify, ${options.verifyWorkers} worker threads`,
      f.verify,
      STORE_TARGETS.verifyEventsPerSec,
    ),
    row('verify through the port, 1 thread', f.verifyThroughPort),
    row('rebuild stream catalogue from 0', f.rebuild),
    ratio('ESDB adapter / SQLite, time per append, batch 1', f.esdbOverhead[1]),
    ratio('ESDB adapter / SQLite, time per append, batch 100', f.esdbOverhead[100]),
    row('ESDB adapter (test server), batch 1', f.esdb[1]),
    row('ESDB adapter (test server), batch 100', f.esdb[100]),
  ];
};

export interface StoreRunFacts {
  readonly figures: StoreFigures;
  readonly big: BigStoreMeasures;
  readonly options: StoreBenchOptions;
  readonly rows: readonly TableRow[];
  readonly machine: MachineFacts;
  readonly loadBefore: readonly number[];
  readonly loadAfter: readonly number[];
  readonly startedAt: Date;
  readonly seconds: number;
  readonly command: string;
}

/** The append figures of bench/results/store.json (and of store-appends.json, `--appends`). */
export const appendResults = (f: AppendFigures): BenchResults => {
  const results: Record<string, number> = {};
  for (const batch of [1, 10, 100] as const) {
    results[`appendEventsPerSecBatch${batch}`] = f.append[batch].perSec;
    results[`rawAppendEventsPerSecBatch${batch}`] = f.rawAppend[batch].perSec;
    results[`chainCostRatioBatch${batch}`] = f.chainCost[batch];
    results[`appendEventsPerCpuSecBatch${batch}`] = f.append[batch].perCpuSec;
    results[`rawAppendEventsPerCpuSecBatch${batch}`] = f.rawAppend[batch].perCpuSec;
  }
  return results;
};

/** The flat JSON object of bench/results/store.json: every key names its unit. */
export const storeResults = (run: StoreRunFacts): BenchResults => {
  const { figures: f, big, options, loadBefore, loadAfter } = run;
  const missed = run.rows.filter((row) => verdict(row) === 'MISS').map((row) => row.label);
  return {
    name: 'store',
    mode: options.quick ? 'quick' : 'full',
    date: run.startedAt.toISOString(),
    command: run.command,
    replayEventsPerSec: f.replay.perSec,
    verifyEventsPerSec: f.verify.perSec,
    rebuildEventsPerSec: f.rebuild.perSec,
    ...appendResults(f),
    eventStoreDbAdapterOverheadRatio: f.esdbOverhead[1],
    eventStoreDbAdapterOverheadRatioBatch100: f.esdbOverhead[100],
    verifySingleThreadEventsPerSec: f.verifyThroughPort.perSec,
    buildEventsPerSecBatch100: f.build.perSec,
    eventStoreDbAppendEventsPerSecBatch1: f.esdb[1].perSec,
    eventStoreDbAppendEventsPerSecBatch100: f.esdb[100].perSec,
    sqliteAppendEventsPerSecBatch1InEsdbComparison: f.sqliteInEsdbComparison[1].perSec,
    sqliteAppendEventsPerSecBatch100InEsdbComparison: f.sqliteInEsdbComparison[100].perSec,
    replayEventsPerCpuSec: f.replay.perCpuSec,
    verifyEventsPerCpuSec: f.verify.perCpuSec,
    verifySingleThreadEventsPerCpuSec: f.verifyThroughPort.perCpuSec,
    rebuildEventsPerCpuSec: f.rebuild.perCpuSec,
    storeEventCount: big.replay.events,
    storeBytesPerEventAvg: big.bytesPerEvent,
    storeFileMiB: big.fileMiB,
    buildCloseAnchorSeconds: Math.round(big.buildCloseSeconds * 100) / 100,
    appendEventCountBatch1: options.appendEvents[1],
    appendEventCountBatch10: options.appendEvents[10],
    appendEventCountBatch100: options.appendEvents[100],
    streamCount: STREAM_COUNT,
    runsPerMeasurement: options.runs,
    verifyWorkers: options.verifyWorkers,
    eventStoreDbServer:
      'in-memory gRPC test server in the same process (test/support/esdb-test-server)',
    targetsMissed: missed.join('; '),
    ...run.machine,
    loadAverage1mBefore: loadBefore[0] ?? 0,
    loadAverage5mBefore: loadBefore[1] ?? 0,
    loadAverage15mBefore: loadBefore[2] ?? 0,
    loadAverage1mAfter: loadAfter[0] ?? 0,
    loadAverage5mAfter: loadAfter[1] ?? 0,
    loadAverage15mAfter: loadAfter[2] ?? 0,
    totalSeconds: Math.round(run.seconds),
  };
};

export type AppendRunFacts = Omit<StoreRunFacts, 'figures' | 'big'> & {
  readonly figures: AppendFigures;
};

/** bench/results/store-appends.json: what `--appends` measured, with the run's facts. */
export const appendRunResults = (run: AppendRunFacts): BenchResults => {
  const { options, loadBefore, loadAfter } = run;
  const missed = run.rows.filter((row) => verdict(row) === 'MISS').map((row) => row.label);
  return {
    name: 'store-appends',
    mode: options.quick ? 'quick' : 'full',
    date: run.startedAt.toISOString(),
    command: run.command,
    ...appendResults(run.figures),
    appendEventCountBatch1: options.appendEvents[1],
    appendEventCountBatch10: options.appendEvents[10],
    appendEventCountBatch100: options.appendEvents[100],
    streamCount: STREAM_COUNT,
    runsPerMeasurement: options.runs,
    targetsMissed: missed.join('; '),
    ...run.machine,
    loadAverage1mBefore: loadBefore[0] ?? 0,
    loadAverage1mAfter: loadAfter[0] ?? 0,
    totalSeconds: Math.round(run.seconds),
  };
};
