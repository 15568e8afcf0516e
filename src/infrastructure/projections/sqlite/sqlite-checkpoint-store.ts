import type { Database } from 'better-sqlite3';
import type { CheckpointStore } from '../projection.js';

/**
 * Checkpoints in the read-model database itself, so that a SQLite projection applies events and
 * advances its checkpoint in one transaction: after a crash the two never disagree.
 */
export class SqliteCheckpointStore implements CheckpointStore {
  private readonly selectStatement;
  private readonly upsertStatement;
  private readonly deleteStatement;

  constructor(private readonly db: Database) {
    db.exec(
      'CREATE TABLE IF NOT EXISTS projection_checkpoints (name TEXT PRIMARY KEY, position TEXT NOT NULL)',
    );
    this.selectStatement = db.prepare<[string], { position: string }>(
      'SELECT position FROM projection_checkpoints WHERE name = ?',
    );
    this.upsertStatement = db.prepare<[string, string]>(
      'INSERT INTO projection_checkpoints (name, position) VALUES (?, ?) ' +
        'ON CONFLICT(name) DO UPDATE SET position = excluded.position',
    );
    this.deleteStatement = db.prepare<[string]>(
      'DELETE FROM projection_checkpoints WHERE name = ?',
    );
  }

  load(name: string): Promise<bigint | undefined> {
    const row = this.selectStatement.get(name);
    return Promise.resolve(row ? BigInt(row.position) : undefined);
  }

  commit(name: string, position: bigint, apply: () => void | Promise<void>): Promise<void> {
    return this.inTransaction(() => {
      mustBeSynchronous(apply(), name);
      this.upsertStatement.run(name, position.toString());
    });
  }

  reset(name: string, dropState: () => void | Promise<void>): Promise<void> {
    return this.inTransaction(() => {
      mustBeSynchronous(dropState(), name);
      this.deleteStatement.run(name);
    });
  }

  private inTransaction(work: () => void): Promise<void> {
    try {
      this.db.transaction(work)();
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }
}

// better-sqlite3 transactions cannot span an await: async work would commit half-done.
const mustBeSynchronous = (result: void | Promise<void>, name: string): void => {
  if (result instanceof Promise) {
    result.catch(() => undefined); // its outcome no longer matters: the transaction rolls back
    throw new Error(
      `projection ${name}: a SQLite projection must apply and reset synchronously (got a Promise)`,
    );
  }
};
