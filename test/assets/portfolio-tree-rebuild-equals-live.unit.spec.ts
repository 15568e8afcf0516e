import fc from 'fast-check';
import { buildPortfolioTree } from '../../domain/portfolios/index.js';
import { SeededIdGenerator } from '../../domain/shared/seeded-id-generator.js';
import { TradingDay } from '../../domain/shared/time/trading-day.js';
import { SimulatedClock } from '../../src/infrastructure/clock/simulated-clock.js';
import type { CommandHandlingDeps } from '../../src/infrastructure/command-handling/handle-command.js';
import { SqliteEventStore } from '../../src/infrastructure/event-store/sqlite/sqlite-event-store.js';
import { InMemoryCheckpointStore } from '../../src/infrastructure/projections/memory/in-memory-checkpoint-store.js';
import { ProjectionRunner } from '../../src/infrastructure/projections/projection-runner.js';
import { waitUntilCaughtUp } from '../../src/infrastructure/projections/wait-until-caught-up.js';
import {
  PORTFOLIO_TREE,
  PORTFOLIO_TREE_FILTER,
  PortfolioTreeProjection,
} from '../../src/portfolios/portfolio-tree/portfolio-tree.projection.js';
import { foldAllAssetStreams, runAssetStep, START } from '../support/asset-steps.js';
import { assetHistory, type AssetStep } from '../support/asset-arbitraries.js';
import { silentLogger } from '../support/projection-fixtures.js';

// Every day the random histories can touch: from the start to a few days past the last step.
const DAYS = Array.from({ length: 21 }, (_, i) => TradingDay.parse('2025-03-09').plusDays(i));

describe('portfolio tree read model: live, restarted and rebuilt from position 0 agree', () => {
  it('gives the same tree on every day as folding the streams directly', async () => {
    await fc.assert(
      fc.asyncProperty(
        assetHistory,
        fc.nat(),
        fc.nat(),
        fc.integer({ min: 1, max: 7 }),
        async (steps, cut1, cut2, pageSize) => {
          const [a, b] = [cut1 % (steps.length + 1), cut2 % (steps.length + 1)].sort(
            (x, y) => x - y,
          );
          const store = new SqliteEventStore({ path: ':memory:' });
          const clock = new SimulatedClock(START);
          const deps: CommandHandlingDeps = { store, clock, ids: new SeededIdGenerator('tree') };
          const run = async (part: readonly AssetStep[]) => {
            for (const step of part) await runAssetStep(deps, clock, step);
          };
          // A fresh process: an empty in-memory model and no checkpoint, so it replays the log.
          const start = async () => {
            const projection = new PortfolioTreeProjection();
            const runner = new ProjectionRunner({ store, logger: silentLogger(), pageSize }).add(
              projection,
              new InMemoryCheckpointStore(),
            );
            await runner.start();
            return { projection, runner };
          };
          try {
            // History before the first start, writes while running, a restart, more writes.
            await run(steps.slice(0, a));
            let live = await start();
            await run(steps.slice(a, b));
            await live.runner.stop();
            live = await start();
            await run(steps.slice(b));
            await waitUntilCaughtUp(store, live.runner, PORTFOLIO_TREE, PORTFOLIO_TREE_FILTER);

            const liveTrees = DAYS.map((day) => live.projection.treeOn(day));
            const { ders, portfolios } = await foldAllAssetStreams(store);
            expect(liveTrees).toEqual(DAYS.map((day) => buildPortfolioTree(day, portfolios, ders)));

            await live.runner.rebuild(PORTFOLIO_TREE);
            expect(DAYS.map((day) => live.projection.treeOn(day))).toEqual(liveTrees);
            await live.runner.stop();
          } finally {
            await store.close();
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('skips an event delivered twice (at-least-once delivery)', async () => {
    const store = new SqliteEventStore({ path: ':memory:' });
    const clock = new SimulatedClock(START);
    const deps: CommandHandlingDeps = { store, clock, ids: new SeededIdGenerator('twice') };
    for (const step of [
      { kind: 'create', id: 'm1' },
      { kind: 'register', derId: 'd1' },
      { kind: 'assign', derId: 'd1', microId: 'm1', inDays: 1 },
    ] as const)
      await runAssetStep(deps, clock, step);
    const projection = new PortfolioTreeProjection();
    const events = [];
    for await (const event of store.readAll()) events.push({ ...event, schemaVersion: 1 });
    for (const event of [...events, ...events]) projection.apply(event);

    const [micro] = projection.treeOn(TradingDay.parse('2025-03-11')).roots;
    expect(micro).toMatchObject({ portfolioId: 'm1', derIds: ['d1'] });
    await store.close();
  });
});
