import { DateTime } from 'luxon';
import type { JsonObject } from '../../../domain/shared/json.js';
import type { Clock } from '../../../domain/shared/clock.port.js';
import type { IdGenerator } from '../../../domain/shared/id-generator.port.js';
import { ConcurrencyError } from '../event-store/errors.js';
import type { EventStore } from '../event-store/event-store.port.js';
import {
  readLogHeadsByReplay,
  type LogHead,
  type LogHeads,
  type LogHeadsQuery,
  type LogHeadsReader,
} from '../event-store/log-heads.js';
import {
  ANCHOR_EVENT_TYPE,
  ANCHOR_STREAM_ID,
  parseAnchor,
  type AnchoredHead,
  type StreamHeadsAnchored,
} from './anchor-event.js';
import { AuditError } from './audit-errors.js';

export interface AnchorerOptions {
  /** Least time between two periodic anchors. */
  readonly intervalMs?: number;
  /** Log events covered by one anchor at most; a longer backlog gets several anchors. */
  readonly maxEventsPerAnchor?: number;
  /** Where failures of background anchoring (started by `afterAppend`) go. */
  readonly onError?: (error: unknown) => void;
  /**
   * The adapter under `store`, when it can give the stream heads of a stretch of the log without
   * reading every event's data (the SQLite adapter can); else the anchorer replays the stretch
   * through `store.readAll`. Either way the heads come from the store, so anchors stay right
   * after a restart and when other processes append.
   */
  readonly logHeads?: LogHeadsReader;
}

interface LastAnchor {
  readonly revision: bigint;
  readonly data: StreamHeadsAnchored;
}

/**
 * Writes `StreamHeadsAnchored` events so that deleting the tail of a stream breaks a recorded
 * fact. Each anchor starts where the previous one ended, found from the anchor stream itself, so
 * a restart loses nothing. `store` must be the ChainedEventStore: anchors are chained too.
 */
export class Anchorer {
  private readonly intervalMs: number;
  private readonly maxEventsPerAnchor: number;
  private readonly onError: (error: unknown) => void;
  private readonly readLogHeads: (query: LogHeadsQuery) => Promise<LogHeads>;
  private running: Promise<StreamHeadsAnchored[]> | undefined;
  private lastAnchoredAtMs: number | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    options: AnchorerOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? 60_000;
    this.maxEventsPerAnchor = options.maxEventsPerAnchor ?? 100_000;
    this.onError =
      options.onError ??
      ((error) => process.emitWarning(`audit anchoring failed: ${String(error)}`));
    const { logHeads } = options;
    this.readLogHeads =
      logHeads === undefined
        ? (query) => readLogHeadsByReplay(store, query)
        : (query) => logHeads.readLogHeads(query);
  }

  /** The `afterAppend` hook of the ChainedEventStore: anchors in the background when due. */
  readonly afterAppend = (): void => {
    // It runs after every append: unless an anchor is due, return without making a promise.
    if (this.running !== undefined || !this.due()) return;
    this.maybeAnchor().catch(this.onError);
  };

  /** Anchors everything appended so far (on demand, e.g. at shutdown); writes nothing if idle. */
  anchorNow(): Promise<StreamHeadsAnchored[]> {
    const previous = this.running ?? Promise.resolve([]);
    const next = previous.catch(() => []).then(() => this.writeAnchors());
    this.track(next);
    return next;
  }

  /** Anchors if the interval has passed since the last anchor (or there is none yet). */
  async maybeAnchor(): Promise<StreamHeadsAnchored[]> {
    if (this.running !== undefined) return this.running;
    return this.due() ? this.anchorNow() : [];
  }

  private due(): boolean {
    const last = this.lastAnchoredAtMs;
    return last === undefined || this.clock.nowEpochMs() - last >= this.intervalMs;
  }

  /** Resolves once no anchoring is in progress (for shutdown and tests). */
  async settled(): Promise<void> {
    while (this.running !== undefined) await this.running.catch(() => undefined);
  }

  private track(work: Promise<StreamHeadsAnchored[]>): void {
    this.running = work;
    const clear = (): void => {
      if (this.running === work) this.running = undefined;
    };
    work.then(clear, clear);
  }

  private async writeAnchors(): Promise<StreamHeadsAnchored[]> {
    const written: StreamHeadsAnchored[] = [];
    let conflicts = 0;
    for (;;) {
      const last = await this.readLastAnchor();
      const next = await this.nextAnchor(last);
      if (next === undefined) return written;
      const event = {
        id: this.ids.next(),
        type: ANCHOR_EVENT_TYPE,
        data: toJson(next.anchor),
        metadata: {},
      };
      try {
        await this.store.append(ANCHOR_STREAM_ID, [event], last?.revision ?? 'no_stream');
      } catch (error) {
        // Another process anchored first: start again from its anchor.
        if (!(error instanceof ConcurrencyError) || ++conflicts >= 5) throw error;
        continue;
      }
      this.lastAnchoredAtMs = DateTime.fromISO(next.anchor.anchoredAt).toMillis();
      written.push(next.anchor);
      // Go on only through a backlog: events appended meanwhile wait for the next interval, or
      // a busy store would be anchored over and over instead of once a minute.
      if (!next.backlog) return written;
    }
  }

  private async readLastAnchor(): Promise<LastAnchor | undefined> {
    const [event] = await this.store.readStream(ANCHOR_STREAM_ID, {
      direction: 'backwards',
      maxCount: 1,
    });
    if (event === undefined) return undefined;
    const data = parseAnchor(event.data);
    if (typeof data === 'string') {
      throw new AuditError('AUDIT.ANCHOR_MALFORMED', `anchor ${event.revision}: ${data}`);
    }
    this.lastAnchoredAtMs = DateTime.fromISO(data.anchoredAt).toMillis();
    return { revision: event.revision, data };
  }

  /**
   * The anchor covering the log after `last` (undefined when nothing but anchors was added), and
   * whether it stopped at `maxEventsPerAnchor` with more of the log still to cover.
   */
  private async nextAnchor(
    last: LastAnchor | undefined,
  ): Promise<{ anchor: StreamHeadsAnchored; backlog: boolean } | undefined> {
    const afterPosition = last?.data.throughPosition ?? null;
    const stretch = await this.readLogHeads({
      after: afterPosition === null ? 'start' : BigInt(afterPosition),
      maxCounted: this.maxEventsPerAnchor,
      // Earlier anchors are passed over but not counted, so anchors never chase their own tail.
      passedOver: ANCHOR_STREAM_ID,
    });
    const { throughPosition, counted } = stretch;
    if (stretch.heads.length === 0 || throughPosition === undefined) return undefined;
    const anchoredAt = this.clock.now().toUTC().toISO();
    if (anchoredAt === null)
      throw new AuditError('AUDIT.CLOCK_INVALID', 'the clock gave an invalid instant');
    const anchor = {
      afterPosition,
      throughPosition: throughPosition.toString(),
      anchoredAt,
      heads: stretch.heads.map(anchoredHead).sort((a, b) => (a.streamId < b.streamId ? -1 : 1)),
    };
    return { anchor, backlog: counted >= this.maxEventsPerAnchor };
  }
}

const toJson = (anchor: StreamHeadsAnchored): JsonObject => ({
  afterPosition: anchor.afterPosition,
  throughPosition: anchor.throughPosition,
  anchoredAt: anchor.anchoredAt,
  heads: anchor.heads.map(({ streamId, revision, hash }) => ({ streamId, revision, hash })),
});

const anchoredHead = (head: LogHead): AnchoredHead => {
  const hash = head.metadata['hash'];
  if (typeof hash !== 'string') {
    throw new AuditError(
      'AUDIT.STREAM_NOT_CHAINED',
      `stream ${head.streamId}: revision ${head.revision} carries no hash; cannot anchor it`,
    );
  }
  return { streamId: head.streamId, revision: head.revision.toString(), hash };
};
