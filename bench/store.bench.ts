/**
 * The event store benchmark (issue 2, item 10): append throughput through the production path
 * (chained) and the raw SQLite adapter, replay, audit verification and projection rebuild over a
 * big store, and the EventStoreDB adapter's cost per append relative to SQLite's.
 * Run: `npm run bench:store` (see STORE_BENCH_USAGE); figures in bench/results/store.json.
 */
import { appendMeasures, bigStoreMeasures, esdbMeasures } from './store/store-measures.js';
import { parseStoreBenchOptions, STORE_BENCH_USAGE } from './store/bench-options.js';
import { ScratchDirectory } from './store/bench-stores.js';
import { storeFigures, storeResults, storeTable } from './store/store-results.js';
import { formatTable, writeResults } from './support/bench-report.js';
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
    `store benchmark (${options.quick ? 'quick' : 'full'}): ${machine.machineCpuModel}, ` +
      `${machine.machineCores} cores, Node ${machine.nodeVersion}, load ${loadBefore.join(' ')}`,
  );
  if ((globalThis as { gc?: unknown }).gc === undefined) {
    console.log(
      'note: run with node --expose-gc (npm run bench:store does) to collect between runs',
    );
  }
  ScratchDirectory.removeAbandoned();
  const scratch = new ScratchDirectory();
  try {
    const appends = await appendMeasures(options, scratch);
    const esdb = await esdbMeasures(options, scratch);
    const big = await bigStoreMeasures(options, scratch);
    const loadAfter = loadAverages();
    const seconds = (Date.now() - startedAt.getTime()) / 1000;
    const figures = storeFigures(appends, esdb, big);
    const rows = storeTable(figures, big, options);
    console.log(`\n${formatTable(rows)}\n`);
    console.log(
      'EventStoreDB figures are against the in-memory gRPC test server running in this same ' +
        'process (no real server can run here): they measure the adapter, client and wire ' +
        'encoding, not EventStoreDB itself.',
    );
    const results = storeResults({
      figures,
      big,
      options,
      rows,
      machine,
      loadBefore,
      loadAfter,
      startedAt,
      seconds,
      command: `npm run bench:store${argv.length > 0 ? ` -- ${argv.join(' ')}` : ''}`,
    });
    const path = writeResults(options.quick ? 'store-quick' : 'store', results);
    console.log(`load average after: ${loadAfter.join(' ')}; ${Math.round(seconds)} s in all`);
    console.log(`figures written to ${path}`);
  } finally {
    scratch.remove();
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
