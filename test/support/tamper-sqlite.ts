import Database from 'better-sqlite3';

/**
 * Opens an event store's SQLite file as someone with access to the file would tamper with it:
 * first dropping the triggers that make the store refuse deletes (anyone holding the file can),
 * so that tests show `audit verify` catching what the schema alone cannot prevent.
 */
export const openForTampering = (path: string): Database.Database => {
  const db = new Database(path);
  db.exec(`
    DROP TRIGGER IF EXISTS events_never_deleted;
    DROP TRIGGER IF EXISTS events_position_fixed;`);
  return db;
};
