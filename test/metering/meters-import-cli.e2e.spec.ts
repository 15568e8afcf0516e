import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { SeededIdGenerator } from '../../domain/shared/seeded-id-generator.js';
import type { CliIo } from '../../src/cli/cli-command.js';
import { runCli } from '../../src/cli/main.js';
import { loadConfig } from '../../src/config/app-config.js';
import { SimulatedClock } from '../../src/infrastructure/clock/simulated-clock.js';
import { openEventStore } from '../../src/infrastructure/event-store/open-event-store.js';
import { SqliteEventStore } from '../../src/infrastructure/event-store/sqlite/sqlite-event-store.js';
import { seedMeters } from '../support/metering-fixtures.js';

const directory = mkdtempSync(join(tmpdir(), 'gridfolio-meters-cli-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const slot = (n: number): string =>
  new Date(Date.parse('2025-03-09T15:00:00.000Z') + n * 900_000).toISOString();

let counter = 0;
const seededStore = async (): Promise<string> => {
  const path = join(directory, `events-${++counter}.db`);
  const stack = openEventStore(loadConfig({ EVENT_STORE_PATH: path }), {
    clock: new SimulatedClock(DateTime.fromISO('2025-03-09T16:00:00Z')),
    ids: new SeededIdGenerator(`cli-${counter}`),
  });
  await seedMeters(
    {
      store: stack.store,
      clock: new SimulatedClock(DateTime.fromISO('2025-03-09T16:00:00Z')),
      ids: new SeededIdGenerator(`seed-${counter}`),
    },
    '2025-03-09T16:00:00.000Z',
  );
  await stack.close();
  return path;
};

const file = (name: string, text: string): string => {
  const path = join(directory, name);
  writeFileSync(path, text);
  return path;
};

const run = async (args: readonly string[], eventsPath: string) => {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (text) => out.push(text),
    err: (text) => err.push(text),
    env: { EVENT_STORE_PATH: eventsPath, LOG_FORMAT: 'text' },
  };
  const code = await runCli(['meters', 'import', ...args], io);
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
};

describe('gridfolio meters import', () => {
  it('loads a CSV file with exit code 0 when every row is accepted, and changes nothing the second time', async () => {
    const events = await seededStore();
    const csv = file(
      'ok.csv',
      `meterId,intervalStart,intervalMinutes,energyKwh\npv-1,${slot(0)},15,1.5\npv-1,${slot(1)},15,2\n`,
    );
    const first = await run(['--file', csv], events);
    expect(first).toEqual({
      code: 0,
      stdout: 'meters import: 2 accepted, 0 unchanged, 0 corrected, 0 rejected',
      stderr: '',
    });
    const second = await run(['--file', csv], events);
    expect(second.stdout).toBe('meters import: 0 accepted, 2 unchanged, 0 corrected, 0 rejected');

    const store = new SqliteEventStore({ path: events });
    const stored = await store.readStream('meter-der-pv-1-2025-03-10');
    await store.close();
    expect(stored).toHaveLength(1);
    expect(stored[0]?.metadata).toMatchObject({ actor: 'cli:meters-import' });
  });

  it('prints each rejected row with its reason and exits 1', async () => {
    const events = await seededStore();
    const json = file(
      'some-bad.json',
      JSON.stringify({
        readings: [
          { meterId: 'pv-1', intervalStart: slot(0), intervalMinutes: 15, energyKwh: 1 },
          { meterId: 'pv-1', intervalStart: slot(1), intervalMinutes: 15, energyKwh: 500 },
          { meterId: 'ghost', intervalStart: slot(2), intervalMinutes: 15, energyKwh: 1 },
        ],
      }),
    );
    const result = await run(['--file', json], events);
    expect(result.code).toBe(1);
    expect(result.stdout.split('\n')).toEqual([
      'meters import: 1 accepted, 0 unchanged, 0 corrected, 2 rejected',
      expect.stringMatching(
        /^ {2}row 1 pv-1 2025-03-09T15:15:00.000Z: METER.ABOVE_LIMIT \[energyKwh\] /,
      ),
      '  row 2 ghost 2025-03-09T15:30:00.000Z: METER.UNKNOWN_DER [meterId] no DER ghost is registered',
    ]);
    const asJson = await run(['--file', json, '--json'], events);
    expect(JSON.parse(asJson.stdout)).toMatchObject({ accepted: 0, unchanged: 1 });
  });

  it.each([
    ['no --file', [], '--file is required'],
    ['a missing file', ['--file', join(directory, 'missing.csv')], 'METER.INVALID_FILE'],
    ['a .txt file', ['--file', join(directory, 'a.txt')], 'expected a .csv or .json file'],
  ])('exits 2 on %s', async (_label, args, words) => {
    const result = await run(args, join(directory, 'unused.db'));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(words);
  });

  it('exits 2 for a CSV without the header or a JSON file that is not a batch', async () => {
    const events = await seededStore();
    const noHeader = await run(['--file', file('no-header.csv', `pv-1,${slot(0)},15,1\n`)], events);
    expect(noHeader).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('METER.INVALID_CSV'),
    });
    const notBatch = await run(['--file', file('object.json', '{"rows":[]}')], events);
    expect(notBatch).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('METER.INVALID_FILE'),
    });
  });
});
