import { jest } from '@jest/globals';
import { AuditError } from '../../src/infrastructure/audit/audit-errors.js';
import { verifyEventStore } from '../../src/infrastructure/audit/audit-verifier.js';
import { canonicalJson } from '../../src/infrastructure/audit/canonical-json.js';
import { ChainedEventStore } from '../../src/infrastructure/audit/chained-event-store.js';
import { GENESIS_HASH, eventHash } from '../../src/infrastructure/audit/event-hash.js';
import {
  ConcurrencyError,
  InvalidAppendError,
} from '../../src/infrastructure/event-store/errors.js';
import type {
  AppendResult,
  EventStore,
} from '../../src/infrastructure/event-store/event-store.port.js';
import { withCompetingWriter } from '../support/competing-writer.js';
import {
  expectConcurrencyError,
  newEvent,
  newEvents,
  rejectionOf,
} from '../support/event-store-conformance/helpers.js';
import { InMemoryEventStore } from '../support/in-memory-event-store.js';

describe('ChainedEventStore', () => {
  let inner: InMemoryEventStore;
  let store: ChainedEventStore;
  beforeEach(() => {
    inner = new InMemoryEventStore();
    store = new ChainedEventStore(inner);
  });

  describe('hashing', () => {
    it('starts a stream at the genesis hash and links each event to the one before', async () => {
      await store.append('s-1', newEvents(2), 'no_stream');
      await store.append('s-1', [newEvent('Later', { z: 1, a: [2] })], 1n);
      const events = await inner.readStream('s-1');
      expect(events.map((e) => e.metadata['prevHash'])).toEqual([
        GENESIS_HASH,
        events[0]!.metadata['hash'],
        events[1]!.metadata['hash'],
      ]);
      for (const event of events) {
        expect(event.metadata['hash']).toBe(eventHash(event));
        expect(event.metadata['hash']).toMatch(/^[0-9a-f]{64}$/);
      }
    });

    it('keeps chains per stream', async () => {
      await store.append('s-1', [newEvent()], 'no_stream');
      await store.append('s-2', [newEvent()], 'no_stream');
      const [second] = await inner.readStream('s-2');
      expect(second!.metadata['prevHash']).toBe(GENESIS_HASH);
    });

    it("adds schemaVersion 1 unless set, keeps the caller's metadata, and replaces caller hashes", async () => {
      await store.append(
        's-1',
        [
          newEvent('A', 1, { correlationId: 'c-1', hash: 'forged', prevHash: 'forged' }),
          newEvent('B', 2, { schemaVersion: 2 }),
        ],
        'no_stream',
      );
      const [a, b] = await inner.readStream('s-1');
      expect(a!.metadata).toEqual({
        correlationId: 'c-1',
        schemaVersion: 1,
        prevHash: GENESIS_HASH,
        hash: eventHash(a!),
      });
      expect(b!.metadata['schemaVersion']).toBe(2);
    });

    it('hands the store data and metadata in canonical key order', async () => {
      await store.append('s-1', [newEvent('A', { b: 1, a: { d: 2, c: 3 } }, { z: 1 })], 'any');
      const [event] = await inner.readStream('s-1');
      expect(JSON.stringify(event!.data)).toBe(canonicalJson(event!.data));
      expect(JSON.stringify(event!.metadata)).toBe(canonicalJson(event!.metadata));
    });

    it('refuses to extend a stream whose head carries no hash', async () => {
      await inner.append('raw-1', [newEvent()], 'no_stream');
      const error = await rejectionOf(store.append('raw-1', [newEvent()], 'any'));
      expect(error).toBeInstanceOf(AuditError);
      expect(error).toMatchObject({ code: 'AUDIT.STREAM_NOT_CHAINED' });
    });

    it('refuses bad input before reading anything, appending nothing', async () => {
      const error = await rejectionOf(store.append('s 1', [newEvent()], 'any'));
      expect(error).toBeInstanceOf(InvalidAppendError);
      const nan = await rejectionOf(store.append('s-1', [newEvent('A', { x: NaN })], 'any'));
      expect(nan).toMatchObject({ code: 'EVENT_STORE.NOT_JSON' });
      expect(await inner.readStream('s-1')).toEqual([]);
    });
  });

  describe('expected revision, checked against the head it read', () => {
    it('appends with the matching expectation and returns the inner result', async () => {
      expect(await store.append('s-1', newEvents(2), 'no_stream')).toEqual({
        nextExpectedRevision: 1n,
        position: 2n,
      });
      await store.append('s-1', [newEvent()], 1n);
      await store.append('s-1', [newEvent()], 'stream_exists');
      await store.append('s-1', [newEvent()], 'any');
      expect(await inner.readStream('s-1')).toHaveLength(5);
    });

    it.each([['no_stream', 0n] as const, [0n, 1n] as const, [2n, 1n] as const])(
      'refuses %p when the stream is at %p, appending nothing',
      async (expected, _at) => {
        await store.append('s-1', newEvents(2), 'no_stream');
        await expectConcurrencyError(
          store.append('s-1', [newEvent()], expected),
          's-1',
          expected,
          1n,
        );
        expect(await inner.readStream('s-1')).toHaveLength(2);
      },
    );

    it.each(['stream_exists', 0n] as const)('refuses %p on a new stream', async (expected) => {
      await expectConcurrencyError(
        store.append('s-1', [newEvent()], expected),
        's-1',
        expected,
        'no_stream',
      );
      expect(await inner.readStream('s-1')).toEqual([]);
    });
  });

  describe('racing another writer', () => {
    // Before each of our first `races` appends, another chained writer appends to the same stream.
    const racing = (races: number, maxAttempts?: number): ChainedEventStore => {
      const rival = new ChainedEventStore(inner);
      const competitor = (s: EventStore): Promise<unknown> =>
        rival.append('s-1', [newEvent('Rival')], 'any').then(() => s);
      return new ChainedEventStore(withCompetingWriter(inner, competitor, races), { maxAttempts });
    };

    it.each(['any', 'stream_exists'] as const)(
      'with %p: re-reads the head and links to it, leaving an unbroken chain',
      async (expected) => {
        await store.append('s-1', [newEvent()], 'no_stream');
        const result = await racing(3).append('s-1', newEvents(2), expected);
        expect(result.nextExpectedRevision).toBe(5n); // 1 + 3 rival events + our 2
        const types = (await inner.readStream('s-1')).map((e) => e.type);
        expect(types).toEqual([
          'ThingHappened',
          'Rival',
          'Rival',
          'Rival',
          'ThingHappened',
          'ThingHappened',
        ]);
        expect(await verifyEventStore(inner)).toMatchObject({ ok: true, eventsChecked: 6 });
      },
    );

    it("with 'any': gives up with a ConcurrencyError after maxAttempts", async () => {
      await store.append('s-1', [newEvent()], 'no_stream');
      await expectConcurrencyError(
        racing(3, 3).append('s-1', [newEvent()], 'any'),
        's-1',
        'any',
        3n,
      );
      expect((await inner.readStream('s-1')).map((e) => e.type)).not.toContain('ThingHappened2');
    });

    it('with an exact revision: reports the conflict at once, appending nothing', async () => {
      await store.append('s-1', [newEvent()], 'no_stream');
      const error = await rejectionOf(racing(1).append('s-1', [newEvent('Mine')], 0n));
      expect(error).toBeInstanceOf(ConcurrencyError);
      expect(error).toMatchObject({ streamId: 's-1', expected: 0n, actual: 1n });
      expect((await inner.readStream('s-1')).map((e) => e.type)).toEqual([
        'ThingHappened',
        'Rival',
      ]);
    });
  });

  describe('remembering heads between appends', () => {
    it('reads a stream head only when it has not appended to that stream itself', async () => {
      const reads = jest.spyOn(inner, 'readStream');
      await store.append('s-1', [newEvent()], 'any');
      await store.append('s-1', [newEvent()], 0n);
      await store.append('s-1', [newEvent()], 'any');
      expect(reads).toHaveBeenCalledTimes(1);
    });

    it('takes a new stream at its word, reading nothing, and is refused if it exists', async () => {
      const reads = jest.spyOn(inner, 'readStream');
      await store.append('s-1', [newEvent()], 'no_stream');
      await store.append('s-1', [newEvent()], 0n);
      expect(reads).not.toHaveBeenCalled();
      const other = new ChainedEventStore(inner);
      await expectConcurrencyError(
        other.append('s-1', [newEvent()], 'no_stream'),
        's-1',
        'no_stream',
        1n,
      );
      expect(await inner.readStream('s-1')).toHaveLength(2);
      expect(await verifyEventStore(inner)).toMatchObject({ ok: true, eventsChecked: 2 });
    });

    it('notices a head gone stale through another writer, and links to the real one', async () => {
      const other = new ChainedEventStore(inner);
      await store.append('s-1', [newEvent('Mine')], 'no_stream');
      await other.append('s-1', [newEvent('Other')], 'any');
      await expectConcurrencyError(store.append('s-1', [newEvent()], 0n), 's-1', 0n, 1n);
      await store.append('s-1', [newEvent('Mine')], 'any');
      await other.append('s-1', [newEvent('Other')], 'any');
      await store.append('s-1', [newEvent('Mine')], 3n);
      const types = (await inner.readStream('s-1')).map((e) => e.type);
      expect(types).toEqual(['Mine', 'Other', 'Mine', 'Other', 'Mine']);
      expect(await verifyEventStore(inner)).toMatchObject({ ok: true, eventsChecked: 5 });
    });
  });

  it('tells afterAppend about each committed append, and only those', async () => {
    const seen: [string, AppendResult][] = [];
    const hooked = new ChainedEventStore(inner, { afterAppend: (s, r) => seen.push([s, r]) });
    await hooked.append('s-1', newEvents(2), 'no_stream');
    await rejectionOf(hooked.append('s-1', [newEvent()], 'no_stream'));
    expect(seen).toEqual([['s-1', { nextExpectedRevision: 1n, position: 2n }]]);
  });

  it('passes reads through', async () => {
    await store.append('s-1', newEvents(3), 'no_stream');
    const backwards = await store.readStream('s-1', { direction: 'backwards', maxCount: 1 });
    expect(backwards.map((e) => e.revision)).toEqual([2n]);
    const all = [];
    for await (const event of store.readAll({ after: 1n })) all.push(event.position);
    expect(all).toEqual([2n, 3n]);
  });
});
