import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { SeededIdGenerator } from '../../domain/shared/seeded-id-generator.js';
import { loadConfig } from '../../src/config/app-config.js';
import { SimulatedClock } from '../../src/infrastructure/clock/simulated-clock.js';
import { openEventStore } from '../../src/infrastructure/event-store/open-event-store.js';
import { runGridfolio } from '../support/run-gridfolio.js';
import { openForTampering } from '../support/tamper-sqlite.js';

const directory = mkdtempSync(join(tmpdir(), 'gridfolio-cli-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

let counter = 0;
/**
 * A store with 3 streams x 4 events written through the hash chain, then closed: 14 events in
 * all, since the first append is anchored at once and closing anchors the rest.
 */
const populatedStore = async (): Promise<string> => {
  const path = join(directory, `events-${++counter}.db`);
  const config = loadConfig({ EVENT_STORE_PATH: path });
  const ids = new SeededIdGenerator(`cli-${counter}`);
  const stack = openEventStore(config, {
    clock: new SimulatedClock(DateTime.fromISO('2024-06-03T00:00:00Z')),
    ids,
  });
  for (const streamId of ['der-a', 'der-b', 'portfolio-p']) {
    for (let revision = 0; revision < 4; revision++) {
      const event = { id: ids.next(), type: 'Noted', data: { revision }, metadata: {} };
      await stack.store.append(
        streamId,
        [event],
        revision === 0 ? 'no_stream' : BigInt(revision - 1),
      );
    }
  }
  await stack.close();
  return path;
};

const tamper = (path: string, sql: string): void => {
  const db = openForTampering(path);
  db.exec(sql);
  db.close();
};

describe('gridfolio audit verify', () => {
  it('reports an intact store with exit code 0', async () => {
    const path = await populatedStore();
    const run = await runGridfolio(['audit', 'verify'], { EVENT_STORE_PATH: path });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^audit verify: intact: 14 events in 4 streams, 2 anchors/);
  });

  it.each([
    [
      'an edited event',
      "UPDATE events SET data = '{\"revision\":99}' WHERE stream_id = 'der-b' AND revision = 2",
      'der-b',
      '2',
      'HASH_MISMATCH',
    ],
    [
      'an event deleted in the middle',
      "DELETE FROM events WHERE stream_id = 'der-a' AND revision = 1",
      'der-a',
      '2',
      'REVISION_GAP',
    ],
    [
      "a stream's last event deleted after an anchor",
      "DELETE FROM events WHERE stream_id = 'portfolio-p' AND revision = 3",
      'portfolio-p',
      '3',
      'ANCHOR_REVISION_MISSING',
    ],
  ])(
    'names the first broken link for %s, exit code 1',
    async (_what, sql, stream, revision, reason) => {
      const path = await populatedStore();
      tamper(path, sql);
      const run = await runGridfolio(['audit', 'verify', '--json'], { EVENT_STORE_PATH: path });
      expect(run.code).toBe(1);
      const report = JSON.parse(run.stdout) as { ok: boolean; firstBreak: Record<string, string> };
      expect(report.ok).toBe(false);
      expect(report.firstBreak).toMatchObject({ streamId: stream, revision, reason });
    },
  );

  it('catches two events swapped', async () => {
    const path = await populatedStore();
    tamper(
      path,
      `UPDATE events SET revision = -1 WHERE stream_id = 'der-a' AND revision = 1;
       UPDATE events SET revision = 1 WHERE stream_id = 'der-a' AND revision = 2;
       UPDATE events SET revision = 2 WHERE stream_id = 'der-a' AND revision = -1;`,
    );
    const run = await runGridfolio(['audit', 'verify'], { EVENT_STORE_PATH: path });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/BROKEN at stream der-a revision/);
  });

  it('refuses a missing store and bad flags with exit code 2', async () => {
    const missing = await runGridfolio(['audit', 'verify'], {
      EVENT_STORE_PATH: join(directory, 'nope.db'),
    });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no event store at/);

    const badFlag = await runGridfolio(['audit', 'verify', '--workers', 'x'], {
      EVENT_STORE_PATH: join(directory, 'nope.db'),
    });
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr).toMatch(/--workers expects a positive integer/);
  });
});

describe('gridfolio audit anchor, projections rebuild, help', () => {
  it('anchors nothing when everything is anchored', async () => {
    const path = await populatedStore();
    const run = await runGridfolio(['audit', 'anchor'], { EVENT_STORE_PATH: path });
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe('audit anchor: nothing new to anchor');
  });

  it('rebuilds the stream catalogue from the log', async () => {
    const path = await populatedStore();
    const readModels = join(directory, `read-models-${counter}.db`);
    const run = await runGridfolio(['projections', 'rebuild'], {
      EVENT_STORE_PATH: path,
      READ_MODEL_PATH: readModels,
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^rebuilt stream-catalogue through position 14 in/);
    const db = new Database(readModels, { readonly: true });
    const count = db.prepare('SELECT COUNT(*) AS n FROM stream_catalogue').get() as { n: number };
    db.close();
    expect(count.n).toBe(4);
  });

  it('lists the commands and rejects unknown ones with exit code 2', async () => {
    const help = await runGridfolio(['help'], {});
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/audit verify/);
    const unknown = await runGridfolio(['frobnicate'], {});
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command "frobnicate"/);
  });

  it('reports a configuration error with exit code 2', async () => {
    const run = await runGridfolio(['audit', 'verify'], { EVENT_STORE: 'postgres' });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/EVENT_STORE: expected one of sqlite, eventstoredb/);
  });
});
