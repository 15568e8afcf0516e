import { DateTime } from 'luxon';
import { SeededIdGenerator } from '../../domain/shared/seeded-id-generator.js';
import {
  ANCHOR_STREAM_ID,
  type StreamHeadsAnchored,
} from '../../src/infrastructure/audit/anchor-event.js';
import { Anchorer, type AnchorerOptions } from '../../src/infrastructure/audit/anchorer.js';
import { verifyEventStore } from '../../src/infrastructure/audit/audit-verifier.js';
import { ChainedEventStore } from '../../src/infrastructure/audit/chained-event-store.js';
import { GENESIS_HASH } from '../../src/infrastructure/audit/event-hash.js';
import { SimulatedClock } from '../../src/infrastructure/clock/simulated-clock.js';
import type {
  EventStore,
  ReadAllOptions,
} from '../../src/infrastructure/event-store/event-store.port.js';
import { newEvent, newEvents } from '../support/event-store-conformance/helpers.js';
import { InMemoryEventStore } from '../support/in-memory-event-store.js';

describe('Anchorer', () => {
  let inner: InMemoryEventStore;
  let clock: SimulatedClock;
  let store: ChainedEventStore;
  let anchorer: Anchorer;

  // The anchorer listens to the chained store it writes through, as the app wires it.
  const open = (options: AnchorerOptions = {}, hooked = false): void => {
    let hook: (() => void) | undefined;
    store = new ChainedEventStore(inner, { afterAppend: () => hook?.() });
    anchorer = new Anchorer(store, clock, new SeededIdGenerator('anchors'), options);
    if (hooked) hook = anchorer.afterAppend;
  };
  beforeEach(() => {
    inner = new InMemoryEventStore();
    clock = new SimulatedClock(DateTime.fromISO('2026-11-26T00:00:00Z'));
  });

  const anchors = async (): Promise<StreamHeadsAnchored[]> =>
    (await inner.readStream(ANCHOR_STREAM_ID)).map((e) => e.data as unknown as StreamHeadsAnchored);
  const headOf = async (streamId: string) => {
    const [head] = await inner.readStream(streamId, { direction: 'backwards', maxCount: 1 });
    return { streamId, revision: head!.revision.toString(), hash: head!.metadata['hash'] };
  };

  describe('on demand', () => {
    beforeEach(() => open());

    it('records the head of every stream written since the last anchor, in a chained stream', async () => {
      await store.append('s-b', newEvents(3), 'no_stream');
      await store.append('s-a', newEvents(1), 'no_stream');
      await store.append('s-b', newEvents(1), 2n);
      const written = await anchorer.anchorNow();
      expect(written).toEqual([
        {
          afterPosition: null,
          throughPosition: '5',
          anchoredAt: '2026-11-26T00:00:00.000Z',
          heads: [await headOf('s-a'), await headOf('s-b')],
        },
      ]);
      expect(await anchors()).toEqual(written);
      const [event] = await inner.readStream(ANCHOR_STREAM_ID);
      expect(event!.type).toBe('StreamHeadsAnchored');
      expect(event!.metadata['prevHash']).toBe(GENESIS_HASH);
    });

    it('writes nothing when nothing but anchors was appended since', async () => {
      await store.append('s-a', newEvents(2), 'no_stream');
      await anchorer.anchorNow();
      expect(await anchorer.anchorNow()).toEqual([]);
      expect(await anchors()).toHaveLength(1);
    });

    it('continues where the previous anchor ended, leaving the anchor stream out of heads', async () => {
      await store.append('s-a', newEvents(2), 'no_stream');
      await store.append('s-b', newEvents(2), 'no_stream');
      await anchorer.anchorNow();
      await store.append('s-b', [newEvent()], 1n);
      const [second] = await anchorer.anchorNow();
      expect(second).toMatchObject({
        afterPosition: '4',
        throughPosition: '6',
        heads: [await headOf('s-b')],
      });
      expect(await verifyEventStore(inner)).toMatchObject({ ok: true, anchorsChecked: 2 });
    });

    it('resumes after a restart from the anchor stream alone', async () => {
      await store.append('s-a', newEvents(2), 'no_stream');
      await anchorer.anchorNow();
      await store.append('s-a', [newEvent()], 1n);
      const restarted = new Anchorer(store, clock, new SeededIdGenerator('restart'));
      const [next] = await restarted.anchorNow();
      expect(next).toMatchObject({
        afterPosition: '2',
        throughPosition: '4',
        heads: [await headOf('s-a')],
      });
    });

    it('splits a long backlog into anchors that tile the log', async () => {
      open({ maxEventsPerAnchor: 2 });
      await store.append('s-a', newEvents(3), 'no_stream');
      await store.append('s-b', newEvents(2), 'no_stream');
      const written = await anchorer.anchorNow();
      expect(written.map((a) => [a.afterPosition, a.throughPosition])).toEqual([
        [null, '2'],
        ['2', '4'],
        ['4', '7'], // s-b's last event at 5, then the first two anchors
      ]);
      expect(await verifyEventStore(inner)).toMatchObject({ ok: true, anchorsChecked: 3 });
    });

    it('writes one anchor per call on a busy store, leaving newer events to the next', async () => {
      await store.append('s-a', newEvents(2), 'no_stream');
      // Another writer appends whenever the anchorer starts reading the log.
      const busy: EventStore = Object.assign(Object.create(store) as EventStore, {
        readAll: (options?: ReadAllOptions) => {
          const appended = store.append('s-b', [newEvent()], 'any');
          return (async function* () {
            await appended;
            yield* store.readAll(options);
          })();
        },
      });
      const busyAnchorer = new Anchorer(busy, clock, new SeededIdGenerator('busy'));
      expect(await busyAnchorer.anchorNow()).toHaveLength(1);
      expect(await busyAnchorer.anchorNow()).toHaveLength(1);
      expect(await anchors()).toHaveLength(2);
    });

    it('serializes concurrent requests, so no anchor is lost to a conflict', async () => {
      await store.append('s-a', newEvents(2), 'no_stream');
      const [first, second] = await Promise.all([anchorer.anchorNow(), anchorer.anchorNow()]);
      expect(first).toHaveLength(1);
      expect(second).toEqual([]);
    });
  });

  describe('after appends, paced by the clock', () => {
    beforeEach(() => open({ intervalMs: 60_000 }, true));
    const appendAt = async (offsetSeconds: number, streamId = 's-a'): Promise<void> => {
      clock.advanceTo(DateTime.fromISO('2026-11-26T00:00:00Z').plus({ seconds: offsetSeconds }));
      await store.append(streamId, [newEvent()], 'any');
      await anchorer.settled();
    };

    it('anchors the first activity, then once at least a minute has passed', async () => {
      await appendAt(0);
      expect(await anchors()).toHaveLength(1);
      await appendAt(20);
      await appendAt(59, 's-b');
      expect(await anchors()).toHaveLength(1);
      await appendAt(60);
      const all = await anchors();
      expect(all).toHaveLength(2);
      expect(all[1]).toMatchObject({
        anchoredAt: '2026-11-26T00:01:00.000Z',
        heads: [await headOf('s-a'), await headOf('s-b')],
      });
      await appendAt(90);
      await appendAt(121);
      expect((await anchors()).map((a) => a.anchoredAt)).toEqual([
        '2026-11-26T00:00:00.000Z',
        '2026-11-26T00:01:00.000Z',
        '2026-11-26T00:02:01.000Z',
      ]);
    });

    it('writes nothing while idle, however much time passes', async () => {
      await appendAt(0);
      clock.advanceBy({ minutes: 10 });
      expect(await anchorer.maybeAnchor()).toEqual([]);
      await anchorer.settled();
      expect(await anchors()).toHaveLength(1);
    });

    it('reports a background failure to onError instead of failing the append', async () => {
      const errors: unknown[] = [];
      open({ onError: (error) => errors.push(error) }, true);
      await inner.append(
        ANCHOR_STREAM_ID,
        [newEvent('StreamHeadsAnchored', { bad: true })],
        'no_stream',
      );
      await expect(store.append('s-a', [newEvent()], 'any')).resolves.toBeDefined();
      await anchorer.settled();
      expect(errors).toEqual([expect.objectContaining({ code: 'AUDIT.ANCHOR_MALFORMED' })]);
    });
  });
});
