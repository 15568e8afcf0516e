import { jest } from '@jest/globals';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SeededIdGenerator } from '../../domain/shared/seeded-id-generator.js';
import { loadConfig } from '../../src/config/app-config.js';
import {
  ANCHOR_STREAM_ID,
  type StreamHeadsAnchored,
} from '../../src/infrastructure/audit/anchor-event.js';
import { Anchorer } from '../../src/infrastructure/audit/anchorer.js';
import { ChainedEventStore } from '../../src/infrastructure/audit/chained-event-store.js';
import { verifySqliteEventStore } from '../../src/infrastructure/audit/sqlite-audit-verifier.js';
import { SimulatedClock } from '../../src/infrastructure/clock/simulated-clock.js';
import type { RecordedEvent } from '../../src/infrastructure/event-store/event-store.port.js';
import {
  readLogHeadsByReplay,
  type LogHeads,
  type LogHeadsQuery,
} from '../../src/infrastructure/event-store/log-heads.js';
import { openEventStore } from '../../src/infrastructure/event-store/open-event-store.js';
import { SqliteEventStore } from '../../src/infrastructure/event-store/sqlite/sqlite-event-store.js';
import { collect, newEvent, newEvents } from '../support/event-store-conformance/helpers.js';

// The anchorer takes stream heads from the SQLite adapter's own query instead of replaying every
// event through readAll. These tests hold the query to the replay (its definition), alone and as
// anchors, and show that it needs no memory of this process: a restart, another writer.
const directory = mkdtempSync(join(tmpdir(), 'gridfolio-log-heads-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const START = DateTime.fromISO('2026-11-26T00:00:00Z');

type Step =
  | { kind: 'append'; stream: number; count: number }
  | { kind: 'anchor' }
  | { kind: 'query'; after: number; maxCounted: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('append' as const),
      stream: fc.nat(4),
      count: fc.integer({ min: 1, max: 4 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('anchor' as const) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('query' as const),
      after: fc.nat(60),
      maxCounted: fc.integer({ min: 0, max: 8 }),
    }),
  },
);

/** Heads in stream order, so that two answers compare whatever order they came in. */
const sorted = (heads: LogHeads): LogHeads => ({
  ...heads,
  heads: [...heads.heads].sort((a, b) => (a.streamId < b.streamId ? -1 : 1)),
});

/** One store with its anchorer, the fast one (the adapter's query) or the replaying one. */
const openSide = (fast: boolean, maxEventsPerAnchor: number) => {
  const inner = new SqliteEventStore({ path: ':memory:' });
  const store = new ChainedEventStore(inner);
  const ids = new SeededIdGenerator('log-heads');
  const clock = new SimulatedClock(START);
  const anchorer = new Anchorer(store, clock, ids, {
    maxEventsPerAnchor,
    ...(fast ? { logHeads: inner } : {}),
  });
  return { inner, store, ids, clock, anchorer };
};

const withoutPositionGaps = (events: readonly RecordedEvent[]) =>
  events.map(({ position, streamId, revision, id, metadata }) => ({
    position,
    streamId,
    revision,
    id,
    hash: metadata['hash'],
  }));

describe('stream heads of a stretch of the log, without replaying it', () => {
  it('the SQLite query gives what the replay gives, and the anchors come out the same (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 1, maxLength: 25 }),
        fc.integer({ min: 1, max: 6 }),
        async (steps, maxEventsPerAnchor) => {
          const fast = openSide(true, maxEventsPerAnchor);
          const replayed = openSide(false, maxEventsPerAnchor);
          try {
            for (const s of steps) {
              if (s.kind === 'query') {
                const query: LogHeadsQuery = {
                  after: s.after === 0 ? 'start' : BigInt(s.after),
                  maxCounted: s.maxCounted,
                  passedOver: ANCHOR_STREAM_ID,
                };
                expect(sorted(await fast.inner.readLogHeads(query))).toEqual(
                  sorted(await readLogHeadsByReplay(fast.inner, query)),
                );
                continue;
              }
              const results: StreamHeadsAnchored[][] = [];
              for (const side of [fast, replayed]) {
                side.clock.advanceBy({ seconds: 1 });
                if (s.kind === 'anchor') {
                  results.push(await side.anchorer.anchorNow());
                } else {
                  const events = Array.from({ length: s.count }, (_, i) => ({
                    id: side.ids.next(),
                    type: 'T',
                    data: { i, s: s.stream },
                    metadata: {},
                  }));
                  await side.store.append(`s-${s.stream}`, events, 'any');
                }
              }
              if (s.kind === 'anchor') expect(results[0]).toEqual(results[1]);
            }
            // Same ids, same clock, same anchors: the two logs agree to the last hash.
            expect(withoutPositionGaps(await collect(fast.inner.readAll()))).toEqual(
              withoutPositionGaps(await collect(replayed.inner.readAll())),
            );
          } finally {
            await fast.inner.close();
            await replayed.inner.close();
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('ends a short stretch at the end of the log, over anchors after the last counted event', async () => {
    const { inner, store, anchorer } = openSide(true, 100);
    try {
      await store.append('s-a', newEvents(2), 'no_stream');
      await anchorer.anchorNow();
      await store.append('s-b', newEvents(1), 'no_stream');
      await store.append(ANCHOR_STREAM_ID, [newEvent()], 'any');
      const query = { after: 2n, maxCounted: 10, passedOver: ANCHOR_STREAM_ID };
      const heads = await inner.readLogHeads(query);
      expect(heads).toMatchObject({ throughPosition: 5n, counted: 1 });
      expect(heads.heads.map((h) => [h.streamId, h.revision, h.position])).toEqual([
        ['s-b', 0n, 4n],
      ]);
      expect(sorted(heads)).toEqual(sorted(await readLogHeadsByReplay(inner, query)));
      const nothing = { after: 5n, maxCounted: 10, passedOver: ANCHOR_STREAM_ID };
      expect(await inner.readLogHeads(nothing)).toEqual({
        throughPosition: undefined,
        counted: 0,
        heads: [],
      });
    } finally {
      await inner.close();
    }
  });

  it('anchors right after a restart and over another writer, from the file alone', async () => {
    const path = join(directory, 'restart.db');
    const config = loadConfig({ EVENT_STORE: 'sqlite', EVENT_STORE_PATH: path });
    const clock = new SimulatedClock(START);
    const open = (seed: string) =>
      openEventStore(config, { clock, ids: new SeededIdGenerator(seed) });
    const fastReads = jest.spyOn(SqliteEventStore.prototype, 'readLogHeads');
    try {
      // The app's wiring: the first append of a process anchors at once (in the background).
      const first = open('first');
      await first.store.append('s-a', newEvents(2), 'no_stream');
      await first.anchorer.settled();

      // Another process: its own connection to the file and its own chain, nothing shared.
      const otherInner = new SqliteEventStore({ path });
      const other = new ChainedEventStore(otherInner);
      await other.append('s-b', newEvents(3), 'no_stream');
      await other.append('s-a', newEvents(1), 'any');
      await otherInner.close();

      clock.advanceBy({ minutes: 1 });
      await first.anchorer.anchorNow();
      await first.close();

      // A restart: new connection, new chain, new anchorer; only the file remembers.
      const restarted = open('restarted');
      await restarted.store.append('s-c', newEvents(1), 'no_stream');
      await restarted.anchorer.settled();
      await restarted.store.append('s-b', newEvents(1), 2n);
      clock.advanceBy({ minutes: 1 });
      await restarted.anchorer.anchorNow();
      await restarted.close();

      expect(fastReads).toHaveBeenCalled();
      const adapter = new SqliteEventStore({ path });
      try {
        const log = await collect(adapter.readAll());
        const anchors = log
          .filter((e) => e.streamId === ANCHOR_STREAM_ID)
          .map((e) => e.data as unknown as StreamHeadsAnchored);
        expect(
          anchors.map((a) => [
            a.afterPosition,
            a.throughPosition,
            a.heads.map((h) => `${h.streamId}@${h.revision}`),
          ]),
        ).toEqual([
          [null, '2', ['s-a@1']],
          ['2', '7', ['s-a@2', 's-b@2']],
          ['7', '9', ['s-c@0']],
          ['9', '11', ['s-b@3']],
        ]);
        // Each anchor holds what going through its stretch of the log event by event gives.
        for (const anchor of anchors) {
          const after = anchor.afterPosition === null ? 0n : BigInt(anchor.afterPosition);
          const through = BigInt(anchor.throughPosition);
          const heads = new Map<string, { streamId: string; revision: string; hash: unknown }>();
          for (const e of log) {
            if (e.position <= after || e.position > through) continue;
            if (e.streamId === ANCHOR_STREAM_ID) continue;
            const { streamId, revision, metadata } = e;
            heads.set(streamId, {
              streamId,
              revision: revision.toString(),
              hash: metadata['hash'],
            });
          }
          expect(anchor.heads).toEqual(
            [...heads.values()].sort((a, b) => (a.streamId < b.streamId ? -1 : 1)),
          );
        }
      } finally {
        await adapter.close();
      }
      expect(await verifySqliteEventStore(path, { inProcess: true })).toMatchObject({
        ok: true,
        anchorsChecked: 4,
      });
    } finally {
      fastReads.mockRestore();
    }
  });
});
