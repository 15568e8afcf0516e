import { randomUUID } from 'node:crypto';
import type { JsonObject, JsonValue } from '../../../domain/shared/json.js';
import { ConcurrencyError } from '../../../src/infrastructure/event-store/errors.js';
import type {
  EventStore,
  EventToAppend,
  ExpectedRevision,
  RecordedEvent,
} from '../../../src/infrastructure/event-store/event-store.port.js';

/** Gives each test the store opened for it (the store may be shared with other tests). */
export interface StoreHandle {
  readonly store: () => EventStore;
}

/** A fresh prefix per test, so tests never see each other's streams even in a shared store. */
export const uniquePrefix = (): string => `c${randomUUID().replaceAll('-', '')}`;

/** An event type nobody else uses, so type filters can be checked without a stream filter. */
export const uniqueType = (name: string): string => `${name}${randomUUID().replaceAll('-', '')}`;

export const newEvent = (
  type = 'ThingHappened',
  data: JsonValue = { n: 1 },
  metadata: JsonObject = {},
): EventToAppend => ({ id: randomUUID(), type, data, metadata });

export const newEvents = (count: number, type = 'ThingHappened'): EventToAppend[] =>
  Array.from({ length: count }, (_, i) => newEvent(type, { i }));

export const collect = async (events: AsyncIterable<RecordedEvent>): Promise<RecordedEvent[]> => {
  const all: RecordedEvent[] = [];
  for await (const event of events) all.push(event);
  return all;
};

/** Awaits exactly `count` events from a (possibly endless) iterator; a missing one times out the test. */
export const take = async (
  iterator: AsyncIterator<RecordedEvent>,
  count: number,
): Promise<RecordedEvent[]> => {
  const taken: RecordedEvent[] = [];
  while (taken.length < count) {
    const next = await iterator.next();
    if (next.done === true) throw new Error(`iteration ended after ${taken.length} of ${count}`);
    taken.push(next.value);
  }
  return taken;
};

export const idsOf = (events: readonly { readonly id: string }[]): string[] =>
  events.map((event) => event.id);

export const revisionsOf = (events: readonly RecordedEvent[]): bigint[] =>
  events.map((event) => event.revision);

export const expectIncreasingPositions = (events: readonly RecordedEvent[]): void => {
  for (let i = 1; i < events.length; i++) {
    expect(events[i]!.position > events[i - 1]!.position).toBe(true);
  }
};

/** Settles a promise into its rejection reason, failing if it resolves. */
export const rejectionOf = async (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    (value) => {
      throw new Error(`expected a rejection, got ${String(value)}`);
    },
    (error: unknown) => error,
  );

export const expectConcurrencyError = async (
  append: Promise<unknown>,
  streamId: string,
  expected: ExpectedRevision,
  actual: bigint | 'no_stream',
): Promise<void> => {
  const error = await rejectionOf(append);
  expect(error).toBeInstanceOf(ConcurrencyError);
  expect(error).toMatchObject({
    code: 'EVENT_STORE.WRONG_EXPECTED_REVISION',
    streamId,
    expected,
    actual,
  });
};
