import { collectGarbage, median } from '../support/measure.js';
import { compareAppends, type AppendSample } from './append-throughput.js';
import type { StoreBenchOptions } from './bench-options.js';
import type { ScratchDirectory, StoreKind } from './bench-stores.js';
import {
  buildStore,
  rebuildCatalogue,
  replay,
  storedSize,
  verifyInParallel,
  verifyThroughPort,
  type Pass,
} from './big-store.js';

export type AppendMeasures = ReadonlyMap<number, ReadonlyMap<StoreKind, AppendSample>>;

export interface BigStoreMeasures {
  readonly build: Pass;
  readonly buildCloseSeconds: number;
  readonly bytesPerEvent: number;
  readonly fileMiB: number;
  readonly replay: Pass;
  readonly verify: Pass;
  readonly verifyThroughPort: Pass;
  readonly rebuild: Pass;
}

const fmt = (value: number): string => Math.round(value).toLocaleString('en-US');

const logSample = (label: string, { events, seconds, cpuSeconds }: AppendSample | Pass): void =>
  console.log(
    `  ${label}: ${fmt(events)} events in ${seconds.toFixed(2)} s = ${fmt(events / seconds)} events/s` +
      ` (${fmt(events / cpuSeconds)} per CPU-s)`,
  );

const compareEach = async (
  kinds: readonly StoreKind[],
  batches: readonly (readonly [batchSize: number, eventCount: number])[],
  options: StoreBenchOptions,
  scratch: ScratchDirectory,
): Promise<AppendMeasures> => {
  const measures = new Map<number, ReadonlyMap<StoreKind, AppendSample>>();
  for (const [batchSize, eventCount] of batches) {
    const { medians } = await compareAppends(kinds, scratch, {
      eventCount,
      batchSize,
      runs: options.runs,
    });
    for (const [kind, sample] of medians) {
      logSample(`${kind} append, batches of ${batchSize} (median)`, sample);
    }
    measures.set(batchSize, medians);
  }
  return measures;
};

/** Chained (production) against raw SQLite appends, batches of 1, 10 and 100. */
export const appendMeasures = (
  options: StoreBenchOptions,
  scratch: ScratchDirectory,
): Promise<AppendMeasures> => {
  console.log(`\nappend throughput: chained vs raw SQLite, ${options.runs} runs each`);
  const { appendEvents } = options;
  const batches = [1, 10, 100] as const;
  return compareEach(
    ['chained', 'raw'],
    batches.map((size) => [size, appendEvents[size]] as const),
    options,
    scratch,
  );
};

/** The EventStoreDB adapter (against the in-process test server) against the SQLite adapter. */
export const esdbMeasures = (
  options: StoreBenchOptions,
  scratch: ScratchDirectory,
): Promise<AppendMeasures> => {
  console.log(
    `\nEventStoreDB adapter vs SQLite adapter (gRPC test server, in-memory, same process), ${options.runs} runs each`,
  );
  const { esdbEvents } = options;
  return compareEach(
    ['raw', 'esdb'],
    [
      [1, esdbEvents[1]],
      [100, esdbEvents[100]],
    ],
    options,
    scratch,
  );
};

/** Runs `pass` `runs` times (collecting garbage before each), logging each; the median run. */
const medianPass = async (
  label: string,
  runs: number,
  pass: () => Promise<Pass>,
): Promise<Pass> => {
  const passes: Pass[] = [];
  for (let run = 1; run <= runs; run++) {
    collectGarbage();
    const result = await pass();
    logSample(`${label} ${run}/${runs}`, result);
    passes.push(result);
  }
  return {
    events: passes[0]!.events,
    seconds: median(passes.map((p) => p.seconds)),
    cpuSeconds: median(passes.map((p) => p.cpuSeconds)),
  };
};

/** Builds the big store, then replays, verifies (both ways) and rebuilds over it. */
export const bigStoreMeasures = async (
  options: StoreBenchOptions,
  scratch: ScratchDirectory,
): Promise<BigStoreMeasures> => {
  const { runs, storeEvents, verifyWorkers } = options;
  console.log('\nwarm-up: a small store, built, replayed, verified and rebuilt once');
  const warmUpPath = scratch.freshFile('warm-up');
  const warmUpEvents = Math.min(20_000, storeEvents);
  await buildStore(warmUpPath, warmUpEvents, () => undefined);
  await replay(warmUpPath);
  await verifyInParallel(warmUpPath, verifyWorkers);
  await verifyThroughPort(warmUpPath);
  await rebuildCatalogue(warmUpPath, scratch.freshFile('warm-up-read-model'));

  console.log(`\nbuilding a store of ${fmt(storeEvents)} events (chained, batches of 100)`);
  const path = scratch.freshFile('big');
  const built = await buildStore(path, storeEvents, (events, seconds) =>
    console.log(
      `  ${fmt(events)} events, ${seconds.toFixed(1)} s, ${fmt(events / seconds)} events/s`,
    ),
  );
  console.log(`  final anchors written at close in ${built.closeSeconds.toFixed(2)} s`);
  const size = storedSize(path);
  console.log(
    `  ${size.bytesPerEvent} bytes of data + metadata per event, file ${size.fileMiB} MiB`,
  );

  console.log(`\nover the store, ${runs} runs each`);
  const replayed = await medianPass('replay (readAll)', runs, () => replay(path));
  const verified = await medianPass(`verify (${verifyWorkers} workers)`, runs, () =>
    verifyInParallel(path, verifyWorkers),
  );
  const portVerified = await medianPass('verify (port, 1 thread)', runs, () =>
    verifyThroughPort(path),
  );
  const rebuilt = await medianPass('rebuild stream catalogue', runs, () =>
    rebuildCatalogue(path, scratch.freshFile('read-model')),
  );
  return {
    build: built.append,
    buildCloseSeconds: built.closeSeconds,
    ...size,
    replay: replayed,
    verify: verified,
    verifyThroughPort: portVerified,
    rebuild: rebuilt,
  };
};
