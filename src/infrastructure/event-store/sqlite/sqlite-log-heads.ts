import type Database from 'better-sqlite3';
import type { JsonObject } from '../../../../domain/shared/json.js';
import type { LogHead, LogHeads, LogHeadsQuery } from '../log-heads.js';

type HeadRow = [
  position: bigint,
  streamId: string,
  revision: bigint,
  metadata: string,
  counted: bigint,
  logEnd: bigint,
];

interface HeadParams {
  readonly after: bigint;
  readonly passedOver: string;
  readonly limit: number;
}

/*
 * One statement, so one snapshot of the log: the stretch is the first `limit` counted events
 * after `after` in position order (the rowid range, read in SQLite without handing a row to JS);
 * each stream's last event in it is joined back for its revision and metadata, the only columns
 * that leave SQLite. `log_end` is where the stretch ends when fewer than `limit` events count.
 */
const HEADS_SQL = `
  WITH stretch AS (
    SELECT position, stream_id FROM events
    WHERE position > @after AND stream_id <> @passedOver
    ORDER BY position LIMIT @limit
  ), last AS (
    SELECT MAX(position) AS position, COUNT(*) AS counted FROM stretch GROUP BY stream_id
  )
  SELECT e.position, e.stream_id, e.revision, e.metadata, last.counted,
    (SELECT MAX(position) FROM events WHERE position > @after) AS log_end
  FROM last JOIN events AS e ON e.position = last.position`;

/** `LogHeadsReader` for the SQLite adapter: what `readLogHeadsByReplay` gives, without the data. */
export class SqliteLogHeads {
  private readonly heads: Database.Statement<[HeadParams], HeadRow>;

  constructor(db: Database.Database) {
    this.heads = db.prepare<[HeadParams], HeadRow>(HEADS_SQL).raw(true);
  }

  read({ after, maxCounted, passedOver }: LogHeadsQuery): LogHeads {
    // The replay counts the first event before comparing; SQLite reads LIMIT -1 as no limit.
    const limit = Number.isFinite(maxCounted) ? Math.max(1, Math.ceil(maxCounted)) : -1;
    const rows = this.heads.all({ after: after === 'start' ? 0n : after, passedOver, limit });
    if (rows.length === 0) return { throughPosition: undefined, counted: 0, heads: [] };
    const heads = new Array<LogHead>(rows.length);
    let counted = 0;
    let lastCounted = 0n;
    for (let i = 0; i < rows.length; i++) {
      const [position, streamId, revision, metadata, streamCount] = rows[i]!;
      counted += Number(streamCount);
      if (position > lastCounted) lastCounted = position;
      heads[i] = {
        streamId,
        revision,
        position,
        metadata: metadata === '{}' ? {} : (JSON.parse(metadata) as JsonObject),
      };
    }
    // A full stretch ends at its last counted event; a short one runs to the end of the log,
    // over any passed-over events after the last counted one.
    const throughPosition = limit > 0 && counted >= limit ? lastCounted : rows[0]![5];
    return { throughPosition, counted, heads };
  }
}
