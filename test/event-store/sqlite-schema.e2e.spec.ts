import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/infrastructure/event-store/sqlite/sqlite-event-store.js';
import { EVENT_SCHEMA_VERSION } from '../../src/infrastructure/event-store/sqlite/sqlite-schema.js';
import { idsOf, newEvents, uniquePrefix } from '../support/event-store-conformance/helpers.js';

const directory = mkdtempSync(join(tmpdir(), 'gridfolio-sqlite-schema-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

// The table as stores created before schema version 1 have it.
const VERSION_0_TABLE =
  'CREATE TABLE IF NOT EXISTS events (position INTEGER PRIMARY KEY AUTOINCREMENT, ' +
  'stream_id TEXT NOT NULL, revision INTEGER NOT NULL, event_id TEXT NOT NULL UNIQUE, ' +
  'type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL, UNIQUE(stream_id, revision))';

type Row = { position: number; stream_id: string; revision: number; event_id: string };

const rowsOf = (path: string): Row[] => {
  const db = new Database(path, { readonly: true });
  try {
    return db
      .prepare<[], Row>(
        'SELECT position, stream_id, revision, event_id FROM events ORDER BY position',
      )
      .all();
  } finally {
    db.close();
  }
};

const tableSqlOf = (db: Database.Database): string =>
  db
    .prepare<[], string>("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'events'")
    .pluck()
    .get()!;

describe('SQLite event store schema', () => {
  let path: string;
  const opened: SqliteEventStore[] = [];
  const open = (): SqliteEventStore => {
    const store = new SqliteEventStore({ path });
    opened.push(store);
    return store;
  };
  beforeEach(() => {
    path = join(directory, uniquePrefix(), 'events.db');
    mkdirSync(join(path, '..'), { recursive: true });
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
  });

  /** A version-0 store: the old table with rows at positions 1, 2, 5 (3 and 4 handed out, lost). */
  const writeVersion0Store = (): void => {
    const db = new Database(path);
    db.exec(VERSION_0_TABLE);
    const insert = db.prepare(
      "INSERT INTO events (position, stream_id, revision, event_id, type, data, metadata) VALUES (?, ?, ?, ?, 'Old', '{}', '{}')",
    );
    insert.run(1, 'a', 0, 'id-1');
    insert.run(2, 'b', 0, 'id-2');
    insert.run(5, 'a', 1, 'id-5');
    db.close();
  };

  it('brings a version-0 store to the current version with every row at its position', async () => {
    writeVersion0Store();
    const store = open();

    expect(rowsOf(path)).toEqual([
      { position: 1, stream_id: 'a', revision: 0, event_id: 'id-1' },
      { position: 2, stream_id: 'b', revision: 0, event_id: 'id-2' },
      { position: 5, stream_id: 'a', revision: 1, event_id: 'id-5' },
    ]);
    const next = await store.append('a', newEvents(1), 1n);
    expect(next).toEqual({ nextExpectedRevision: 2n, position: 6n });
    expect((await store.readStream('a')).map((event) => event.revision)).toEqual([0n, 1n, 2n]);

    const db = new Database(path, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(EVENT_SCHEMA_VERSION);
    expect(tableSqlOf(db)).not.toMatch(/AUTOINCREMENT/i);
    expect(
      db.prepare("SELECT name FROM sqlite_master WHERE name LIKE 'events_before%'").all(),
    ).toEqual([]);
    db.close();
  });

  it('keeps the unique constraints through the migration', async () => {
    writeVersion0Store();
    const store = open();

    await expect(store.append('a', newEvents(1), 'no_stream')).rejects.toMatchObject({
      code: 'EVENT_STORE.WRONG_EXPECTED_REVISION',
    });
    const db = new Database(path);
    expect(() =>
      db
        .prepare(
          "INSERT INTO events (stream_id, revision, event_id, type, data, metadata) VALUES ('c', 0, 'id-1', 'X', '{}', '{}')",
        )
        .run(),
    ).toThrow(/UNIQUE constraint failed: events.event_id/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO events (stream_id, revision, event_id, type, data, metadata) VALUES ('a', 1, 'id-new', 'X', '{}', '{}')",
        )
        .run(),
    ).toThrow(/UNIQUE constraint failed: events.stream_id, events.revision/);
    db.close();
  });

  it('opens a current store again without rebuilding it', async () => {
    const first = open();
    const events = newEvents(3);
    await first.append('s', events, 'no_stream');
    await first.close();
    const db = new Database(path, { readonly: true });
    const rootPage = db.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'events'").get();
    db.close();

    const reopened = open();
    expect(idsOf(await reopened.readStream('s'))).toEqual(idsOf(events));
    const again = new Database(path, { readonly: true });
    expect(again.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'events'").get()).toEqual(
      rootPage,
    );
    again.close();
  });

  // What AUTOINCREMENT promised, kept another way: no row ever leaves, so max + 1 never goes back.
  it('refuses to delete or move an event, so that no position is handed out twice', async () => {
    const store = open();
    const { position } = await store.append('s', newEvents(2), 'no_stream');
    const db = new Database(path);
    expect(() => db.prepare('DELETE FROM events WHERE position = ?').run(position)).toThrow(
      /events are immutable/,
    );
    expect(() =>
      db.prepare('UPDATE events SET position = 1000 WHERE position = ?').run(position),
    ).toThrow(/events are immutable/);
    db.close();

    const next = await store.append('s', newEvents(1), 1n);
    expect(next.position).toBe(position + 1n);
  });

  it('refuses a store written by a newer schema, changing nothing', () => {
    const db = new Database(path);
    db.pragma(`user_version = ${EVENT_SCHEMA_VERSION + 1}`);
    db.close();

    expect(() => open()).toThrow(/schema version 2 is newer than this code knows/);
    const after = new Database(path, { readonly: true });
    expect(after.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all()).toEqual([]);
    after.close();
  });
});
