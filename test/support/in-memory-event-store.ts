import type { JsonObject, JsonValue } from '../../domain/shared/json.js';
import { assertValidAppend } from '../../src/infrastructure/event-store/append-validation.js';
import {
  ConcurrencyError,
  InvalidAppendError,
} from '../../src/infrastructure/event-store/errors.js';
import type {
  AllFilter,
  AllSubscription,
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeToAllOptions,
} from '../../src/infrastructure/event-store/event-store.port.js';

/**
 * An EventStore in a JS array, keeping the port's semantics (EventStoreDB's expected-revision
 * rules, positions from 1 up, unknown streams read as empty, a duplicate event id refused,
 * copies in and out so that nobody can edit history through a reference).
 */
export class InMemoryEventStore implements EventStore {
  private readonly log: RecordedEvent[] = [];
  private readonly streams = new Map<string, RecordedEvent[]>();
  private readonly ids = new Set<string>();
  private readonly wakers = new Set<() => void>();
  private readonly subscriptions = new Set<AllSubscription>();

  async append(
    streamId: string,
    events: readonly EventToAppend[],
    expectedRevision: ExpectedRevision,
  ): Promise<AppendResult> {
    assertValidAppend(streamId, events);
    const stream = this.streams.get(streamId) ?? [];
    const last = stream.at(-1)?.revision;
    const matches =
      expectedRevision === 'any' ||
      (expectedRevision === 'no_stream' && last === undefined) ||
      (expectedRevision === 'stream_exists' && last !== undefined) ||
      last === expectedRevision;
    if (!matches) throw new ConcurrencyError(streamId, expectedRevision, last ?? 'no_stream');
    if (
      events.some(
        (event, i) => this.ids.has(event.id) || events.findIndex((e) => e.id === event.id) !== i,
      )
    ) {
      throw new InvalidAppendError(
        'EVENT_STORE.DUPLICATE_EVENT_ID',
        `stream ${streamId}: duplicate event id`,
        'events',
      );
    }
    let revision = last ?? -1n;
    for (const event of events) {
      const recorded: RecordedEvent = {
        id: event.id,
        streamId,
        revision: ++revision,
        position: BigInt(this.log.length + 1),
        type: event.type,
        data: structuredClone(event.data),
        metadata: structuredClone(event.metadata),
      };
      this.log.push(recorded);
      stream.push(recorded);
      this.ids.add(event.id);
    }
    this.streams.set(streamId, stream);
    for (const wake of [...this.wakers]) wake();
    return { nextExpectedRevision: revision, position: BigInt(this.log.length) };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const { direction = 'forwards', fromRevision, maxCount = Infinity } = options;
    const stream = this.streams.get(streamId) ?? [];
    const picked =
      direction === 'forwards'
        ? fromRevision === 'end'
          ? []
          : stream.filter(
              (e) =>
                fromRevision === undefined ||
                fromRevision === 'start' ||
                e.revision >= fromRevision,
            )
        : stream
            .filter(
              (e) =>
                fromRevision === undefined ||
                fromRevision === 'end' ||
                (fromRevision === 'start' ? e.revision === 0n : e.revision <= fromRevision),
            )
            .reverse();
    return picked.slice(0, Math.max(0, maxCount)).map(copyOf);
  }

  readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    const log = this.log;
    const after = options.after === undefined || options.after === 'start' ? 0n : options.after;
    const keep = matcher(options.filter);
    const maxCount = options.maxCount ?? Infinity;
    return {
      async *[Symbol.asyncIterator]() {
        const end = log.length; // what was committed when the read began
        let yielded = 0;
        // Positions are 1, 2, 3...: the event at position p sits at index p - 1.
        for (let i = Number(after); i < end && yielded < maxCount; i++) {
          const event = log[i]!;
          if (keep(event)) {
            yielded++;
            yield copyOf(event);
          }
        }
      },
    };
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): AllSubscription {
    const { log, wakers, subscriptions } = this;
    const keep = matcher(options.filter);
    let cursor = options.after === undefined || options.after === 'start' ? 0n : options.after;
    let closed = false;
    let wake: (() => void) | undefined;
    const close = async (): Promise<void> => {
      closed = true;
      wake?.();
      subscriptions.delete(subscription);
    };
    async function* events(): AsyncGenerator<RecordedEvent, void, undefined> {
      try {
        while (!closed) {
          const next = log[Number(cursor)];
          if (next === undefined) {
            await new Promise<void>((resolve) => {
              wake = () => {
                wakers.delete(wake!);
                wake = undefined;
                resolve();
              };
              wakers.add(wake);
            });
            continue;
          }
          cursor = next.position;
          if (keep(next)) yield copyOf(next);
        }
      } finally {
        await close();
      }
    }
    const iterator = events();
    const subscription: AllSubscription = { [Symbol.asyncIterator]: () => iterator, close };
    this.subscriptions.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
  }
}

const copyOf = (event: RecordedEvent): RecordedEvent => ({
  ...event,
  data: structuredClone(event.data) as JsonValue,
  metadata: structuredClone(event.metadata) as JsonObject,
});

const matcher =
  (filter: AllFilter | undefined) =>
  (event: RecordedEvent): boolean =>
    (filter?.streamPrefixes === undefined ||
      filter.streamPrefixes.some((prefix) => event.streamId.startsWith(prefix))) &&
    (filter?.eventTypes === undefined || filter.eventTypes.includes(event.type));
