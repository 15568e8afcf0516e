import { assertValidAppend } from '../event-store/append-validation.js';
import { ConcurrencyError } from '../event-store/errors.js';
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
} from '../event-store/event-store.port.js';
import { markPrepared } from '../event-store/prepared-append.js';
import { AuditError } from './audit-errors.js';
import { chainBatch } from './chain-batch.js';
import { StreamHeadCache, type StreamHead } from './stream-head-cache.js';

export interface ChainedEventStoreOptions {
  /**
   * Told about every committed append (e.g. `Anchorer.afterAppend`). It runs inside `append`, so
   * it must return at once and never throw: the events are already stored.
   */
  readonly afterAppend?: (streamId: string, result: AppendResult) => void;
  /** Attempts for `'any'` and `'stream_exists'` when another writer appends in between. */
  readonly maxAttempts?: number;
  /** Stream heads remembered between appends, sparing a read of the head each time. */
  readonly headCacheSize?: number;
}

const HASH = /^[0-9a-f]{64}$/;

/** No head remembered that the caller's expectation agrees with: the stored one must be read. */
const UNKNOWN = Symbol('unknown head');

/**
 * Makes every stream a hash chain (DESIGN.md §6): the only place hashes are computed. An append
 * takes the stream head (remembered from the last append here, or read), checks the caller's
 * expectation against it, links the new events to the head's hash and appends at exactly that
 * revision, so that a concurrent writer makes the inner store refuse the batch instead of
 * forking the chain.
 */
export class ChainedEventStore implements EventStore {
  private readonly maxAttempts: number;
  private readonly heads: StreamHeadCache;

  constructor(
    private readonly inner: EventStore,
    private readonly options: ChainedEventStoreOptions = {},
  ) {
    this.maxAttempts = options.maxAttempts ?? 10;
    this.heads = new StreamHeadCache(options.headCacheSize ?? 10_000);
  }

  async append(
    streamId: string,
    events: readonly EventToAppend[],
    expectedRevision: ExpectedRevision,
  ): Promise<AppendResult> {
    assertValidAppend(streamId, events);
    for (let attempt = 1; ; attempt++) {
      // Awaited only when it has to be read: a remembered head costs no trip through the queue.
      const remembered = this.rememberedHead(streamId, expectedRevision);
      const head = remembered === UNKNOWN ? await this.storedHead(streamId) : remembered;
      const actual = head?.revision ?? 'no_stream';
      if (!satisfies(expectedRevision, actual)) {
        throw new ConcurrencyError(streamId, expectedRevision, actual);
      }
      const { events: chained, json, lastHash } = chainBatch(streamId, events, head);
      // Validated above and serialized by the chain: the adapter need do neither again.
      markPrepared(chained, json);
      let result: AppendResult;
      try {
        result = await this.inner.append(streamId, chained, actual);
      } catch (error) {
        this.heads.forget(streamId);
        if (!(error instanceof ConcurrencyError)) throw error;
        // Someone appended after the head we took. With an exact expectation the caller must
        // decide again; otherwise the expectation still holds, so link to the new head.
        const retriable = expectedRevision === 'any' || expectedRevision === 'stream_exists';
        if (!retriable || attempt >= this.maxAttempts) {
          throw new ConcurrencyError(streamId, expectedRevision, error.actual);
        }
        continue;
      }
      this.heads.set(streamId, { revision: result.nextExpectedRevision, hash: lastHash });
      this.options.afterAppend?.(streamId, result);
      return result;
    }
  }

  /**
   * The remembered head when it agrees with the caller, else UNKNOWN (read the stored one). A
   * caller expecting a new stream that we know nothing about is taken at its word, sparing a
   * read for the first append of every stream: if the stream does exist, the inner store refuses
   * the append at `'no_stream'` with the same ConcurrencyError the read would have led to.
   */
  private rememberedHead(
    streamId: string,
    expected: ExpectedRevision,
  ): StreamHead | undefined | typeof UNKNOWN {
    const cached = this.heads.get(streamId);
    if (cached === undefined) return expected === 'no_stream' ? undefined : UNKNOWN;
    return satisfies(expected, cached.revision) ? cached : UNKNOWN;
  }

  private async storedHead(streamId: string): Promise<StreamHead | undefined> {
    const [event] = await this.inner.readStream(streamId, { direction: 'backwards', maxCount: 1 });
    return event === undefined ? undefined : { revision: event.revision, hash: headHash(event) };
  }

  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.inner.readStream(streamId, options);
  }

  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent> {
    return this.inner.readAll(options);
  }

  subscribeToAll(options?: SubscribeToAllOptions): AllSubscription {
    return this.inner.subscribeToAll(options);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

const satisfies = (expected: ExpectedRevision, actual: bigint | 'no_stream'): boolean =>
  expected === 'any' ||
  (expected === 'stream_exists' ? actual !== 'no_stream' : expected === actual);

const headHash = (head: RecordedEvent): string => {
  const hash = head.metadata['hash'];
  if (typeof hash !== 'string' || !HASH.test(hash)) {
    throw new AuditError(
      'AUDIT.STREAM_NOT_CHAINED',
      `stream ${head.streamId}: revision ${head.revision} carries no hash, so it cannot be extended as a chain`,
    );
  }
  return hash;
};
