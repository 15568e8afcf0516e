import type Database from 'better-sqlite3';

/** The schema this code writes, recorded in `PRAGMA user_version`; 0 is a store from before. */
export const EVENT_SCHEMA_VERSION = 1;

// Other code (and tests that tamper with rows) relies on this exact table: change it only with a
// migration. `position` is a plain rowid alias: AUTOINCREMENT cost a write to `sqlite_sequence`
// on every commit (measured 15-25% of a single-event append's CPU), and what it guaranteed, that
// a position is never handed out twice even after the highest row is deleted, holds here because
// rows are never deleted nor moved (the triggers below), so max(position) + 1 never goes back.
const CREATE_EVENTS = `
  CREATE TABLE IF NOT EXISTS events (
    position INTEGER PRIMARY KEY,
    stream_id TEXT NOT NULL,
    revision INTEGER NOT NULL,
    event_id TEXT NOT NULL UNIQUE,
    type TEXT NOT NULL,
    data TEXT NOT NULL,
    metadata TEXT NOT NULL,
    UNIQUE(stream_id, revision)
  )`;

// History is immutable (no stream deletion in the port). Someone with the file can drop these
// and tamper anyway: `audit verify` is what catches that.
const IMMUTABILITY_TRIGGERS = `
  CREATE TRIGGER IF NOT EXISTS events_never_deleted BEFORE DELETE ON events
  BEGIN SELECT RAISE(ABORT, 'events are immutable: history is never deleted'); END;
  CREATE TRIGGER IF NOT EXISTS events_position_fixed BEFORE UPDATE OF position ON events
  BEGIN SELECT RAISE(ABORT, 'events are immutable: a position never changes'); END;`;

const OLD_TABLE = 'events_before_schema_1';

/**
 * Version 0 declared `position` AUTOINCREMENT. SQLite cannot drop that from a table, so the
 * table is rebuilt with every row at its own position (a one-off copy of the whole log).
 */
const rebuildWithoutAutoincrement = (db: Database.Database): void => {
  db.exec(`
    ALTER TABLE events RENAME TO ${OLD_TABLE};
    ${CREATE_EVENTS};
    INSERT INTO events (position, stream_id, revision, event_id, type, data, metadata)
      SELECT position, stream_id, revision, event_id, type, data, metadata
      FROM ${OLD_TABLE} ORDER BY position;
    DROP TABLE ${OLD_TABLE};
    DELETE FROM sqlite_sequence WHERE name IN ('events', '${OLD_TABLE}');`);
};

const schemaVersion = (db: Database.Database): number =>
  Number(db.pragma('user_version', { simple: true }));

const declaresAutoincrement = (db: Database.Database): boolean => {
  const sql = db
    .prepare<[], string>("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'events'")
    .pluck(true)
    .get();
  return sql !== undefined && /\bAUTOINCREMENT\b/i.test(sql);
};

/**
 * Creates the events table, or brings an older one to EVENT_SCHEMA_VERSION, in one write
 * transaction: another process opening the same file meanwhile waits (busy timeout), then finds
 * the work done. A store written by a newer schema is refused rather than guessed at.
 */
export const ensureEventSchema = (db: Database.Database): void => {
  if (schemaVersion(db) === EVENT_SCHEMA_VERSION) return;
  const migrate = db.transaction(() => {
    const version = schemaVersion(db);
    if (version === EVENT_SCHEMA_VERSION) return;
    if (version > EVENT_SCHEMA_VERSION) {
      throw new Error(
        `event store schema version ${version} is newer than this code knows (${EVENT_SCHEMA_VERSION}): upgrade Gridfolio`,
      );
    }
    if (declaresAutoincrement(db)) rebuildWithoutAutoincrement(db);
    else db.exec(CREATE_EVENTS);
    db.exec(IMMUTABILITY_TRIGGERS);
    db.pragma(`user_version = ${EVENT_SCHEMA_VERSION}`);
  });
  migrate.immediate();
};
