import type { JsonObject, JsonValue } from '../../../../domain/shared/json.js';
import type { RecordedEvent } from '../../../../src/infrastructure/event-store/event-store.port.js';
import { SqliteEventStore } from '../../../../src/infrastructure/event-store/sqlite/sqlite-event-store.js';
import { UpcasterRegistry } from '../../../../src/infrastructure/event-store/upcasting/upcaster-registry.js';
import { UpcastingEventReader } from '../../../../src/infrastructure/event-store/upcasting/upcasting-event-reader.js';

const recorded = (type: string, data: JsonValue, metadata: JsonObject): RecordedEvent => ({
  id: '00000000-0000-4000-8000-000000000001',
  streamId: 'der-7',
  revision: 4n,
  position: 12n,
  type,
  data,
  metadata,
});

// MeterRead v1: { kw }; v2 renamed it to powerKw; v3 added the unit of the interval.
const meterReads = () =>
  new UpcasterRegistry()
    .register('MeterRead', 1, (data) => {
      const { kw, ...rest } = data as { kw: number };
      return { ...rest, powerKw: kw };
    })
    .register('MeterRead', 2, (data, metadata) => ({
      ...(data as JsonObject),
      intervalMinutes: metadata['source'] === 'jeju' ? 15 : 60,
    }));

describe('UpcasterRegistry', () => {
  it('reads a v1 event as v2 and leaves the stored metadata as it was', () => {
    const registry = new UpcasterRegistry().register('MeterRead', 1, (data) => {
      const { kw } = data as { kw: number };
      return { powerKw: kw };
    });
    const event = recorded('MeterRead', { kw: 3.5 }, { schemaVersion: 1, hash: 'abc' });

    const upcast = registry.upcast(event);

    expect(upcast).toEqual({
      ...event,
      data: { powerKw: 3.5 },
      metadata: { schemaVersion: 1, hash: 'abc' },
      schemaVersion: 2,
    });
    expect(event.data).toEqual({ kw: 3.5 });
  });

  it('lifts v1 to v3 in two steps, each seeing the metadata', () => {
    const upcast = meterReads().upcast(
      recorded('MeterRead', { kw: 2, at: 'x' }, { schemaVersion: 1, source: 'jeju' }),
    );
    expect(upcast.data).toEqual({ at: 'x', powerKw: 2, intervalMinutes: 15 });
    expect(upcast.schemaVersion).toBe(3);
  });

  it('treats an event without metadata.schemaVersion as v1', () => {
    expect(meterReads().upcast(recorded('MeterRead', { kw: 1 }, {})).schemaVersion).toBe(3);
  });

  it('passes current and unregistered types through unchanged', () => {
    const registry = meterReads();
    const current = recorded('MeterRead', { powerKw: 1, intervalMinutes: 5 }, { schemaVersion: 3 });
    expect(registry.upcast(current).data).toBe(current.data);
    expect(registry.upcast(recorded('Other', [1], {})).schemaVersion).toBe(1);
  });

  it('refuses a stored version newer than the code knows, naming the event', () => {
    expect(() => meterReads().upcast(recorded('MeterRead', {}, { schemaVersion: 4 }))).toThrow(
      expect.objectContaining({
        code: 'UPCAST.UNKNOWN_FUTURE_VERSION',
        message: expect.stringContaining('der-7@4 MeterRead'),
      }),
    );
  });

  it('refuses a gap in the chain of upcasters and a malformed stored version', () => {
    const registry = new UpcasterRegistry().register('X', 2, (data) => data);
    expect(() => registry.upcast(recorded('X', 1, { schemaVersion: 1 }))).toThrow(
      expect.objectContaining({ code: 'UPCAST.MISSING_UPCASTER' }),
    );
    expect(() => registry.upcast(recorded('X', 1, { schemaVersion: '2' }))).toThrow(
      expect.objectContaining({ code: 'UPCAST.INVALID_STORED_VERSION' }),
    );
  });

  it('knows the current version per type: declared, or one past the newest upcaster', () => {
    const registry = meterReads().declareCurrentVersion('BidSubmitted', 2);
    expect(registry.currentVersion('MeterRead')).toBe(3);
    expect(registry.currentVersion('BidSubmitted')).toBe(2);
    expect(registry.currentVersion('Unknown')).toBe(1);
    expect(() => registry.register('MeterRead', 1, (data) => data)).toThrow(
      expect.objectContaining({ code: 'UPCAST.DUPLICATE_UPCASTER' }),
    );
    expect(() => registry.register('MeterRead', 0, (data) => data)).toThrow(
      expect.objectContaining({ code: 'UPCAST.INVALID_VERSION' }),
    );
  });
});

describe('UpcastingEventReader', () => {
  it('upcasts on readStream, readAll and subscribeToAll without changing what is stored', async () => {
    const store = new SqliteEventStore({ path: ':memory:' });
    try {
      await store.append(
        'der-7',
        [
          {
            id: '00000000-0000-4000-8000-000000000001',
            type: 'MeterRead',
            data: { kw: 4 },
            metadata: { schemaVersion: 1 },
          },
        ],
        'no_stream',
      );
      const reader = new UpcastingEventReader(store, meterReads());
      const expected = { powerKw: 4, intervalMinutes: 60 };

      expect((await reader.readStream('der-7'))[0]?.data).toEqual(expected);
      for await (const event of reader.readAll()) expect(event.data).toEqual(expected);
      const subscription = reader.subscribeToAll();
      for await (const event of subscription) {
        expect(event.data).toEqual(expected);
        await subscription.close();
      }
      expect((await store.readStream('der-7'))[0]?.data).toEqual({ kw: 4 });
    } finally {
      await store.close();
    }
  });
});
