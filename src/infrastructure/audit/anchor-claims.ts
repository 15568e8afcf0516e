import type { JsonValue } from '../../../domain/shared/json.js';
import { ANCHOR_STREAM_ID, parseAnchor, type StreamHeadsAnchored } from './anchor-event.js';
import type { ChainBreak } from './audit-report.js';
import type { ClaimIndex, ClaimSighting } from './chain-walker.js';

/** An anchor event as read from the store, before its data is trusted. */
export interface AnchorRecord {
  readonly revision: bigint;
  readonly position: bigint;
  readonly data: JsonValue;
}

interface ParsedAnchor {
  readonly record: AnchorRecord;
  readonly anchor: StreamHeadsAnchored | string;
}

/**
 * What the anchors assert, gathered before the walk so that the walk only has to note the stored
 * hash of each anchored head as it passes it; `judge` then compares, after the walk.
 */
export class AnchorClaims {
  readonly index: ClaimIndex;
  private readonly parsed: readonly ParsedAnchor[];

  constructor(records: readonly AnchorRecord[]) {
    this.parsed = records.map((record) => ({ record, anchor: parseAnchor(record.data) }));
    const index = new Map<string, Set<number>>();
    for (const { anchor } of this.parsed) {
      if (typeof anchor === 'string') continue;
      for (const head of anchor.heads) {
        const revisions = index.get(head.streamId) ?? new Set<number>();
        revisions.add(Number(head.revision));
        index.set(head.streamId, revisions);
      }
    }
    this.index = index;
  }

  get count(): number {
    return this.parsed.length;
  }

  /** The first anchor that is malformed, out of line, or asserts a head the store lacks. */
  judge(sightings: Iterable<ClaimSighting>): ChainBreak | undefined {
    const stored = new Map<string, Map<number, string | undefined>>();
    for (const { streamId, revision, hash } of sightings) {
      const revisions = stored.get(streamId) ?? new Map<number, string | undefined>();
      revisions.set(revision, hash);
      stored.set(streamId, revisions);
    }
    let previousThrough: string | null = null;
    for (const { record, anchor } of this.parsed) {
      const at = {
        streamId: ANCHOR_STREAM_ID,
        revision: record.revision,
        position: record.position,
      };
      if (typeof anchor === 'string') return { ...at, reason: 'ANCHOR_MALFORMED', detail: anchor };
      if (anchor.afterPosition !== previousThrough) {
        const detail = `anchor covers positions after ${String(anchor.afterPosition)}, but the previous one ended at ${String(previousThrough)}`;
        return { ...at, reason: 'ANCHOR_CHAIN_BROKEN', detail };
      }
      previousThrough = anchor.throughPosition;
      for (const head of anchor.heads) {
        const revision = BigInt(head.revision);
        const revisions = stored.get(head.streamId);
        const found = revisions?.get(Number(head.revision));
        const claim = `anchor ${record.revision} records ${head.streamId}@${head.revision} with hash ${head.hash}`;
        if (revisions?.has(Number(head.revision)) !== true) {
          const detail = `${claim}, but that event is gone: deleted after it was anchored`;
          return { streamId: head.streamId, revision, reason: 'ANCHOR_REVISION_MISSING', detail };
        }
        if (found !== head.hash) {
          const detail = `${claim}, but the stored event has hash ${String(found)}`;
          return { streamId: head.streamId, revision, reason: 'ANCHOR_HASH_MISMATCH', detail };
        }
      }
    }
    return undefined;
  }
}
