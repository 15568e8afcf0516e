import { collectGarbage, median, timeOf, type Timing } from '../support/measure.js';
import { appendPlan, BenchEventFactory, type PlannedAppend } from './bench-events.js';
import { openFreshStore, type ScratchDirectory, type StoreKind } from './bench-stores.js';

export interface AppendSample extends Timing {
  readonly events: number;
  readonly appends: number;
}

export interface AppendComparison {
  readonly batchSize: number;
  /** Median over the runs, by store kind. */
  readonly medians: ReadonlyMap<StoreKind, AppendSample>;
}

/**
 * One run: a fresh store, `eventCount` events made and planned beforehand (outside the time),
 * then appended one batch after the other, each awaited, as a command handler does.
 */
const appendOnce = async (
  kind: StoreKind,
  scratch: ScratchDirectory,
  eventCount: number,
  batchSize: number,
): Promise<AppendSample> => {
  const opened = await openFreshStore(kind, scratch);
  try {
    const plan: PlannedAppend[] = [
      ...appendPlan(new BenchEventFactory(opened.chained), eventCount, batchSize),
    ];
    collectGarbage();
    const { store } = opened;
    const timing = await timeOf(async () => {
      for (const { streamId, events, expected } of plan) {
        await store.append(streamId, events, expected);
      }
    });
    return { events: eventCount, appends: plan.length, ...timing };
  } finally {
    await opened.close();
  }
};

/**
 * Appends the same kind of events in batches of `batchSize` to each store kind, interleaved run
 * by run (A B A B ...) so that a burst of load on the shared machine hits every kind alike;
 * one warm-up run per kind first, with a tenth of the events, is not counted.
 */
export const compareAppends = async (
  kinds: readonly StoreKind[],
  scratch: ScratchDirectory,
  options: { eventCount: number; batchSize: number; runs: number },
): Promise<AppendComparison> => {
  const { eventCount, batchSize, runs } = options;
  const warmUpEvents = Math.max(batchSize, Math.floor(eventCount / 10));
  for (const kind of kinds) await appendOnce(kind, scratch, warmUpEvents, batchSize);
  const samples = new Map<StoreKind, AppendSample[]>(kinds.map((kind) => [kind, []]));
  for (let run = 0; run < runs; run++) {
    for (const kind of kinds) {
      samples.get(kind)!.push(await appendOnce(kind, scratch, eventCount, batchSize));
    }
  }
  const medians = new Map<StoreKind, AppendSample>();
  for (const [kind, list] of samples) {
    const seconds = median(list.map((sample) => sample.seconds));
    const cpuSeconds = median(list.map((sample) => sample.cpuSeconds));
    medians.set(kind, { ...list[0]!, seconds, cpuSeconds });
  }
  return { batchSize, medians };
};
