/**
 * Why a link of the audit trail is broken, as stable codes (the CLI and tests match on them):
 * - `REVISION_GAP`: a revision is missing before this one (an event deleted in the middle);
 * - `REVISION_OUT_OF_ORDER`: a revision at or below one already seen (events moved or swapped);
 * - `NOT_CHAINED`: data or metadata unreadable, or metadata without `hash`/`prevHash`;
 * - `PREV_HASH_MISMATCH`: `prevHash` is not the previous event's hash (deleted or swapped);
 * - `HASH_MISMATCH`: the event's content no longer gives its hash (edited);
 * - `ANCHOR_MALFORMED`: an anchor event whose data is not a `StreamHeadsAnchored` record;
 * - `ANCHOR_CHAIN_BROKEN`: an anchor does not start where the previous one ended;
 * - `ANCHOR_REVISION_MISSING`: an anchored head revision is no longer stored (tail deleted);
 * - `ANCHOR_HASH_MISMATCH`: an anchored head revision now has another hash (stream rewritten).
 */
export type ChainBreakReason =
  | 'REVISION_GAP'
  | 'REVISION_OUT_OF_ORDER'
  | 'NOT_CHAINED'
  | 'PREV_HASH_MISMATCH'
  | 'HASH_MISMATCH'
  | 'ANCHOR_MALFORMED'
  | 'ANCHOR_CHAIN_BROKEN'
  | 'ANCHOR_REVISION_MISSING'
  | 'ANCHOR_HASH_MISMATCH';

export interface ChainBreak {
  readonly streamId: string;
  readonly revision: bigint;
  readonly reason: ChainBreakReason;
  /** Global position of the offending event, when the break is at a stored event. */
  readonly position?: bigint;
  /** For people: what was expected and what was found. */
  readonly detail: string;
}

export interface AuditReport {
  readonly ok: boolean;
  readonly eventsChecked: number;
  readonly streamsChecked: number;
  readonly anchorsChecked: number;
  /** The first broken link in log order; anchor findings come after every chain break. */
  readonly firstBreak?: ChainBreak;
}
