import fc from 'fast-check';
import { DateTime } from 'luxon';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SeededIdGenerator } from '../../domain/shared/seeded-id-generator.js';
import { ANCHOR_STREAM_ID } from '../../src/infrastructure/audit/anchor-event.js';
import { Anchorer } from '../../src/infrastructure/audit/anchorer.js';
import { verifyEventStore } from '../../src/infrastructure/audit/audit-verifier.js';
import { ChainedEventStore } from '../../src/infrastructure/audit/chained-event-store.js';
import { verifySqliteEventStore } from '../../src/infrastructure/audit/sqlite-audit-verifier.js';
import { SimulatedClock } from '../../src/infrastructure/clock/simulated-clock.js';
import { SqliteEventStore } from '../../src/infrastructure/event-store/sqlite/sqlite-event-store.js';
import { openForTampering } from '../support/tamper-sqlite.js';

const directory = mkdtempSync(join(tmpdir(), 'gridfolio-audit-prop-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

type Step = { kind: 'append'; stream: number; count: number } | { kind: 'anchor' };
type Tamper =
  | { kind: 'none' }
  | { kind: 'edit' | 'delete'; pick: number }
  | { kind: 'swap'; pick: number; other: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('append' as const),
      stream: fc.nat(3),
      count: fc.integer({ min: 1, max: 3 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('anchor' as const) }) },
);
const tamper: fc.Arbitrary<Tamper> = fc.oneof(
  fc.constant({ kind: 'none' as const }),
  fc.record({ kind: fc.constantFrom('edit' as const, 'delete' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), pick: fc.nat(), other: fc.nat() }),
);

let runs = 0;
const build = async (steps: readonly Step[]): Promise<string> => {
  const path = join(directory, `run-${++runs}.db`);
  const inner = new SqliteEventStore({ path });
  const store = new ChainedEventStore(inner);
  const ids = new SeededIdGenerator(`prop-${runs}`);
  const anchorer = new Anchorer(
    store,
    new SimulatedClock(DateTime.fromISO('2026-11-26T00:00:00Z')),
    ids,
  );
  for (const s of steps) {
    if (s.kind === 'anchor') await anchorer.anchorNow();
    else {
      const events = Array.from({ length: s.count }, (_, i) => ({
        id: ids.next(),
        type: 'T',
        data: { i, s: s.stream },
        metadata: {},
      }));
      await store.append(`s-${s.stream}`, events, 'any');
    }
  }
  await inner.close();
  return path;
};

type Row = { position: number; stream_id: string; revision: number };

/** Applies the tamper; says whether a verifier must notice it. */
const apply = (path: string, t: Tamper): boolean => {
  if (t.kind === 'none') return false;
  const db = openForTampering(path);
  try {
    const rows = db
      .prepare<[], Row>('SELECT position, stream_id, revision FROM events ORDER BY position')
      .all();
    if (rows.length === 0) return false;
    const target = rows[t.pick % rows.length]!;
    if (t.kind === 'edit') {
      db.prepare(`UPDATE events SET data = json_set(data, '$.x', 1) WHERE position = ?`).run(
        target.position,
      );
      return true;
    }
    if (t.kind === 'swap') {
      const other = rows[t.other % rows.length]!;
      if (other.position === target.position) return false;
      const get = db.prepare<[number], { data: string; metadata: string }>(
        'SELECT data, metadata FROM events WHERE position = ?',
      );
      const [a, b] = [get.get(target.position)!, get.get(other.position)!];
      const set = db.prepare('UPDATE events SET data = ?, metadata = ? WHERE position = ?');
      set.run(b.data, b.metadata, target.position);
      set.run(a.data, a.metadata, other.position);
      return a.data !== b.data || a.metadata !== b.metadata;
    }
    db.prepare('DELETE FROM events WHERE position = ?').run(target.position);
    const isTail = !rows.some(
      (r) => r.stream_id === target.stream_id && r.revision > target.revision,
    );
    if (!isTail) return true;
    // A deleted tail shows only if an anchor recorded that revision or a later one.
    const anchored = db
      .prepare<[string], { data: string }>('SELECT data FROM events WHERE stream_id = ?')
      .all(ANCHOR_STREAM_ID)
      .some(({ data }) =>
        (JSON.parse(data) as { heads: { streamId: string; revision: string }[] }).heads.some(
          (h) => h.streamId === target.stream_id && Number(h.revision) >= target.revision,
        ),
      );
    return target.stream_id === ANCHOR_STREAM_ID ? false : anchored;
  } finally {
    db.close();
  }
};

describe('audit verification of random histories and tamperings', () => {
  it('notices exactly the tamperings it can, and the sliced verifier always agrees', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 1, maxLength: 25 }),
        tamper,
        async (steps, t) => {
          const path = await build(steps);
          const mustNotice = apply(path, t);
          const store = new SqliteEventStore({ path });
          const report = await verifyEventStore(store).finally(() => store.close());
          expect(report.ok).toBe(!mustNotice);
          for (const workers of [1, 2, 3, 7]) {
            expect(await verifySqliteEventStore(path, { workers, inProcess: true })).toEqual(
              report,
            );
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
