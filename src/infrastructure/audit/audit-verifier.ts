import type { EventStore, RecordedEvent } from '../event-store/event-store.port.js';
import { AnchorClaims } from './anchor-claims.js';
import { ANCHOR_STREAM_ID } from './anchor-event.js';
import type { AuditReport } from './audit-report.js';
import { ChainWalker, type ClaimSighting, type Finding, type WalkedEvent } from './chain-walker.js';
import { eventHash } from './event-hash.js';

/**
 * Verifies every stream's hash chain and every anchor through the port alone, so it works on any
 * adapter (EventStoreDB included): one pass over `readAll` in log order.
 */
export const verifyEventStore = async (store: EventStore): Promise<AuditReport> => {
  const anchors = await store.readStream(ANCHOR_STREAM_ID);
  const claims = new AnchorClaims(anchors);
  const walker = new ChainWalker(true, claims.index);
  for await (const event of store.readAll()) walker.visit(walkedEvent(event));
  return composeReport({
    eventsChecked: walker.eventsChecked,
    streamsChecked: walker.spans.size,
    finding: walker.firstFinding,
    claims,
    sightings: walker.sightings,
  });
};

export interface ReportParts {
  readonly eventsChecked: number;
  readonly streamsChecked: number;
  readonly finding: Finding | undefined;
  readonly claims: AnchorClaims;
  readonly sightings: Iterable<ClaimSighting>;
}

/** Chain breaks come first; the anchors are judged only over an intact log. */
export const composeReport = (parts: ReportParts): AuditReport => {
  const { eventsChecked, streamsChecked, finding, claims } = parts;
  const counts = { eventsChecked, streamsChecked, anchorsChecked: claims.count };
  const firstBreak =
    finding === undefined
      ? claims.judge(parts.sightings)
      : {
          streamId: finding.streamId,
          revision: BigInt(finding.revision),
          position: BigInt(finding.position),
          reason: finding.reason,
          detail: finding.detail,
        };
  return firstBreak === undefined ? { ok: true, ...counts } : { ok: false, ...counts, firstBreak };
};

const walkedEvent = (event: RecordedEvent): WalkedEvent => {
  const { hash, prevHash } = event.metadata;
  const chained = typeof hash === 'string' && typeof prevHash === 'string';
  return {
    position: Number(event.position),
    streamId: event.streamId,
    revision: Number(event.revision),
    prevHash: typeof prevHash === 'string' ? prevHash : undefined,
    hash: typeof hash === 'string' ? hash : undefined,
    chained,
    contentOk: chained && hashes(event, hash),
  };
};

const hashes = (event: RecordedEvent, expected: string): boolean => {
  try {
    return eventHash(event) === expected;
  } catch {
    return false; // content that has no canonical form cannot be what was hashed
  }
};
