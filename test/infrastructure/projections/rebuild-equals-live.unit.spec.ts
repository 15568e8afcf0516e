import fc from 'fast-check';
import type { Database } from 'better-sqlite3';
import type { RecordedEvent } from '../../../src/infrastructure/event-store/event-store.port.js';
import { SqliteEventStore } from '../../../src/infrastructure/event-store/sqlite/sqlite-event-store.js';
import { ProjectionRunner } from '../../../src/infrastructure/projections/projection-runner.js';
import { SqliteCheckpointStore } from '../../../src/infrastructure/projections/sqlite/sqlite-checkpoint-store.js';
import { openReadModelDatabase } from '../../../src/infrastructure/projections/sqlite/read-model-database.js';
import {
  StreamCatalogueProjection,
  STREAM_CATALOGUE,
} from '../../../src/infrastructure/projections/stream-catalogue/stream-catalogue.projection.js';
import { StreamCatalogueQuery } from '../../../src/infrastructure/projections/stream-catalogue/stream-catalogue.query.js';
import {
  dumpTable,
  ledgerDeps,
  runSteps,
  silentLogger,
  type LedgerStep,
} from '../../support/projection-fixtures.js';

const NOW = '2026-03-01T00:00:00.000Z';

// Few accounts and transfer ids, so that sequences hit refusals and idempotent retries often.
const step: fc.Arbitrary<LedgerStep> = fc
  .record({
    accountId: fc.constantFrom('a', 'b', 'c'),
    kind: fc.constantFrom('OpenAccount', 'Deposit', 'Withdraw'),
    transferId: fc.constantFrom('t1', 't2', 't3', 't4'),
    amountKrw: fc.integer({ min: 1, max: 50 }),
  })
  .map(({ accountId, kind, transferId, amountKrw }): LedgerStep => {
    if (kind === 'OpenAccount') {
      return { accountId, command: { type: kind, data: { accountId, now: NOW } } };
    }
    return { accountId, command: { type: kind, data: { transferId, amountKrw, now: NOW } } };
  });

/** The catalogue computed straight from the log, independently of the projection code. */
const expectedCatalogue = (events: RecordedEvent[]) => {
  const byStream = new Map<string, RecordedEvent[]>();
  for (const event of events)
    byStream.set(event.streamId, [...(byStream.get(event.streamId) ?? []), event]);
  return [...byStream.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([streamId, streamEvents]) => {
      const last = streamEvents.at(-1)!;
      return {
        streamId,
        category: 'ledger',
        eventCount: streamEvents.length,
        lastRevision: last.revision,
        lastPosition: last.position,
        lastEventType: last.type,
      };
    });
};

describe('stream catalogue: live run, restarts and rebuild agree', () => {
  it('gives exactly the same read model live (with a restart) and rebuilt from 0', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { maxLength: 40 }),
        fc.nat(),
        fc.nat(),
        fc.integer({ min: 1, max: 5 }),
        async (steps, cut1, cut2, pageSize) => {
          const [a, b] = [cut1 % (steps.length + 1), cut2 % (steps.length + 1)].sort(
            (x, y) => x - y,
          );
          const store = new SqliteEventStore({ path: ':memory:' });
          const db: Database = openReadModelDatabase(':memory:');
          const newRunner = () =>
            new ProjectionRunner({ store, logger: silentLogger(), pageSize }).add(
              new StreamCatalogueProjection(db),
              new SqliteCheckpointStore(db),
            );
          try {
            const deps = ledgerDeps(store);
            // History before the runner exists, writes while it runs, a restart, more writes.
            await runSteps(deps, steps.slice(0, a));
            let runner = newRunner();
            await runner.start();
            await runSteps(deps, steps.slice(a, b));
            await runner.stop();
            runner = newRunner();
            await runner.start();
            await runSteps(deps, steps.slice(b));

            const log: RecordedEvent[] = [];
            for await (const event of store.readAll()) log.push(event);
            const head = log.at(-1)?.position;
            if (head !== undefined) await runner.waitFor(head);
            const live = dumpTable(db, 'stream_catalogue');
            expect(new StreamCatalogueQuery(db).list()).toEqual(expectedCatalogue(log));

            await runner.rebuild(STREAM_CATALOGUE);
            expect(dumpTable(db, 'stream_catalogue')).toEqual(live);
            await runner.stop();
          } finally {
            db.close();
            await store.close();
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
