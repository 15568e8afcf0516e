import type Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditReport, ChainBreakReason } from '../../src/infrastructure/audit/audit-report.js';
import { verifyEventStore } from '../../src/infrastructure/audit/audit-verifier.js';
import { GENESIS_HASH, eventHash } from '../../src/infrastructure/audit/event-hash.js';
import { verifySqliteEventStore } from '../../src/infrastructure/audit/sqlite-audit-verifier.js';
import { SqliteEventStore } from '../../src/infrastructure/event-store/sqlite/sqlite-event-store.js';
import { compileWorker, type CompiledWorker } from '../support/ts-worker.js';
import { AUDITED_HISTORY, writeAuditedHistory } from './audited-history.js';
import { openForTampering } from '../support/tamper-sqlite.js';

const directory = mkdtempSync(join(tmpdir(), 'gridfolio-audit-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

let worker: CompiledWorker;
beforeAll(async () => {
  worker = await compileWorker(
    new URL('../../src/infrastructure/audit/sqlite-verify.worker.ts', import.meta.url),
  );
});
afterAll(() => worker.cleanup());

let files = 0;
const historyFile = async (): Promise<string> => {
  const path = join(directory, `events-${++files}.db`);
  const store = new SqliteEventStore({ path });
  await writeAuditedHistory(store);
  await store.close();
  return path;
};

// Tampering goes straight to the file, as someone with access to it would.
const tamper = (path: string, edit: (db: Database.Database) => void): void => {
  const db = openForTampering(path);
  try {
    edit(db);
  } finally {
    db.close();
  }
};

const verifyThroughPort = async (path: string): Promise<AuditReport> => {
  const store = new SqliteEventStore({ path });
  try {
    return await verifyEventStore(store);
  } finally {
    await store.close();
  }
};

const swap = (db: Database.Database, column: string, a: number, b: number): void => {
  const at = db
    .prepare<[number], string>(`SELECT ${column} FROM events WHERE position = ?`)
    .pluck();
  const [first, second] = [at.get(a)!, at.get(b)!];
  const set = db.prepare(`UPDATE events SET ${column} = ? WHERE position = ?`);
  set.run(second, a);
  set.run(first, b);
};

/** Replaces a stream's data and recomputes its whole chain: only the anchors can tell. */
const forgeStream = (db: Database.Database, streamId: string): void => {
  type Row = { position: number; id: string; revision: number; type: string; metadata: string };
  const rows = db
    .prepare<[string], Row>(
      'SELECT position, event_id AS id, revision, type, metadata FROM events WHERE stream_id = ? ORDER BY revision',
    )
    .all(streamId);
  let prevHash = GENESIS_HASH;
  for (const row of rows) {
    const data = { forged: row.revision };
    const metadata = { ...(JSON.parse(row.metadata) as Record<string, unknown>), prevHash };
    prevHash = eventHash({
      id: row.id,
      streamId,
      revision: row.revision,
      type: row.type,
      data,
      metadata,
    });
    db.prepare('UPDATE events SET data = ?, metadata = ? WHERE position = ?').run(
      JSON.stringify(data),
      JSON.stringify({ ...metadata, hash: prevHash }),
      row.position,
    );
  }
};

const row = (streamId: string, revision: number): string =>
  `stream_id = '${streamId}' AND revision = ${revision}`;

const scenarios: [string, (db: Database.Database) => void, string, bigint, ChainBreakReason][] = [
  [
    "edits one event's data",
    (db) =>
      db.exec(`UPDATE events SET data = json_set(data, '$.energyKwh', 99) WHERE ${row('s-1', 2)}`),
    's-1',
    2n,
    'HASH_MISMATCH',
  ],
  [
    "edits one event's metadata",
    (db) =>
      db.exec(
        `UPDATE events SET metadata = json_set(metadata, '$.correlationId', 'x') WHERE ${row('s-1', 2)}`,
      ),
    's-1',
    2n,
    'HASH_MISMATCH',
  ],
  [
    'deletes one event in the middle of a stream',
    (db) => db.exec(`DELETE FROM events WHERE ${row('s-1', 2)}`),
    's-1',
    3n,
    'REVISION_GAP',
  ],
  [
    'deletes the first event of a stream',
    (db) => db.exec(`DELETE FROM events WHERE ${row('s-1', 0)}`),
    's-1',
    1n,
    'REVISION_GAP',
  ],
  [
    "deletes a stream's last event after an anchor",
    (db) => db.exec(`DELETE FROM events WHERE ${row('s-2', 3)}`),
    's-2',
    3n,
    'ANCHOR_REVISION_MISSING',
  ],
  [
    'swaps the data and metadata of two events',
    (db) => (swap(db, 'data', 3, 4), swap(db, 'metadata', 3, 4)),
    's-1',
    1n,
    'PREV_HASH_MISMATCH',
  ],
  [
    'swaps the revisions of two events',
    (db) =>
      db.exec(
        `UPDATE events SET revision = -1 WHERE position = 3; UPDATE events SET revision = 1 WHERE position = 4; UPDATE events SET revision = 2 WHERE position = 3`,
      ),
    's-1',
    2n,
    'REVISION_GAP',
  ],
  [
    'strips the hash from one event',
    (db) =>
      db.exec(
        `UPDATE events SET metadata = json_remove(metadata, '$.hash') WHERE ${row('s-2', 1)}`,
      ),
    's-2',
    1n,
    'NOT_CHAINED',
  ],
  [
    'rewrites an anchored stream with a fresh, valid chain',
    (db) => forgeStream(db, 's-2'),
    's-2',
    2n,
    'ANCHOR_HASH_MISMATCH',
  ],
  [
    'deletes an anchor',
    (db) => db.exec(`DELETE FROM events WHERE ${row('audit-anchors', 0)}`),
    'audit-anchors',
    1n,
    'REVISION_GAP',
  ],
];

describe('audit verification of a SQLite file', () => {
  it('finds an untampered store intact, with both verifiers', async () => {
    const path = await historyFile();
    const expected = {
      ok: true,
      eventsChecked: AUDITED_HISTORY.events,
      streamsChecked: AUDITED_HISTORY.streams,
      anchorsChecked: AUDITED_HISTORY.anchors,
    };
    expect(await verifyThroughPort(path)).toEqual(expected);
    expect(await verifySqliteEventStore(path, { workers: 2, workerUrl: worker.url })).toEqual(
      expected,
    );
  });

  it.each(scenarios)(
    'catches a tamperer who %s',
    async (_label, edit, streamId, revision, reason) => {
      const path = await historyFile();
      tamper(path, edit);
      const report = await verifyThroughPort(path);
      expect(report.ok).toBe(false);
      expect(report.firstBreak).toMatchObject({ streamId, revision, reason });
      // The parallel verifier reports the very same break however the log is sliced...
      for (let workers = 1; workers <= AUDITED_HISTORY.events; workers++) {
        expect(await verifySqliteEventStore(path, { workers, inProcess: true })).toEqual(report);
      }
      // ...and in real worker threads.
      expect(await verifySqliteEventStore(path, { workers: 3, workerUrl: worker.url })).toEqual(
        report,
      );
    },
  );

  it('cannot see an unanchored tail go (why anchors are taken every minute)', async () => {
    const path = await historyFile();
    tamper(path, (db) => db.exec(`DELETE FROM events WHERE ${row('s-3', 1)}`));
    expect((await verifyThroughPort(path)).ok).toBe(true);
    expect((await verifySqliteEventStore(path, { workers: 2, inProcess: true })).ok).toBe(true);
  });

  it('verifies an empty store', async () => {
    const path = join(directory, 'empty.db');
    await new SqliteEventStore({ path }).close();
    const expected = { ok: true, eventsChecked: 0, streamsChecked: 0, anchorsChecked: 0 };
    expect(await verifySqliteEventStore(path, { workerUrl: worker.url })).toEqual(expected);
    expect(await verifyThroughPort(path)).toEqual(expected);
  });
});
