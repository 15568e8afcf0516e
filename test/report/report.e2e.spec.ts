import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BidDrafted } from '../../domain/bids/index.js';
import type { CliIo } from '../../src/cli/cli-command.js';
import { loadConfig } from '../../src/config/app-config.js';
import { runReport } from '../../src/report/report.cli.js';
import { eventsOf, SimulateHarness } from '../simulation/simulate-harness.js';

const harness = new SimulateHarness();
beforeAll(() => harness.start());
afterAll(() => harness.stop());

const report = async (
  args: readonly string[],
  cwd: string,
): Promise<{ code: number; out: string; err: string }> => {
  let out = '';
  let err = '';
  const io: CliIo = { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`), env: {} };
  const code = await runReport(args, io, loadConfig({}), cwd);
  return { code, out, err };
};

const count = (text: string, needle: string): number => text.split(needle).length - 1;

describe('gridfolio report', () => {
  it('writes one self-contained HTML file of a simulated day with its charts and tables', async () => {
    const store = harness.folder();
    const run = await harness.run(['--days', '1', '--from', '2024-06-03', '--store', store]);
    expect(run.code).toBe(0);
    const before = (await eventsOf(store)).length;

    // From the repository root, where the SMP history file the scenarios are drawn from lives.
    const result = await report(
      ['--day', '2024-06-03', '--store', store, '--out', join(store, 'day.html')],
      process.cwd(),
    );
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    const file = join(store, 'day.html');
    expect(existsSync(file)).toBe(true);
    // Atomic write: no temporary file left beside it.
    expect(readdirSync(store).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const html = readFileSync(file, 'utf8');

    // Self-contained: no scripts, no links or resources from the network.
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).not.toMatch(/<link|<img|@import|url\(/i);

    // One bid-curve chart per bid interval, each with its table.
    // (The run also bids the next day ahead, so that a longer run can continue from it.)
    const drafted = (await eventsOf(store)).filter(
      (e) => e.type === 'BidDrafted' && e.streamId.endsWith('2024-06-03'),
    );
    expect(drafted).toHaveLength(1);
    const intervals = (drafted[0]?.data as unknown as BidDrafted['data']).intervals;
    expect(intervals.length).toBeGreaterThan(0);
    expect(count(html, 'class="chart bid-curve"')).toBe(intervals.length);
    for (const interval of intervals)
      expect(html).toContain(`<caption>interval ${interval.interval} (`);

    // The other charts and the tables behind them.
    for (const id of ['award-delivery', 'soc', 'smp', 'revenue', 'pv'])
      expect(html).toContain(`<section id="${id}">`);
    for (const caption of [
      'Award and delivery per interval',
      'End-of-day state of charge, kWh',
      'SMP per interval, KRW/kWh',
      'Portfolio revenue per interval, KRW',
      'Planned value per asset kind',
      'PV energy per interval, kWh',
      'State of charge at the end of each interval, kWh',
      'Delivered energy and revenue per asset kind',
    ])
      expect(html).toContain(`<caption>${caption}`);
    expect(count(html, '<table>')).toBe(intervals.length + 8);
    // The per-interval SoC and the revenue per kind are recorded now: no 'not recorded' remark.
    expect(html).not.toContain('not recorded');
    expect(html).toContain('<th>v2x-ess</th>');
    expect(html).toMatch(/<td>ev_charger<\/td>/);
    expect(html).toContain('drawn again here from that seed');
    expect(html).toContain('<th>scenario 5</th>');
    expect(html).not.toContain('<th>scenario 6</th>');
    // 24 hourly rows in the award table, and a battery and an asset kind named.
    expect(html).toContain('<td>23:00-24:00</td>');
    expect(html).toMatch(/<td>ess<\/td>/);

    // A day the run did not simulate: exit 2 naming it and the store.
    const other = await report(
      ['--day', '2024-06-10', '--store', store, '--out', 'other.html'],
      store,
    );
    expect(other.code).toBe(2);
    expect(other.err).toContain('2024-06-10');
    expect(other.err).toContain(store);
    expect(existsSync(join(store, 'other.html'))).toBe(false);

    // The report only reads the store.
    expect((await eventsOf(store)).length).toBe(before);
  });

  it('exits 2 naming the day and the store when the day was not simulated', async () => {
    const store = harness.folder();
    const missingStore = await report(
      ['--day', '2024-06-03', '--store', join(store, 'nothing'), '--out', 'x.html'],
      store,
    );
    expect(missingStore.code).toBe(2);
    expect(missingStore.err).toContain('2024-06-03');
    expect(missingStore.err).toContain(join(store, 'nothing'));
    // Nothing created: neither the store nor the report.
    expect(existsSync(join(store, 'nothing'))).toBe(false);
    expect(existsSync(join(store, 'x.html'))).toBe(false);
  });
});
