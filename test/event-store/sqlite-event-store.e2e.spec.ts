import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ConcurrencyError,
  InvalidAppendError,
} from '../../src/infrastructure/event-store/errors.js';
import { SqliteEventStore } from '../../src/infrastructure/event-store/sqlite/sqlite-event-store.js';
import { describeEventStoreConformance } from '../support/event-store-conformance.js';
import {
  idsOf,
  newEvent,
  newEvents,
  rejectionOf,
  take,
  uniquePrefix,
} from '../support/event-store-conformance/helpers.js';

/**
 * Another process that takes the write lock, inserts revision 1 of `streamId` and commits a
 * moment after saying it holds the lock (the wait only widens the window; any length passes).
 */
const holdWriteLockWhileAppending = async (
  path: string,
  streamId: string,
): Promise<{ exited: Promise<number | null> }> => {
  const script = `
    const db = new (require('better-sqlite3'))(process.env.DB_PATH);
    db.exec('BEGIN IMMEDIATE');
    db.prepare("INSERT INTO events (stream_id, revision, event_id, type, data, metadata) VALUES (?, 1, ?, 'Rival', '{}', '{}')")
      .run(process.env.STREAM_ID, require('node:crypto').randomUUID());
    process.stdout.write('locked');
    setTimeout(() => { db.exec('COMMIT'); db.close(); }, 200);`;
  const child = spawn(process.execPath, ['-e', script], {
    env: { ...process.env, DB_PATH: path, STREAM_ID: streamId },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  const [chunk] = (await Promise.race([once(child.stdout, 'data'), exited.then(() => [''])])) as [
    unknown,
  ];
  if (String(chunk) !== 'locked') throw new Error('the rival process did not take the lock');
  return { exited };
};

const directory = mkdtempSync(join(tmpdir(), 'gridfolio-sqlite-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

// A tiny page size makes every read cross page boundaries.
describeEventStoreConformance('SQLite in memory, 7-row pages', async () => {
  const store = new SqliteEventStore({ path: ':memory:', pageSize: 7 });
  return { store, cleanup: () => store.close() };
});

// One file shared by all tests, as a long-lived store would be.
const shared = new SqliteEventStore({ path: join(directory, 'shared', 'events.db') });
afterAll(() => shared.close());
describeEventStoreConformance('SQLite file shared across tests', async () => ({
  store: shared,
  cleanup: async () => undefined,
}));

describe('SqliteEventStore on a file', () => {
  const opened: SqliteEventStore[] = [];
  let path: string;
  const open = (pollIntervalMs?: number): SqliteEventStore => {
    const store = new SqliteEventStore({ path, pollIntervalMs });
    opened.push(store);
    return store;
  };
  beforeEach(() => {
    path = join(directory, uniquePrefix(), 'nested', 'events.db');
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
  });

  it('creates the parent directory and keeps the exact schema other tools rely on', async () => {
    await open().close();
    const db = new Database(path, { readonly: true });
    const columns = db
      .prepare('SELECT name, type, "notnull", pk FROM pragma_table_info(?)')
      .all('events');
    db.close();

    expect(columns).toEqual([
      { name: 'position', type: 'INTEGER', notnull: 0, pk: 1 },
      { name: 'stream_id', type: 'TEXT', notnull: 1, pk: 0 },
      { name: 'revision', type: 'INTEGER', notnull: 1, pk: 0 },
      { name: 'event_id', type: 'TEXT', notnull: 1, pk: 0 },
      { name: 'type', type: 'TEXT', notnull: 1, pk: 0 },
      { name: 'data', type: 'TEXT', notnull: 1, pk: 0 },
      { name: 'metadata', type: 'TEXT', notnull: 1, pk: 0 },
    ]);
  });

  it('keeps events after close and reopen, and goes on from there', async () => {
    const first = open();
    const events = newEvents(3);
    await first.append('meter-1', events, 'no_stream');
    const before = await first.readStream('meter-1');
    await first.close();

    const reopened = open();
    expect(await reopened.readStream('meter-1')).toEqual(before);
    const next = await reopened.append('meter-1', newEvents(1), 2n);
    expect(next.nextExpectedRevision).toBe(3n);
    expect(next.position > before[2]!.position).toBe(true);
  });

  it('lets exactly one of two instances win with the same expected revision', async () => {
    const [a, b] = [open(), open()];
    await a.append('bid-1', newEvents(1), 'no_stream');
    const [fromA, fromB] = [newEvents(1, 'FromA'), newEvents(1, 'FromB')];

    const outcomes = await Promise.allSettled([
      a.append('bid-1', fromA, 0n),
      b.append('bid-1', fromB, 0n),
    ]);

    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected']);
    const loser = (outcomes[1] as PromiseRejectedResult).reason as unknown;
    expect(loser).toBeInstanceOf(ConcurrencyError);
    expect(loser).toMatchObject({ expected: 0n, actual: 1n });
    expect(idsOf((await b.readStream('bid-1')).slice(1))).toEqual(idsOf(fromA));
  });

  it('checks the expected revision under the write lock another process holds', async () => {
    const store = open();
    await store.append('bid-2', newEvents(1), 'no_stream');
    const rival = await holdWriteLockWhileAppending(path, 'bid-2');

    // Blocks until the rival commits, then must see its event: a check made before taking the
    // lock would have passed on a stale snapshot.
    const error = await rejectionOf(store.append('bid-2', newEvents(1), 0n));
    expect(error).toBeInstanceOf(ConcurrencyError);
    expect(error).toMatchObject({ expected: 0n, actual: 1n });
    expect(await rival.exited).toBe(0);
    expect((await store.readStream('bid-2')).map((event) => event.type)).toEqual([
      'ThingHappened',
      'Rival',
    ]);
  });

  it('delivers to a subscription appends made by another instance on the same file', async () => {
    const [writer, reader] = [open(), open(5)];
    const subscription = reader.subscribeToAll({ filter: { streamPrefixes: ['meter-'] } });
    const events = subscription[Symbol.asyncIterator]();
    await writer.append('meter-2', newEvents(1), 'no_stream');
    const caughtUp = await take(events, 1);

    const live = newEvents(2);
    await writer.append('meter-2', live, 0n);
    expect(idsOf([...caughtUp, ...(await take(events, 2))]).slice(1)).toEqual(idsOf(live));
  });

  it('closes its subscriptions when the store closes', async () => {
    const store = open();
    const subscription = store.subscribeToAll();
    const pending = subscription[Symbol.asyncIterator]().next();

    await store.close();
    expect((await pending).done).toBe(true);
    await expect(store.append('meter-3', newEvents(1), 'any')).rejects.toThrow();
  });

  it('refuses an event id already stored, appending nothing of the batch', async () => {
    const store = open();
    const event = newEvent();
    await store.append('asset-1', [event], 'no_stream');

    const error = await rejectionOf(store.append('asset-2', [newEvent(), event], 'any'));
    // The code first: on failure jest then prints the whole error received.
    expect(error).toMatchObject({ code: 'EVENT_STORE.DUPLICATE_EVENT_ID' });
    expect(error).toBeInstanceOf(InvalidAppendError);
    expect(await store.readStream('asset-2')).toEqual([]);
  });
});
