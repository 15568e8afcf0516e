import type { ChainBreakReason } from './audit-report.js';
import { GENESIS_HASH } from './event-hash.js';

/** One stored event as the walker needs it; numbers because this runs for every event. */
export interface WalkedEvent {
  readonly position: number;
  readonly streamId: string;
  readonly revision: number;
  readonly prevHash: string | undefined;
  readonly hash: string | undefined;
  /** Data and metadata could be read, and the metadata holds both hashes. */
  readonly chained: boolean;
  /** The content recomputes to `hash`. */
  readonly contentOk: boolean;
}

/** A broken link found by a walk, ordered by where it is in the log, then by `rank`. */
export interface Finding {
  readonly position: number;
  /** Checks run in this order on one event; a lower rank is the one a serial walk reports. */
  readonly rank: number;
  readonly streamId: string;
  readonly revision: number;
  readonly reason: ChainBreakReason;
  readonly detail: string;
}

/** A stream's first and last event inside one walk, for stitching walks of adjacent ranges. */
export interface StreamSpan {
  readonly streamId: string;
  readonly firstRevision: number;
  readonly firstPrevHash: string | undefined;
  readonly firstPosition: number;
  lastRevision: number;
  lastHash: string | undefined;
}

/** The anchored heads to look out for: revisions by stream. */
export type ClaimIndex = ReadonlyMap<string, ReadonlySet<number>>;

/** The stored hash of an anchored head, met during the walk. */
export interface ClaimSighting {
  readonly streamId: string;
  readonly revision: number;
  readonly hash: string | undefined;
}

/**
 * Checks each event against the previous event of its stream, in log order. A walk over the whole
 * log starts every stream at the genesis hash; a walk over a range leaves the first event of each
 * stream to `linkFinding` when the ranges are stitched together.
 */
export class ChainWalker {
  eventsChecked = 0;
  firstFinding: Finding | undefined;
  readonly spans = new Map<string, StreamSpan>();
  readonly sightings: ClaimSighting[] = [];

  constructor(
    private readonly fromGenesis: boolean,
    private readonly claims: ClaimIndex,
  ) {}

  visit(event: WalkedEvent): void {
    this.eventsChecked++;
    const span = this.spans.get(event.streamId);
    if (span !== undefined) {
      this.note(linkFinding(event, span.lastRevision, span.lastHash));
      span.lastRevision = event.revision;
      span.lastHash = event.hash;
    } else {
      this.spans.set(event.streamId, {
        streamId: event.streamId,
        firstRevision: event.revision,
        firstPrevHash: event.prevHash,
        firstPosition: event.position,
        lastRevision: event.revision,
        lastHash: event.hash,
      });
      if (this.fromGenesis) this.note(linkFinding(event, -1, GENESIS_HASH));
    }
    this.note(contentFinding(event));
    if (this.claims.get(event.streamId)?.has(event.revision) === true) {
      const { streamId, revision, hash } = event;
      this.sightings.push({ streamId, revision, hash });
    }
  }

  private note(finding: Finding | undefined): void {
    if (
      finding !== undefined &&
      (this.firstFinding === undefined || isEarlier(finding, this.firstFinding))
    ) {
      this.firstFinding = finding;
    }
  }
}

export const isEarlier = (a: Finding, b: Finding): boolean =>
  a.position < b.position || (a.position === b.position && a.rank < b.rank);

/** Revision and `prevHash` checks of an event against the stream's previous event. */
export const linkFinding = (
  event: Pick<WalkedEvent, 'position' | 'streamId' | 'revision' | 'prevHash'>,
  previousRevision: number,
  previousHash: string | undefined,
): Finding | undefined => {
  const { position, streamId, revision } = event;
  const expected = previousRevision + 1;
  if (revision > expected) {
    const detail = `expected revision ${expected}, found ${revision}: events are missing`;
    return { position, rank: 0, streamId, revision, reason: 'REVISION_GAP', detail };
  }
  if (revision < expected) {
    const detail = `expected revision ${expected}, found ${revision}`;
    return { position, rank: 0, streamId, revision, reason: 'REVISION_OUT_OF_ORDER', detail };
  }
  if (event.prevHash !== undefined && event.prevHash !== previousHash) {
    const detail = `prevHash ${event.prevHash} is not the previous event's hash ${String(previousHash)}`;
    return { position, rank: 2, streamId, revision, reason: 'PREV_HASH_MISMATCH', detail };
  }
  return undefined;
};

const contentFinding = (event: WalkedEvent): Finding | undefined => {
  const { position, streamId, revision } = event;
  if (!event.chained) {
    const detail = 'data or metadata unreadable, or metadata without hash and prevHash';
    return { position, rank: 1, streamId, revision, reason: 'NOT_CHAINED', detail };
  }
  if (!event.contentOk) {
    const detail = `content does not hash to the stored ${String(event.hash)}: edited`;
    return { position, rank: 3, streamId, revision, reason: 'HASH_MISMATCH', detail };
  }
  return undefined;
};
