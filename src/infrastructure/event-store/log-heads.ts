import type { JsonObject } from '../../../domain/shared/json.js';
import type { EventStore } from './event-store.port.js';

/** The last event of one stream within a stretch of the log, without its data. */
export interface LogHead {
  readonly streamId: string;
  readonly revision: bigint;
  readonly position: bigint;
  readonly metadata: JsonObject;
}

/** A stretch of the log: what the anchorer covers with one anchor. */
export interface LogHeadsQuery {
  /** Exclusive, as for `readAll`. */
  readonly after: bigint | 'start';
  /** The stretch ends at the `maxCounted`-th counted event (at least the first), else at the end of the log. */
  readonly maxCounted: number;
  /** A stream whose events are gone through but neither counted nor reported (the anchors). */
  readonly passedOver: string;
}

export interface LogHeads {
  /**
   * Position of the last event of the stretch (counted or passed over); undefined when no event
   * was counted, since a stretch of passed-over events alone is of no use.
   */
  readonly throughPosition: bigint | undefined;
  /** Events counted, at most `maxCounted`. */
  readonly counted: number;
  /** For every stream with counted events, its last event in the stretch; in no set order. */
  readonly heads: readonly LogHead[];
}

/**
 * An adapter's cheap way to the stream heads of a stretch of the log, reading no event's data:
 * the anchorer needs only each stream's last revision and hash. Must give what
 * `readLogHeadsByReplay` gives over the same log; the replay is the definition.
 */
export interface LogHeadsReader {
  readLogHeads(query: LogHeadsQuery): Promise<LogHeads>;
}

export const isLogHeadsReader = (store: object): store is LogHeadsReader =>
  typeof (store as Partial<LogHeadsReader>).readLogHeads === 'function';

/**
 * The stream heads of a stretch of the log, by reading every event in it through `readAll`:
 * works on any adapter, and defines what a faster `LogHeadsReader` must return.
 */
export const readLogHeadsByReplay = async (
  store: EventStore,
  { after, maxCounted, passedOver }: LogHeadsQuery,
): Promise<LogHeads> => {
  const heads = new Map<string, LogHead>();
  let throughPosition: bigint | undefined;
  let counted = 0;
  for await (const event of store.readAll({ after })) {
    throughPosition = event.position;
    if (event.streamId === passedOver) continue;
    const { streamId, revision, position, metadata } = event;
    heads.set(streamId, { streamId, revision, position, metadata });
    if (++counted >= maxCounted) break;
  }
  return {
    throughPosition: counted === 0 ? undefined : throughPosition,
    counted,
    heads: [...heads.values()],
  };
};
