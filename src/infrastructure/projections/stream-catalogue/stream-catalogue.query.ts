import type { Database, Statement } from 'better-sqlite3';

export interface StreamSummary {
  readonly streamId: string;
  readonly category: string;
  readonly eventCount: number;
  readonly lastRevision: bigint;
  readonly lastPosition: bigint;
  readonly lastEventType: string;
}

interface Row {
  stream_id: string;
  category: string;
  event_count: bigint;
  last_revision: bigint;
  last_position: bigint;
  last_event_type: string;
}

const COLUMNS = 'stream_id, category, event_count, last_revision, last_position, last_event_type';

/** Reads the stream catalogue (see StreamCatalogueProjection); ordered by stream id. */
export class StreamCatalogueQuery {
  constructor(private readonly db: Database) {}

  list(options: { category?: string } = {}): StreamSummary[] {
    const rows =
      options.category === undefined
        ? this.statement(`SELECT ${COLUMNS} FROM stream_catalogue ORDER BY stream_id`).all()
        : this.statement(
            `SELECT ${COLUMNS} FROM stream_catalogue WHERE category = ? ORDER BY stream_id`,
          ).all(options.category);
    return rows.map(toSummary);
  }

  get(streamId: string): StreamSummary | undefined {
    const row = this.statement(`SELECT ${COLUMNS} FROM stream_catalogue WHERE stream_id = ?`).get(
      streamId,
    );
    return row && toSummary(row);
  }

  // Prepared per call: a rebuild drops and recreates the table, which would stale a cached statement.
  private statement(sql: string): Statement<unknown[], Row> {
    return this.db.prepare<unknown[], Row>(sql).safeIntegers(true);
  }
}

const toSummary = (row: Row): StreamSummary => ({
  streamId: row.stream_id,
  category: row.category,
  eventCount: Number(row.event_count),
  lastRevision: row.last_revision,
  lastPosition: row.last_position,
  lastEventType: row.last_event_type,
});
