import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/infrastructure/event-store/sqlite/sqlite-event-store.js';
import { DEMO_FIXTURE } from '../../src/fixtures/demo-fixture.js';
import { ess } from '../support/builders/der.builders.js';
import { runGridfolio } from '../support/run-gridfolio.js';

// Each run starts a Node process and the whole application: seconds, not milliseconds.
const CLI_TIMEOUT_MS = 60_000;

const directory = mkdtempSync(join(tmpdir(), 'gridfolio-assets-cli-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

let counter = 0;
const freshEnv = (): Record<string, string> => {
  counter++;
  return {
    EVENT_STORE_PATH: join(directory, `events-${counter}.db`),
    READ_MODEL_PATH: join(directory, `read-models-${counter}.db`),
  };
};

/** Every event in the store, anchors included, by stream category. */
const countEvents = async (path: string): Promise<{ total: number; assets: number }> => {
  const store = new SqliteEventStore({ path });
  let total = 0;
  let assets = 0;
  for await (const event of store.readAll()) {
    total++;
    if (event.streamId.startsWith('der-') || event.streamId.startsWith('portfolio-')) assets++;
  }
  await store.close();
  return { total, assets };
};

interface TreeNode {
  portfolioId: string;
  tier: string;
  children: TreeNode[];
  derIds: string[];
}

const countNodes = (node: TreeNode): { portfolios: number; ders: number } =>
  node.children
    .map(countNodes)
    .reduce((sum, c) => ({ portfolios: sum.portfolios + c.portfolios, ders: sum.ders + c.ders }), {
      portfolios: 1,
      ders: node.derIds.length,
    });

describe('gridfolio fixtures load demo', () => {
  it(
    'loads the demo once; a second load appends nothing at all',
    async () => {
      const env = freshEnv();
      const first = await runGridfolio(['fixtures', 'load', 'demo', '--json'], env);
      expect(first.stderr).toBe('');
      expect(first.code).toBe(0);
      const report = JSON.parse(first.stdout) as {
        appended: number;
        tree: TreeNode & { day: string };
      };
      // 9 portfolios + 8 parent links + 15 DERs + 15 memberships.
      expect(report.appended).toBe(47);
      expect(countNodes(report.tree)).toEqual({
        portfolios: DEMO_FIXTURE.portfolios.length,
        ders: DEMO_FIXTURE.ders.length,
      });
      expect(report.tree.children.map((c) => c.tier)).toEqual(['community', 'community']);
      const afterFirst = await countEvents(env.EVENT_STORE_PATH!);
      expect(afterFirst.assets).toBe(47);

      const second = await runGridfolio(['fixtures', 'load', 'demo'], env);
      expect(second.code).toBe(0);
      expect(second.stdout).toMatch(
        /^fixtures load demo: 0 events appended .*47 of 47 steps already done/,
      );
      expect(await countEvents(env.EVENT_STORE_PATH!)).toEqual(afterFirst);

      const tree = await runGridfolio(
        ['portfolio', 'tree', 'micro-v2x-daegu', '--day', report.tree.day, '--json'],
        env,
      );
      expect(tree.code).toBe(0);
      expect(JSON.parse(tree.stdout)).toMatchObject({
        portfolioId: 'micro-v2x-daegu',
        tier: 'micro',
        derIds: ['v2x-ess', 'v2x-ev-charger', 'v2x-fuel-cell', 'v2x-pv'],
      });

      const text = await runGridfolio(['portfolio', 'tree', 'community-capital'], env);
      expect(text.code).toBe(0);
      expect(text.stdout).toContain('micro-rnd-center [micro]');
      expect(text.stdout).toContain('    - rnd-chiller-plant');
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'refuses an unknown fixture and an unknown portfolio with exit code 2',
    async () => {
      const env = freshEnv();
      const unknown = await runGridfolio(['fixtures', 'load', 'nope'], env);
      expect(unknown.code).toBe(2);
      const tree = await runGridfolio(['portfolio', 'tree', 'ghost', '--day', '2025-03-11'], env);
      expect(tree.code).toBe(2);
      expect(JSON.parse(tree.stderr)).toEqual({
        error: { code: 'PORTFOLIO.NOT_FOUND', field: 'portfolioId', message: expect.any(String) },
      });
    },
    CLI_TIMEOUT_MS,
  );
});

describe('gridfolio der register / show, portfolio create', () => {
  it(
    'registers from a file, shows the DER, and reports bad input as JSON with exit code 2',
    async () => {
      const env = freshEnv();
      const good = join(directory, 'der.json');
      writeFileSync(good, JSON.stringify({ derId: 'ess-1', parameters: ess() }));
      const registered = await runGridfolio(['der', 'register', '--file', good], env);
      expect(registered.code).toBe(0);
      expect(JSON.parse(registered.stdout)).toMatchObject({
        derId: 'ess-1',
        appended: [{ type: 'DerRegistered' }],
      });
      const again = await runGridfolio(['der', 'register', '--file', good], env);
      expect(JSON.parse(again.stdout)).toMatchObject({ appended: [] });

      const shown = await runGridfolio(['der', 'show', 'ess-1'], env);
      expect(JSON.parse(shown.stdout)).toMatchObject({
        derId: 'ess-1',
        kind: 'ess',
        status: 'active',
      });

      const bad = join(directory, 'bad.json');
      writeFileSync(
        bad,
        JSON.stringify({ derId: 'ess-2', parameters: ess({ chargeKw: -1 as never }) }),
      );
      const refused = await runGridfolio(['der', 'register', '--file', bad], env);
      expect(refused.code).toBe(2);
      expect(JSON.parse(refused.stderr)).toEqual({
        error: {
          code: 'DER.INVALID_PARAMETER',
          field: 'parameters.chargeKw',
          message: expect.any(String),
        },
      });
      const missing = await runGridfolio(['der', 'show', 'ess-9'], env);
      expect(missing.code).toBe(2);
      expect(JSON.parse(missing.stderr).error.code).toBe('DER.NOT_REGISTERED');
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'creates a portfolio from a file',
    async () => {
      const env = freshEnv();
      const file = join(directory, 'portfolio.json');
      writeFileSync(
        file,
        JSON.stringify({
          portfolioId: 'wholesale-1',
          name: 'Wholesale',
          settings: { tier: 'wholesale', kpxParticipantId: 'KPX-1', market: 'jeju' },
        }),
      );
      const created = await runGridfolio(['portfolio', 'create', '--file', file], env);
      expect(created.code).toBe(0);
      expect(JSON.parse(created.stdout)).toMatchObject({
        portfolioId: 'wholesale-1',
        appended: [{ type: 'PortfolioCreated', streamId: 'portfolio-wholesale-1' }],
      });
    },
    CLI_TIMEOUT_MS,
  );
});
