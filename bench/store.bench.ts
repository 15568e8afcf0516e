/**
 * The event store benchmark (issue 2, item 10): append throughput through the production path
 * (chained) and the raw SQLite adapter, replay, audit verification and projection rebuild over a
 * big store, and the EventStoreDB adapter's cost per append relative to SQLite's.
 * Run: `npm run bench:store` (see STORE_BENCH_USAGE); figures in bench/results/store.json.
 */
import { appendMeasures, bigStoreMeasures, esdbMeasures } from './store/store-measures.js';
import { parseStoreBenchOptions, STORE_BENCH_USAGE } from './store/bench-options.js';
import { ScratchDirectory } from './store/bench-stores.js';
import {
  appendFigures,
  appendRunResults,
  appendTable,
  storeFigures,
  storeResults,
  storeTable,
} from './store/store-results.js';
import {
  formatTable,
  writeResults,
  type BenchResults,
  type TableRow,
} from './support/bench-report.js';
import { loadAverages, machineFacts } from './support/machine-facts.js';

const main = async (): Promise<void> => {
  const argv = process.argv.slice(2);
  if (argv.includes('--help')) {
    console.log(STORE_BENCH_USAGE);
    return;
  }
  const options = parseStoreBenchOptions(argv, process.env);
  const machine = machineFacts();
  const loadBefore = loadAverages();
  const startedAt = new Date();
  console.log(
    `store benchmark (${options.quick ? 'quick' : 'full'}${options.appendsOnly ? ', appends only' : ''}): ${machine.machineCpuModel}, ` +
      `${machine.machineCores} cores, Node ${machine.nodeVersion}, load ${loadBefore.join(' ')}`,
  );
  if ((globalThis as { gc?: unknown }).gc === undefined) {
    console.log(
      'note: run with node --expose-gc (npm run bench:store does) to collect between runs',
    );
  }
  ScratchDirectory.removeAbandoned();
  const scratch = new ScratchDirectory();
  const command = `npm run bench:store${argv.length > 0 ? ` -- ${argv.join(' ')}` : ''}`;
  /** Prints the table, writes `name`.json and says where, with the run's facts. */
  const finish = (
    name: string,
    rows: readonly TableRow[],
    results: (facts: { loadAfter: readonly number[]; seconds: number }) => BenchResults,
  ): void => {
    console.log(`\n${formatTable(rows)}\n`);
    const loadAfter = loadAverages();
    const seconds = (Date.now() - startedAt.getTime()) / 1000;
    const path = writeResults(name, results({ loadAfter, seconds }));
    console.log(`load average after: ${loadAfter.join(' ')}; ${Math.round(seconds)} s in all`);
    console.log(`figures written to ${path}`);
  };
  const run = { options, machine, loadBefore, startedAt, command };
  try {
    const appends = await appendMeasures(options, scratch);
    if (options.appendsOnly) {
      const figures = appendFigures(appends);
      const rows = appendTable(figures);
      finish('store-appends', rows, (facts) =>
        appendRunResults({ ...run, ...facts, figures, rows }),
      );
      return;
    }
    const esdb = await esdbMeasures(options, scratch);
    const big = await bigStoreMeasures(options, scratch);
    const figures = storeFigures(appends, esdb, big);
    const rows = storeTable(figures, big, options);
    console.log(
      'EventStoreDB figures are against the in-memory gRPC test server running in this same ' +
        'process (no real server can run here): they measure the adapter, client and wire ' +
        'encoding, not EventStoreDB itself.',
    );
    finish(options.quick ? 'store-quick' : 'store', rows, (facts) =>
      storeResults({ ...run, ...facts, figures, big, rows }),
    );
  } finally {
    scratch.remove();
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
