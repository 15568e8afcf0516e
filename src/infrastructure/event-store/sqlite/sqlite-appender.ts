import type Database from 'better-sqlite3';
import { InvalidAppendError } from '../errors.js';
import type { AppendResult, EventToAppend, ExpectedRevision } from '../event-store.port.js';
import { assertExpectedRevision } from './expected-revision.js';

type InsertParams = [string, bigint, string, string, string, string];

/**
 * Appends a batch in one `BEGIN IMMEDIATE` transaction: the write lock is taken before the
 * revision check, so two writers (even in two processes) cannot both pass the same check.
 */
export class SqliteAppender {
  private readonly lastRevision: Database.Statement<[string], bigint>;
  private readonly insert: Database.Statement<InsertParams>;
  private readonly appendInTransaction: (
    streamId: string,
    events: readonly EventToAppend[],
    expected: ExpectedRevision,
  ) => AppendResult;

  constructor(db: Database.Database) {
    this.lastRevision = db
      .prepare<[string], bigint>(
        'SELECT revision FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1',
      )
      .pluck(true);
    this.insert = db.prepare<InsertParams>(
      'INSERT INTO events (stream_id, revision, event_id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const transaction = db.transaction(this.appendUnlocked.bind(this));
    this.appendInTransaction = (...args) => transaction.immediate(...args);
  }

  append(
    streamId: string,
    events: readonly EventToAppend[],
    expected: ExpectedRevision,
  ): AppendResult {
    try {
      return this.appendInTransaction(streamId, events, expected);
    } catch (error) {
      throw this.explain(error, streamId);
    }
  }

  private appendUnlocked(
    streamId: string,
    events: readonly EventToAppend[],
    expected: ExpectedRevision,
  ): AppendResult {
    // One step down the (stream_id, revision) index; undefined when the stream is empty.
    const last = this.lastRevision.get(streamId);
    assertExpectedRevision(streamId, expected, last);
    let revision = last ?? -1n;
    let position = 0n;
    for (const event of events) {
      revision++;
      const metadata = JSON.stringify(event.metadata);
      const data = JSON.stringify(event.data);
      const info = this.insert.run(streamId, revision, event.id, event.type, data, metadata);
      position = info.lastInsertRowid as bigint;
    }
    return { nextExpectedRevision: revision, position };
  }

  /** A reused event id breaks the UNIQUE(event_id) constraint: report it as bad input. */
  private explain(error: unknown, streamId: string): unknown {
    const isDuplicateId =
      error instanceof Error &&
      (error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE' &&
      error.message.includes('events.event_id');
    if (!isDuplicateId) return error;
    return new InvalidAppendError(
      'EVENT_STORE.DUPLICATE_EVENT_ID',
      `stream ${streamId}: an event with one of these ids is already stored`,
      'events',
    );
  }
}
