import {
  ANY,
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
} from '@eventstore/db-client';
import { assertValidAppend } from '../append-validation.js';
import { ConcurrencyError } from '../errors.js';
import type {
  AllSubscription,
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeToAllOptions,
} from '../event-store.port.js';
import { matchesFilter } from './all-filter.js';
import { EventStoreDbAllSubscription } from './eventstoredb-all-subscription.js';
import {
  fromEsdbPosition,
  isSystemEvent,
  toEsdbPosition,
  toEventData,
  toRecordedEvent,
} from './recorded-event.mapper.js';

export interface EventStoreDbEventStoreOptions {
  /** A connection string such as `esdb://localhost:2113?tls=false`. */
  readonly url: string;
  /** Events fetched per `$all` read call; each page is one gRPC call that runs to its end. */
  readonly pageSize?: number;
}

const toEsdbExpectedRevision = (expected: ExpectedRevision): AppendExpectedRevision => {
  switch (expected) {
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    case 'any':
      return ANY;
    default:
      return expected;
  }
};

/** The production store: EventStoreDB over gRPC, with the same contract as the SQLite store. */
export class EventStoreDbEventStore implements EventStore {
  private readonly client: EventStoreDBClient;
  private readonly pageSize: number;
  private readonly subscriptions = new Set<EventStoreDbAllSubscription>();

  constructor(options: EventStoreDbEventStoreOptions) {
    this.client = EventStoreDBClient.connectionString(options.url);
    this.pageSize = options.pageSize ?? 1_000;
  }

  async append(
    streamId: string,
    events: readonly EventToAppend[],
    expectedRevision: ExpectedRevision,
  ): Promise<AppendResult> {
    assertValidAppend(streamId, events);
    try {
      const result = await this.client.appendToStream(streamId, events.map(toEventData), {
        expectedRevision: toEsdbExpectedRevision(expectedRevision),
      });
      if (result.position === undefined) {
        throw new Error(`EventStoreDB reported no position for the append to ${streamId}`);
      }
      return {
        nextExpectedRevision: result.nextExpectedRevision,
        position: result.position.commit,
      };
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      throw new ConcurrencyError(streamId, expectedRevision, error.actualVersion);
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const { direction = 'forwards', maxCount } = options;
    if (maxCount !== undefined && maxCount <= 0) return [];
    const backwards = direction === 'backwards';
    const fromRevision = options.fromRevision ?? (backwards ? 'end' : 'start');
    const read = this.client.readStream(streamId, {
      direction: backwards ? BACKWARDS : FORWARDS,
      fromRevision: fromRevision === 'start' ? START : fromRevision === 'end' ? END : fromRevision,
      ...(maxCount === undefined ? {} : { maxCount }),
    });
    const events: RecordedEvent[] = [];
    try {
      for await (const { event } of read) {
        if (event !== undefined) events.push(toRecordedEvent(event));
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return events;
  }

  /**
   * Reads `$all` page by page from `after` (exclusive), leaving out the server's own events and
   * applying our filter here (see all-filter.ts). Each page starts at the last event seen,
   * which EventStoreDB includes again, so it is skipped.
   */
  async *readAll(options: ReadAllOptions = {}): AsyncGenerator<RecordedEvent> {
    const keep = matchesFilter(options.filter);
    const maxCount = options.maxCount ?? Number.POSITIVE_INFINITY;
    let after = options.after ?? 'start';
    let yielded = 0;
    while (yielded < maxCount) {
      let [seen, last] = [0, after];
      for await (const { event } of this.readAllPage(after)) {
        seen++;
        if (event === undefined) continue;
        last = fromEsdbPosition(event.position);
        if (after !== 'start' && last <= after) continue;
        if (isSystemEvent(event)) continue;
        const recorded = toRecordedEvent(event);
        if (!keep(recorded)) continue;
        yield recorded;
        if (++yielded >= maxCount) return;
      }
      if (seen < this.pageSize || last === after) return;
      after = last;
    }
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): AllSubscription {
    const subscription = new EventStoreDbAllSubscription(this.client, options, (closed) =>
      this.subscriptions.delete(closed),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    await this.client.dispose();
  }

  /** One gRPC read call; cancelled if the consumer stops before the page ends. */
  private async *readAllPage(after: bigint | 'start'): AsyncGenerator<AllStreamResolvedEvent> {
    const read = this.client.readAll({
      fromPosition: after === 'start' ? START : toEsdbPosition(after),
      maxCount: this.pageSize,
      direction: FORWARDS,
    });
    let finished = false;
    try {
      for await (const resolved of read) yield resolved;
      finished = true;
    } finally {
      if (!finished) await read.cancel();
    }
  }
}
