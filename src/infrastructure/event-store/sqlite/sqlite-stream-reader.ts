import type Database from 'better-sqlite3';
import type { ReadStreamOptions, RecordedEvent } from '../event-store.port.js';
import { EVENT_COLUMNS, toRecordedEvents, type EventRow } from './sqlite-rows.js';

type StreamParams = [streamId: string, fromRevision: bigint, limit: number];

const MAX_REVISION = 9_223_372_036_854_775_807n;

/** Reads one stream through the (stream_id, revision) index, in either direction. */
export class SqliteStreamReader {
  private readonly forwards: Database.Statement<StreamParams, EventRow>;
  private readonly backwards: Database.Statement<StreamParams, EventRow>;

  constructor(db: Database.Database) {
    const select = `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ?`;
    this.forwards = db
      .prepare<StreamParams, EventRow>(`${select} AND revision >= ? ORDER BY revision LIMIT ?`)
      .raw(true);
    this.backwards = db
      .prepare<StreamParams, EventRow>(`${select} AND revision <= ? ORDER BY revision DESC LIMIT ?`)
      .raw(true);
  }

  read(streamId: string, options: ReadStreamOptions = {}): RecordedEvent[] {
    const { direction = 'forwards', fromRevision, maxCount } = options;
    // SQLite reads a negative LIMIT as "no limit".
    const limit = maxCount === undefined ? -1 : Math.max(0, maxCount);
    if (direction === 'forwards') {
      // Like EventStoreDB, reading forwards from the end finds nothing (yet).
      if (fromRevision === 'end') return [];
      const from = fromRevision === undefined || fromRevision === 'start' ? 0n : fromRevision;
      return toRecordedEvents(this.forwards.all(streamId, from, limit));
    }
    const from =
      fromRevision === undefined || fromRevision === 'end'
        ? MAX_REVISION
        : fromRevision === 'start'
          ? 0n
          : fromRevision;
    return toRecordedEvents(this.backwards.all(streamId, from, limit));
  }
}
