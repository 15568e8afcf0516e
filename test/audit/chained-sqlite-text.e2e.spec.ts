import Database from 'better-sqlite3';
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JsonObject, JsonValue } from '../../domain/shared/json.js';
import { canonicalJson } from '../../src/infrastructure/audit/canonical-json.js';
import { ChainedEventStore } from '../../src/infrastructure/audit/chained-event-store.js';
import { eventHash } from '../../src/infrastructure/audit/event-hash.js';
import { verifySqliteEventStore } from '../../src/infrastructure/audit/sqlite-audit-verifier.js';
import { SqliteEventStore } from '../../src/infrastructure/event-store/sqlite/sqlite-event-store.js';
import { newEvent } from '../support/event-store-conformance/helpers.js';

// The chain hands the SQLite adapter the JSON text it hashed, so that nothing is serialized
// twice: these tests pin that the stored text is canonical and carries the hash the one
// definition (eventHash) gives, whatever the data and metadata hold.
const directory = mkdtempSync(join(tmpdir(), 'gridfolio-chained-text-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

type Row = { event_id: string; revision: number; type: string; data: string; metadata: string };

let files = 0;
const withChainedStore = async (
  work: (store: ChainedEventStore, rows: (streamId: string) => Row[]) => Promise<void>,
): Promise<string> => {
  const path = join(directory, `events-${++files}.db`);
  const inner = new SqliteEventStore({ path });
  const reader = new Database(path, { readonly: true });
  const rows = (streamId: string): Row[] =>
    reader
      .prepare<[string], Row>(
        'SELECT event_id, revision, type, data, metadata FROM events WHERE stream_id = ? ORDER BY revision',
      )
      .all(streamId);
  try {
    await work(new ChainedEventStore(inner), rows);
  } finally {
    reader.close();
    await inner.close();
  }
  return path;
};

const expectCanonicalAndHashed = (streamId: string, row: Row): void => {
  const data = JSON.parse(row.data) as JsonValue;
  const metadata = JSON.parse(row.metadata) as JsonObject;
  expect(row.data).toBe(canonicalJson(data));
  expect(row.metadata).toBe(canonicalJson(metadata));
  const { event_id: id, revision, type } = row;
  expect(metadata['hash']).toBe(eventHash({ id, streamId, revision, type, data, metadata }));
};

describe('ChainedEventStore over SQLite: the stored text is the canonical text hashed', () => {
  it.each<[string, JsonValue, JsonObject]>([
    ['plain', { b: 1, a: [true, null, 'x'] }, { correlationId: 'c-1' }],
    ['a nested hash member', { hash: '' }, { a: { hash: '' }, z: [{ hash: '' }] }],
    ['a key ending in "hash', 1, { 'a"hash': '', 'b"hash': 'x' }],
    ['integer-like keys', { '10': 1, '2': 2, b: 3 }, { '1': 'one', schemaVersion: 3 }],
    ['escapes and -0', { s: 'é"\\\n\u2028', n: -0, e: 1e21 }, { prevHash: 'forged' }],
  ])('%s', async (_case, data, metadata) => {
    const path = await withChainedStore(async (store, rows) => {
      await store.append(
        's-1',
        [newEvent('A', data, metadata), newEvent('B', data, metadata)],
        'no_stream',
      );
      await store.append('s-1', [newEvent('C', data, metadata)], 1n);
      const stored = rows('s-1');
      expect(stored).toHaveLength(3);
      for (const row of stored) expectCanonicalAndHashed('s-1', row);
    });
    expect(await verifySqliteEventStore(path, { inProcess: true })).toMatchObject({ ok: true });
  });

  it('holds for any JSON data and metadata (property)', async () => {
    const metadataArb = fc.dictionary(
      fc.oneof(fc.string(), fc.constant('hash')),
      fc.jsonValue({ maxDepth: 3 }),
    );
    let stream = 0;
    const path = await withChainedStore(async (store, rows) => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.tuple(fc.jsonValue({ maxDepth: 3 }), metadataArb), {
            minLength: 1,
            maxLength: 3,
          }),
          async (batch) => {
            const streamId = `p-${++stream}`;
            const events = batch.map(([data, metadata]) =>
              newEvent('P', data as JsonValue, metadata as JsonObject),
            );
            await store.append(streamId, events, 'no_stream');
            for (const row of rows(streamId)) expectCanonicalAndHashed(streamId, row);
          },
        ),
        { numRuns: 100 },
      );
    });
    expect(await verifySqliteEventStore(path, { inProcess: true })).toMatchObject({ ok: true });
  });
});
