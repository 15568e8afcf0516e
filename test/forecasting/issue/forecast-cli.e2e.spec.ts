import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runGridfolio } from '../../support/run-gridfolio.js';

const directory = mkdtempSync(join(tmpdir(), 'gridfolio-forecast-cli-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const env = {
  EVENT_STORE_PATH: join(directory, 'events.db'),
  READ_MODEL_PATH: join(directory, 'read-models.db'),
};

describe('gridfolio forecast issue / show on the demo fixture', () => {
  it('issues a version for the first open day, shows it, and says what it left out', async () => {
    const loaded = await runGridfolio(['fixtures', 'load', 'demo', '--json'], env);
    expect(loaded.code).toBe(0);
    const day = (JSON.parse(loaded.stdout) as { tree: { day: string } }).tree.day;

    const issued = await runGridfolio(
      ['forecast', 'issue', '--portfolio', 'kt-vpp', '--day', day, '--interval', '15', '--json'],
      env,
    );
    expect(issued.stderr).toBe('');
    expect(issued.code).toBe(0);
    const summary = JSON.parse(issued.stdout) as {
      version: number;
      streamId: string;
      intervalMinutes: number;
      dayKwh: { pv: { p10: number; p50: number; p90: number } };
      omitted: { microVppId: string; assetKind: string }[];
    };
    expect(summary).toMatchObject({
      version: 1,
      streamId: `forecast-kt-vpp-${day}`,
      intervalMinutes: 15,
      appended: true,
    });
    // The demo's two PV plants (499 + 998 kWp) make energy on any day, in quantile order.
    expect(summary.dayKwh.pv.p10).toBeGreaterThan(0);
    expect(summary.dayKwh.pv.p10).toBeLessThanOrEqual(summary.dayKwh.pv.p50);
    expect(summary.dayKwh.pv.p50).toBeLessThanOrEqual(summary.dayKwh.pv.p90);
    // No meter readings were loaded: no site has a load series, and the event says so.
    expect(summary.omitted.length).toBeGreaterThan(0);
    expect(summary.omitted.every((o) => o.assetKind === 'load')).toBe(true);

    const shown = await runGridfolio(
      ['forecast', 'show', '--portfolio', 'kt-vpp', '--day', day],
      env,
    );
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(`kt-vpp on ${day}: version 1 of 1`);
    expect(shown.stdout).toMatch(/^12:00\s+\d/m);
    expect(shown.stdout).toContain('no load series for');

    const json = await runGridfolio(
      ['forecast', 'show', '--portfolio', 'kt-vpp', '--day', day, '--json'],
      env,
    );
    const view = JSON.parse(json.stdout) as { forecast: { series: { values: number[][] }[] } };
    expect(view.forecast.series[0]?.values[0]).toHaveLength(96);
    // Four CLI runs, each starting the whole application: more than the default 60 s on a busy machine.
  }, 240_000);

  it('reports bad input on stderr with exit code 2', async () => {
    const missing = await runGridfolio(['forecast', 'issue', '--portfolio', 'kt-vpp'], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--day');
    const unknown = await runGridfolio(
      ['forecast', 'show', '--portfolio', 'kt-vpp', '--day', '2020-01-01'],
      env,
    );
    expect(unknown.code).toBe(2);
    expect(JSON.parse(unknown.stderr)).toMatchObject({ error: { code: 'FORECAST.NOT_FOUND' } });
  }, 120_000);
});
