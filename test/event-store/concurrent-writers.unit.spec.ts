import fc from 'fast-check';
import { ConcurrencyError } from '../../src/infrastructure/event-store/errors.js';
import type {
  EventStore,
  EventToAppend,
  ExpectedRevision,
} from '../../src/infrastructure/event-store/event-store.port.js';
import { SqliteEventStore } from '../../src/infrastructure/event-store/sqlite/sqlite-event-store.js';
import { idsOf, newEvents } from '../support/event-store-conformance/helpers.js';

const STREAM = 'portfolio-1';

/** Each writer appends its batches in order; sizes are the number of events per batch. */
const writersArbitrary = fc.array(
  fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 3 }),
  {
    minLength: 2,
    maxLength: 4,
  },
);

/**
 * A writer in the usual command-handler shape: read the stream, append with the revision it
 * read, and on a ConcurrencyError read again and retry, up to `maxAttempts` times in all.
 * Returns the batches it managed to append.
 */
const runWriter = async (
  read: EventStore['readStream'],
  append: EventStore['append'],
  batches: EventToAppend[][],
  maxAttempts: number,
): Promise<EventToAppend[][]> => {
  const appended: EventToAppend[][] = [];
  for (const batch of batches) {
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const [last] = await read(STREAM, { direction: 'backwards', maxCount: 1 });
      const expected: ExpectedRevision = last?.revision ?? 'no_stream';
      // Records what the writer decided on, to prove no append was based on a stale read.
      const decided = batch.map((event) => ({ ...event, data: { basedOn: String(expected) } }));
      try {
        await append(STREAM, decided, expected);
        appended.push(batch);
        break;
      } catch (error) {
        if (!(error instanceof ConcurrencyError)) throw error;
      }
    }
  }
  return appended;
};

describe('concurrent writers on one stream', () => {
  it('lose, duplicate and split nothing, whatever the interleaving', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.scheduler(),
        writersArbitrary,
        fc.integer({ min: 1, max: 13 }),
        async (scheduler, batchSizes, maxAttempts) => {
          const store = new SqliteEventStore({ path: ':memory:' });
          try {
            // The scheduler decides when each read and append really runs, interleaving writers.
            const read = scheduler.scheduleFunction(store.readStream.bind(store));
            const append = scheduler.scheduleFunction(store.append.bind(store));
            const planned = batchSizes.map((sizes) => sizes.map((size) => newEvents(size)));
            const outcome = await scheduler.waitFor(
              Promise.all(planned.map((batches) => runWriter(read, append, batches, maxAttempts))),
            );

            const recorded = await store.readStream(STREAM);
            expect(recorded.map((event) => event.revision)).toEqual(
              recorded.map((_, i) => BigInt(i)),
            );
            // No lost update: every event was decided on the stream exactly as it stood before it.
            const basedOn = recorded.map(({ data }) => (data as { basedOn: string }).basedOn);
            const batchStarts = new Set(outcome.flat().map((batch) => batch[0]!.id));
            recorded.forEach((event, i) => {
              if (!batchStarts.has(event.id)) return;
              expect(basedOn[i]).toBe(i === 0 ? 'no_stream' : String(BigInt(i) - 1n));
            });
            // Exactly the acknowledged events are stored: each once, each batch in one piece.
            const acknowledged = outcome.flat();
            const totalEvents = planned.flat(2).length;
            expect(recorded).toHaveLength(acknowledged.flat().length);
            const batchAt = new Map(acknowledged.map((batch) => [batch[0]!.id, batch]));
            for (let i = 0; i < recorded.length;) {
              const batch = batchAt.get(recorded[i]!.id);
              expect(batch).toBeDefined();
              expect(idsOf(recorded.slice(i, i + batch!.length))).toEqual(idsOf(batch!));
              batchAt.delete(recorded[i]!.id);
              i += batch!.length;
            }
            expect(batchAt.size).toBe(0);
            // Each writer's batches keep the writer's order.
            for (const batches of outcome) {
              const starts = batches.map((batch) => idsOf(recorded).indexOf(batch[0]!.id));
              expect(starts).toEqual([...starts].sort((a, b) => a - b));
            }
            // Every failure is caused by another writer's success, so this many attempts always suffice.
            if (maxAttempts > planned.flat().length) expect(recorded).toHaveLength(totalEvents);
          } finally {
            await store.close();
          }
        },
      ),
      { numRuns: 100 },
    );
    // About 2 s alone; leave room for a machine busy with other test files.
  }, 30_000);
});
