import type { JsonValue } from '../../../domain/shared/json.js';

/** The anchor stream: itself a hash chain, written through the ChainedEventStore. */
export const ANCHOR_STREAM_ID = 'audit-anchors';
export const ANCHOR_EVENT_TYPE = 'StreamHeadsAnchored';

/** The last event a stream had when an anchor was taken. Numbers are decimal strings in JSON. */
export interface AnchoredHead {
  readonly streamId: string;
  readonly revision: string;
  readonly hash: string;
}

/**
 * Data of a `StreamHeadsAnchored` event: the head of every stream (other than the anchor stream)
 * with events at global positions in `(afterPosition, throughPosition]`. `afterPosition` is the
 * previous anchor's `throughPosition`, `null` for the first anchor, so the anchors tile the log.
 */
export interface StreamHeadsAnchored {
  readonly afterPosition: string | null;
  readonly throughPosition: string;
  /** ISO-8601 instant by the injected clock; paces the periodic anchors. */
  readonly anchoredAt: string;
  readonly heads: readonly AnchoredHead[];
}

const DECIMAL = /^(0|[1-9][0-9]*)$/;
const HASH = /^[0-9a-f]{64}$/;

/** Reads anchor data back, or says what is wrong with it (for the verifier's report). */
export const parseAnchor = (data: JsonValue): StreamHeadsAnchored | string => {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return 'not an object';
  const { afterPosition, throughPosition, anchoredAt, heads } = data;
  if (afterPosition !== null && !isDecimal(afterPosition)) return 'bad afterPosition';
  if (!isDecimal(throughPosition)) return 'bad throughPosition';
  if (afterPosition !== null && BigInt(afterPosition) >= BigInt(throughPosition)) {
    return 'empty position range';
  }
  if (typeof anchoredAt !== 'string') return 'bad anchoredAt';
  if (!Array.isArray(heads)) return 'heads is not an array';
  for (const head of heads) {
    if (typeof head !== 'object' || head === null || Array.isArray(head)) return 'bad head';
    const { streamId, revision, hash } = head;
    if (typeof streamId !== 'string' || streamId === ANCHOR_STREAM_ID) return 'bad head streamId';
    if (!isDecimal(revision)) return `bad head revision for ${streamId}`;
    if (typeof hash !== 'string' || !HASH.test(hash)) return `bad head hash for ${streamId}`;
  }
  return { afterPosition, throughPosition, anchoredAt, heads: heads as unknown as AnchoredHead[] };
};

const isDecimal = (value: JsonValue | undefined): value is string =>
  typeof value === 'string' && DECIMAL.test(value);
