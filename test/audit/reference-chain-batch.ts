import type { JsonObject } from '../../domain/shared/json.js';
import {
  canonicalCopy,
  canonicalJson,
  canonicalJsonWithout,
} from '../../src/infrastructure/audit/canonical-json.js';
import { GENESIS_HASH, envelopeHash } from '../../src/infrastructure/audit/event-hash.js';
import type { ChainedBatch } from '../../src/infrastructure/audit/chain-batch.js';
import type { StreamHead } from '../../src/infrastructure/audit/stream-head-cache.js';
import type { EventToAppend } from '../../src/infrastructure/event-store/event-store.port.js';

/**
 * The chain as it was written before it walked each value once (copy, then serialize the copy,
 * then cut a placeholder `hash` member out of the text): kept to hold the faster one to the
 * very same texts and hashes.
 */
export const referenceChainBatch = (
  streamId: string,
  events: readonly EventToAppend[],
  head: StreamHead | undefined,
): ChainedBatch => {
  let prevHash = head?.hash ?? GENESIS_HASH;
  let revision = head?.revision ?? -1n;
  const chained: EventToAppend[] = [];
  const json: { data: string; metadata: string }[] = [];
  for (const { id, type, data: callerData, metadata: callerMetadata } of events) {
    revision++;
    const { hash: _callerHash, ...kept } = callerMetadata;
    const metadata: JsonObject = canonicalCopy({ schemaVersion: 1, ...kept, prevHash, hash: '' });
    const data = canonicalCopy(callerData);
    const dataJson = canonicalJson(data);
    prevHash = envelopeHash(
      id,
      streamId,
      revision,
      type,
      dataJson,
      canonicalJsonWithout(metadata, 'hash'),
    );
    metadata['hash'] = prevHash;
    chained.push({ id, type, data, metadata });
    json.push({ data: dataJson, metadata: canonicalJson(metadata) });
  }
  return { events: chained, json, lastHash: prevHash };
};
