import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Opens (creating if needed) a SQLite database for read models and their checkpoints. It is
 * separate from the event store's file: read models are disposable and rebuilt from the log.
 */
export const openReadModelDatabase = (path: string): Database.Database => {
  if (path !== ':memory:' && path !== '') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    // A lost last commit after power loss only means re-applying it: handlers are idempotent.
    db.pragma('synchronous = NORMAL');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
};
