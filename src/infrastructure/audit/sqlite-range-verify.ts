import Database from 'better-sqlite3';
import {
  ChainWalker,
  type ClaimSighting,
  type Finding,
  type StreamSpan,
  type WalkedEvent,
} from './chain-walker.js';
import { storedEventHashMatches } from './event-hash.js';

/** One worker's share: the events at positions in `(afterPosition, throughPosition]`. */
export interface RangeTask {
  readonly path: string;
  readonly afterPosition: number;
  readonly throughPosition: number;
  /** Anchored heads to note on the way: revisions by stream. */
  readonly claims: readonly (readonly [streamId: string, revisions: readonly number[]])[];
}

export interface RangeResult {
  readonly eventsChecked: number;
  readonly finding: Finding | undefined;
  readonly spans: readonly StreamSpan[];
  readonly sightings: readonly ClaimSighting[];
}

type Row = [
  position: number,
  id: string,
  streamId: string,
  revision: number,
  type: string,
  data: string,
  metadata: string,
];

/**
 * Verifies one range of the SQLite log on its own read-only connection: every link inside the
 * range, and each event's hash. Links into the range are left to the caller, which knows how the
 * previous range ended.
 */
export const verifyRange = (task: RangeTask): RangeResult => {
  const db = new Database(task.path, { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare<[number, number], Row>(
        'SELECT position, event_id, stream_id, revision, type, data, metadata FROM events WHERE position > ? AND position <= ? ORDER BY position',
      )
      .raw(true);
    const claims = new Map(
      task.claims.map(([streamId, revisions]) => [streamId, new Set(revisions)]),
    );
    const walker = new ChainWalker(false, claims);
    for (const row of rows.iterate(task.afterPosition, task.throughPosition)) {
      walker.visit(walkedRow(row));
    }
    return {
      eventsChecked: walker.eventsChecked,
      finding: walker.firstFinding,
      spans: [...walker.spans.values()],
      sightings: walker.sightings,
    };
  } finally {
    db.close();
  }
};

const walkedRow = ([
  position,
  id,
  streamId,
  revision,
  type,
  dataText,
  metadataText,
]: Row): WalkedEvent => {
  const unreadable = {
    position,
    streamId,
    revision,
    prevHash: undefined,
    hash: undefined,
    chained: false,
    contentOk: false,
  };
  let data: unknown;
  let metadata: unknown;
  try {
    data = JSON.parse(dataText);
    metadata = JSON.parse(metadataText);
  } catch {
    return unreadable;
  }
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata))
    return unreadable;
  const fields = metadata as Record<string, unknown>;
  const hash = typeof fields['hash'] === 'string' ? fields['hash'] : undefined;
  const prevHash = typeof fields['prevHash'] === 'string' ? fields['prevHash'] : undefined;
  const chained = hash !== undefined && prevHash !== undefined;
  let contentOk = false;
  if (chained) {
    const stored = { id, streamId, revision, type, dataText, data, metadataText, metadata: fields };
    try {
      contentOk = storedEventHashMatches(stored, hash);
    } catch {
      contentOk = false; // no canonical form: it cannot be what was hashed
    }
  }
  return { position, streamId, revision, prevHash, hash, chained, contentOk };
};
