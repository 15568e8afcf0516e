import type { RecordedEvent as EsdbRecordedEvent } from '@eventstore/db-client';
import {
  matchesFilter,
  serverFilterOf,
} from '../../src/infrastructure/event-store/eventstoredb/all-filter.js';
import {
  fromEsdbPosition,
  isSystemEvent,
  toRecordedEvent,
  UnreadableEventError,
} from '../../src/infrastructure/event-store/eventstoredb/recorded-event.mapper.js';

const esdbEvent = (overrides: Partial<Record<string, unknown>> = {}): EsdbRecordedEvent =>
  ({
    streamId: 'meter-1',
    id: '0b7c2d0e-6a3b-4c1f-9d7e-2f1a3b4c5d6e',
    isJson: true,
    revision: 3n,
    type: 'MeterRead',
    created: new Date(0),
    data: { powerKw: 1.5 },
    metadata: { correlationId: 'c-1' },
    position: { commit: 900n, prepare: 900n },
    ...overrides,
  }) as EsdbRecordedEvent;

describe('EventStoreDB recorded event mapping', () => {
  it('maps an event to exactly the port fields, position from the commit position', () => {
    expect(toRecordedEvent(esdbEvent())).toEqual({
      id: '0b7c2d0e-6a3b-4c1f-9d7e-2f1a3b4c5d6e',
      streamId: 'meter-1',
      revision: 3n,
      position: 900n,
      type: 'MeterRead',
      data: { powerKw: 1.5 },
      metadata: { correlationId: 'c-1' },
    });
  });

  it('falls back to the prepare position when a pre-22.6 server sends no commit position', () => {
    expect(fromEsdbPosition({ commit: 2n ** 64n - 1n, prepare: 512n })).toBe(512n);
    expect(fromEsdbPosition({ commit: 640n, prepare: 640n })).toBe(640n);
  });

  it('reads missing metadata as an empty object', () => {
    expect(toRecordedEvent(esdbEvent({ metadata: undefined })).metadata).toEqual({});
  });

  it.each<[string, Partial<Record<string, unknown>>]>([
    ['binary data', { isJson: false, data: new Uint8Array([1]) }],
    ['metadata that is not an object', { metadata: ['x'] }],
    ['binary metadata', { metadata: new Uint8Array([1]) }],
    ['no position', { position: undefined }],
  ])('refuses an event with %s', (_, overrides) => {
    expect(() => toRecordedEvent(esdbEvent(overrides))).toThrow(UnreadableEventError);
  });

  it('treats $-prefixed streams and types as system events', () => {
    expect(isSystemEvent({ streamId: '$settings', type: 'update-default-acl' })).toBe(true);
    expect(isSystemEvent({ streamId: 'meter-1', type: '$>' })).toBe(true);
    expect(isSystemEvent({ streamId: 'meter-1', type: 'MeterRead' })).toBe(false);
  });
});

describe('EventStoreDB $all filters', () => {
  it('asks the server for stream prefixes first, else for exact, escaped event types', () => {
    expect(serverFilterOf({ streamPrefixes: ['bid-'], eventTypes: ['A'] })).toMatchObject({
      filterOn: 'streamName',
      prefixes: ['bid-'],
    });
    const byType = serverFilterOf({ eventTypes: ['Bid.Submitted', 'BidWithdrawn'] });
    expect(byType).toMatchObject({ filterOn: 'eventType' });
    const regex = new RegExp((byType as { regex: string }).regex);
    expect(['Bid.Submitted', 'BidWithdrawn'].map((t) => regex.test(t))).toEqual([true, true]);
    expect(['BidXSubmitted', 'BidWithdrawnLater'].map((t) => regex.test(t))).toEqual([
      false,
      false,
    ]);
    expect(serverFilterOf(undefined)).toMatchObject({ filterOn: 'eventType', regex: '^[^$].*' });
  });

  it('keeps an event only when it matches every part of the filter', () => {
    const event = toRecordedEvent(esdbEvent());
    expect(matchesFilter(undefined)(event)).toBe(true);
    expect(matchesFilter({ streamPrefixes: ['meter-'], eventTypes: ['MeterRead'] })(event)).toBe(
      true,
    );
    expect(matchesFilter({ streamPrefixes: ['meter-'], eventTypes: ['Other'] })(event)).toBe(false);
    expect(matchesFilter({ streamPrefixes: [] })(event)).toBe(false);
  });
});
