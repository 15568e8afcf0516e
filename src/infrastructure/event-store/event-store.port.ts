import type { JsonObject, JsonValue } from '../../../domain/shared/json.js';

/**
 * What the caller believes about the stream before appending:
 * - `'no_stream'`: the stream has no events yet;
 * - `'stream_exists'`: the stream has at least one event;
 * - `'any'`: no expectation;
 * - a bigint: the revision of the stream's last event (revisions start at 0n).
 */
export type ExpectedRevision = 'no_stream' | 'stream_exists' | 'any' | bigint;

export interface EventToAppend {
  /** A UUID (EventStoreDB requires one); comes from the IdGenerator so that seeded runs repeat. */
  readonly id: string;
  readonly type: string;
  readonly data: JsonValue;
  readonly metadata: JsonObject;
}

export interface RecordedEvent {
  readonly id: string;
  readonly streamId: string;
  /** 0-based position of the event inside its stream, without gaps. */
  readonly revision: bigint;
  /** Position in the store-wide log; increases with every append, may have gaps. */
  readonly position: bigint;
  readonly type: string;
  readonly data: JsonValue;
  readonly metadata: JsonObject;
}

export interface AppendResult {
  /** Revision of the last event appended: the expected revision for the next append. */
  readonly nextExpectedRevision: bigint;
  /** Global position of the last event appended. */
  readonly position: bigint;
}

export interface ReadStreamOptions {
  readonly direction?: 'forwards' | 'backwards';
  /** Inclusive start; defaults to the first event (forwards) or the last one (backwards). */
  readonly fromRevision?: bigint | 'start' | 'end';
  readonly maxCount?: number;
}

export interface AllFilter {
  /** Keep events whose stream id starts with one of these prefixes. */
  readonly streamPrefixes?: readonly string[];
  /** Keep events whose type is one of these. */
  readonly eventTypes?: readonly string[];
}

export interface ReadAllOptions {
  /** Exclusive: only events with a position strictly greater. `'start'` reads from the beginning. */
  readonly after?: bigint | 'start';
  readonly filter?: AllFilter;
  readonly maxCount?: number;
}

export interface SubscribeToAllOptions {
  readonly after?: bigint | 'start';
  readonly filter?: AllFilter;
}

/** Catches up on history, then yields new events as they are appended, until closed. */
export interface AllSubscription extends AsyncIterable<RecordedEvent> {
  close(): Promise<void>;
}

/**
 * The one contract every event store adapter satisfies (SQLite embedded, EventStoreDB production),
 * proven by the conformance suite in test/. History is immutable: there is no delete.
 */
export interface EventStore {
  append(
    streamId: string,
    events: readonly EventToAppend[],
    expectedRevision: ExpectedRevision,
  ): Promise<AppendResult>;
  /** Events of one stream; an unknown stream reads as empty. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;
  subscribeToAll(options?: SubscribeToAllOptions): AllSubscription;
  close(): Promise<void>;
}

export const EVENT_STORE = Symbol('EVENT_STORE');
