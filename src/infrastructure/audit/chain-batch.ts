import type { JsonObject } from '../../../domain/shared/json.js';
import type { EventToAppend } from '../event-store/event-store.port.js';
import type { EventJson } from '../event-store/prepared-append.js';
import { canonicalForm, canonicalJson, canonicalJsonWithout } from './canonical-json.js';
import { GENESIS_HASH, envelopeHash } from './event-hash.js';
import type { StreamHead } from './stream-head-cache.js';

/** A batch linked to its stream's head, with the JSON text each event is to be stored as. */
export interface ChainedBatch {
  readonly events: EventToAppend[];
  readonly json: EventJson[];
  readonly lastHash: string;
}

// The `hash` member while the hash is being computed; it cannot occur in canonical text any other
// way than as a member named `hash` with an empty string value.
const PLACEHOLDER = '"hash":""';

/**
 * Links `events` to `head`: each gets `prevHash` and `hash` (see event-hash.ts) in metadata
 * whose keys, like the data's, are in canonical order, so that the stored text is canonical and
 * verifying it later can hash it as it is. Walks each value once (`canonicalForm` copies it in
 * key order and prints the copy natively): the canonical text that is hashed is the text that is
 * stored.
 */
export const chainBatch = (
  streamId: string,
  events: readonly EventToAppend[],
  head: StreamHead | undefined,
): ChainedBatch => {
  let prevHash = head?.hash ?? GENESIS_HASH;
  let revision = head?.revision ?? -1n;
  const chained = new Array<EventToAppend>(events.length);
  const json = new Array<EventJson>(events.length);
  for (let i = 0; i < events.length; i++) {
    const { id, type, data: callerData, metadata: callerMetadata } = events[i]!;
    revision++;
    // A caller's own `prevHash` and `hash` are overwritten (no rest copy without them: one
    // object less per event); key order does not matter, canonicalForm sorts the keys.
    const { value: metadata, json: withPlaceholder } = canonicalForm<JsonObject>({
      schemaVersion: 1,
      ...callerMetadata,
      prevHash,
      hash: '',
    });
    const { value: data, json: dataJson } = canonicalForm(callerData);
    const at = uniqueIndexOf(withPlaceholder, PLACEHOLDER);
    // Found once, the placeholder is the top-level member (it is always there): cut it out. Found
    // twice (a nested `{"hash":""}`, or a key ending in `"hash`), serialize without it instead.
    const hashedMetadataJson =
      at < 0 ? canonicalJsonWithout(metadata, 'hash') : cutMember(withPlaceholder, at);
    prevHash = envelopeHash(id, streamId, revision, type, dataJson, hashedMetadataJson);
    metadata['hash'] = prevHash;
    const metadataJson =
      at < 0
        ? canonicalJson(metadata)
        : `${withPlaceholder.slice(0, at)}"hash":"${prevHash}"${withPlaceholder.slice(at + PLACEHOLDER.length)}`;
    chained[i] = { id, type, data, metadata };
    json[i] = { data: dataJson, metadata: metadataJson };
  }
  return { events: chained, json, lastHash: prevHash };
};

const uniqueIndexOf = (text: string, part: string): number => {
  const at = text.indexOf(part);
  return at >= 0 && text.indexOf(part, at + 1) < 0 ? at : -1;
};

/** The object text without the member at `at` and one comma next to it. */
const cutMember = (text: string, at: number): string => {
  const end = at + PLACEHOLDER.length;
  if (text[end] === ',') return text.slice(0, at) + text.slice(end + 1);
  if (text[at - 1] === ',') return text.slice(0, at - 1) + text.slice(end);
  return text.slice(0, at) + text.slice(end);
};
