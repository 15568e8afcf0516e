import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PortfolioCapability } from '../../domain/capability/index.js';
import { DEMO_FIXTURE } from '../../src/fixtures/demo-fixture.js';
import { runGridfolio } from '../support/run-gridfolio.js';

// Each run starts a Node process and the whole application: seconds, not milliseconds.
const CLI_TIMEOUT_MS = 60_000;

const directory = mkdtempSync(join(tmpdir(), 'gridfolio-capability-cli-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
const env = {
  EVENT_STORE_PATH: join(directory, 'events.db'),
  READ_MODEL_PATH: join(directory, 'read-models.db'),
};

describe('gridfolio portfolio capability', () => {
  it(
    'prints the demo VPP capability as JSON and as a table, and refuses a bad interval',
    async () => {
      const loaded = await runGridfolio(['fixtures', 'load', 'demo', '--json'], env);
      expect(loaded.code).toBe(0);
      const { day } = (JSON.parse(loaded.stdout) as { tree: { day: string } }).tree;

      const json = await runGridfolio(
        ['portfolio', 'capability', 'kt-vpp', '--day', day, '--interval-minutes', '30', '--json'],
        env,
      );
      expect(json.stderr).toBe('');
      const capability = JSON.parse(json.stdout) as PortfolioCapability;
      expect(capability).toMatchObject({ portfolioId: 'kt-vpp', day, intervalMinutes: 30 });
      expect(capability.memberDerCount).toBe(DEMO_FIXTURE.ders.length);
      expect(capability.intervals).toHaveLength(48);
      expect(capability.intervals[0]?.total.derCount).toBe(DEMO_FIXTURE.ders.length);
      expect(capability.intervals[0]?.byKind.ess.upKw).toBeGreaterThan(0);

      const table = await runGridfolio(['portfolio', 'capability', 'kt-vpp', '--day', day], env);
      expect(table.code).toBe(0);
      const lines = table.stdout.trim().split('\n');
      expect(lines[0]).toContain(`kt-vpp [wholesale] on ${day}`);
      expect(lines[1]).toMatch(/^KST\s+up kW\s+down kW/);
      expect(lines).toHaveLength(2 + 96);
      expect(lines[2]).toMatch(/^00:00 /);

      const bad = await runGridfolio(
        ['portfolio', 'capability', 'kt-vpp', '--interval-minutes', '7'],
        env,
      );
      expect(bad.code).toBe(2);
      expect(JSON.parse(bad.stderr)).toMatchObject({
        error: { code: 'PORTFOLIO.INVALID_INPUT', field: 'intervalMinutes' },
      });
    },
    CLI_TIMEOUT_MS,
  );
});
