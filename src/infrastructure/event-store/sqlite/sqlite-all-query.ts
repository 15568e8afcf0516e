import type Database from 'better-sqlite3';
import type { AllFilter } from '../event-store.port.js';
import { EVENT_COLUMNS, toRecordedEvents, type EventRow } from './sqlite-rows.js';
import type { RecordedEvent } from '../event-store.port.js';

/** Reads one page of the log: events strictly after `after`, in position order, at most `limit`. */
export type ReadAllPage = (after: bigint, limit: number) => RecordedEvent[];

/**
 * Builds the filtered page query once per filter shape (number of prefixes and of types) and keeps
 * it prepared. `instr(...) = 1` is a literal, case-sensitive prefix test: LIKE would treat `_` and
 * `%` as wildcards and ignore ASCII case.
 */
export class SqliteAllQueries {
  private readonly statements = new Map<string, Database.Statement<unknown[], EventRow>>();

  constructor(private readonly db: Database.Database) {}

  pageReader(filter: AllFilter | undefined): ReadAllPage {
    const prefixes = filter?.streamPrefixes;
    const types = filter?.eventTypes;
    const statement = this.statement(prefixes?.length, types?.length);
    const filterParams = [...(prefixes ?? []), ...(types ?? [])];
    if (filterParams.length === 0) {
      return (after, limit) => toRecordedEvents(statement.all(after, limit));
    }
    return (after, limit) => toRecordedEvents(statement.all(after, ...filterParams, limit));
  }

  private statement(
    prefixCount: number | undefined,
    typeCount: number | undefined,
  ): Database.Statement<unknown[], EventRow> {
    const key = `${prefixCount ?? '-'}:${typeCount ?? '-'}`;
    let statement = this.statements.get(key);
    if (statement === undefined) {
      statement = this.db.prepare<unknown[], EventRow>(pageSql(prefixCount, typeCount)).raw(true);
      this.statements.set(key, statement);
    }
    return statement;
  }
}

const placeholders = (count: number, each: string, join: string): string =>
  count === 0 ? '0' : Array.from({ length: count }, () => each).join(join);

const pageSql = (prefixCount: number | undefined, typeCount: number | undefined): string => {
  const conditions = ['position > ?'];
  if (prefixCount !== undefined) {
    conditions.push(`(${placeholders(prefixCount, 'instr(stream_id, ?) = 1', ' OR ')})`);
  }
  if (typeCount !== undefined) {
    conditions.push(typeCount === 0 ? '0' : `type IN (${placeholders(typeCount, '?', ', ')})`);
  }
  return `SELECT ${EVENT_COLUMNS} FROM events WHERE ${conditions.join(' AND ')} ORDER BY position LIMIT ?`;
};
