import type { Database, Statement } from 'better-sqlite3';
import type { UpcastedEvent } from '../../event-store/upcasting/upcaster-registry.js';
import type { Projection } from '../projection.js';

export const STREAM_CATALOGUE = 'stream-catalogue';

const CREATE = `
  CREATE TABLE IF NOT EXISTS stream_catalogue (
    stream_id TEXT PRIMARY KEY,
    category TEXT NOT NULL,
    event_count INTEGER NOT NULL,
    last_revision INTEGER NOT NULL,
    last_position INTEGER NOT NULL,
    last_event_type TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS stream_catalogue_by_category ON stream_catalogue (category, stream_id);`;

// The WHERE clause makes redelivery harmless: an event at or below the recorded revision is
// one the catalogue has already counted.
const UPSERT = `
  INSERT INTO stream_catalogue
    (stream_id, category, event_count, last_revision, last_position, last_event_type)
  VALUES (@streamId, @category, 1, @revision, @position, @type)
  ON CONFLICT (stream_id) DO UPDATE SET
    event_count = event_count + 1,
    last_revision = excluded.last_revision,
    last_position = excluded.last_position,
    last_event_type = excluded.last_event_type
  WHERE excluded.last_revision > stream_catalogue.last_revision`;

interface UpsertRow {
  streamId: string;
  category: string;
  revision: bigint;
  position: bigint;
  type: string;
}

/** The category of a stream is its id up to the first '-': `bid-p1-DA-2026-03-01` is a `bid`. */
export const streamCategory = (streamId: string): string => {
  const dash = streamId.indexOf('-');
  return dash === -1 ? streamId : streamId.slice(0, dash);
};

/** One row per stream: how many events, and where and what the last one was. */
export class StreamCatalogueProjection implements Projection {
  readonly name = STREAM_CATALOGUE;
  private upsert!: Statement<[UpsertRow]>;

  constructor(private readonly db: Database) {
    this.createTables();
  }

  apply(event: UpcastedEvent): void {
    const { streamId, revision, position, type } = event;
    this.upsert.run({ streamId, category: streamCategory(streamId), revision, position, type });
  }

  reset(): void {
    this.db.exec('DROP TABLE IF EXISTS stream_catalogue');
    this.createTables();
  }

  private createTables(): void {
    this.db.exec(CREATE);
    this.upsert = this.db.prepare<[UpsertRow]>(UPSERT);
  }
}
