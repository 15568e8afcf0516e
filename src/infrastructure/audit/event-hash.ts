import { hash as digest } from 'node:crypto';

import { canonicalJson, canonicalJsonWithout } from './canonical-json.js';

/** `prevHash` of the first event of every stream. */
export const GENESIS_HASH = '0'.repeat(64);

/** What the hash covers: the event as stored, minus its global position. */
export interface HashedEventFields {
  /** The event id, so that rewriting it (EventStoreDB deduplicates appends by id) is caught. */
  readonly id: string;
  readonly streamId: string;
  readonly revision: bigint | number;
  readonly type: string;
  readonly data: unknown;
  /** The event's metadata; its `hash` key, if present, is left out and `prevHash` is kept. */
  readonly metadata: Readonly<Record<string, unknown>>;
}

/**
 * The one definition of an event's hash, used by the writer and by every verifier: hex SHA-256
 * of the RFC 8785 text of `{ id, streamId, revision (decimal string), type, data, metadata }`.
 */
export const eventHash = (event: HashedEventFields): string =>
  envelopeHash(
    event.id,
    event.streamId,
    event.revision,
    event.type,
    canonicalJson(event.data),
    canonicalJsonWithout(event.metadata, 'hash'),
  );

/** An event as SQLite holds it: data and metadata as JSON text, plus their parsed values. */
export interface StoredEvent {
  readonly id: string;
  readonly streamId: string;
  readonly revision: bigint | number;
  readonly type: string;
  readonly dataText: string;
  readonly data: unknown;
  readonly metadataText: string;
  readonly metadata: Readonly<Record<string, unknown>>;
}

/**
 * Whether a stored event carries `expectedHash` (its metadata's `hash`), as `eventHash` would
 * decide, but faster for what the chained writer stores: canonical text. That text is hashed as
 * it is, with only the `"hash":"…"` member cut out of the metadata, which skips re-serializing.
 * A match is proof enough: by collision resistance the hashed text is then the original canonical
 * envelope, so the data text (valid JSON, so it cannot spill into the rest) is the canonical data,
 * and the cut metadata, which then has no top-level `hash`, lost exactly the top-level member.
 * Anything else (text of another form, a cut in the wrong place, a real edit) is decided by
 * re-serializing the parsed values.
 */
export const storedEventHashMatches = (event: StoredEvent, expectedHash: string): boolean => {
  const { id, streamId, revision, type, metadataText } = event;
  const withoutHash = cutMember(metadataText, `"hash":${JSON.stringify(expectedHash)}`);
  if (
    withoutHash !== undefined &&
    envelopeHash(id, streamId, revision, type, event.dataText, withoutHash) === expectedHash
  ) {
    return true;
  }
  const metadataJson = canonicalJsonWithout(event.metadata, 'hash');
  return (
    envelopeHash(id, streamId, revision, type, canonicalJson(event.data), metadataJson) ===
    expectedHash
  );
};

/** `objectText` without the first occurrence of `member` and its separating comma. */
const cutMember = (objectText: string, member: string): string | undefined => {
  const start = objectText.indexOf(member);
  if (start < 0) return undefined;
  const end = start + member.length;
  if (objectText[end] === ',') return objectText.slice(0, start) + objectText.slice(end + 1);
  if (objectText[start - 1] === ',') return objectText.slice(0, start - 1) + objectText.slice(end);
  return objectText.slice(0, start) + objectText.slice(end);
};

/**
 * The hash of an event from the canonical JSON of its data and of its metadata without `hash`,
 * for a writer that holds those texts already (the chain computes them to store them too).
 * The envelope's keys in canonical order: data < id < metadata < revision < streamId < type.
 */
export const envelopeHash = (
  id: string,
  streamId: string,
  revision: bigint | number,
  type: string,
  dataJson: string,
  metadataJson: string,
): string =>
  digest(
    'sha256',
    `{"data":${dataJson},"id":${JSON.stringify(id)},"metadata":${metadataJson},"revision":"${revision}","streamId":${JSON.stringify(streamId)},"type":${JSON.stringify(type)}}`,
    'hex',
  );
