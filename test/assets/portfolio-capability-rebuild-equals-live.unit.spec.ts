import fc from 'fast-check';
import { portfolioCapability, type PortfolioCapability } from '../../domain/capability/index.js';
import { buildPortfolioTree } from '../../domain/portfolios/index.js';
import { isDomainError } from '../../domain/shared/domain-error.js';
import { SeededIdGenerator } from '../../domain/shared/seeded-id-generator.js';
import { IntervalGrid } from '../../domain/shared/time/interval-grid.js';
import { TradingDay } from '../../domain/shared/time/trading-day.js';
import { SimulatedClock } from '../../src/infrastructure/clock/simulated-clock.js';
import type { CommandHandlingDeps } from '../../src/infrastructure/command-handling/handle-command.js';
import { SqliteEventStore } from '../../src/infrastructure/event-store/sqlite/sqlite-event-store.js';
import { InMemoryCheckpointStore } from '../../src/infrastructure/projections/memory/in-memory-checkpoint-store.js';
import { ProjectionRunner } from '../../src/infrastructure/projections/projection-runner.js';
import { waitUntilCaughtUp } from '../../src/infrastructure/projections/wait-until-caught-up.js';
import { capabilityFrom } from '../../src/portfolios/portfolio-capability/portfolio-capability.read-model.js';
import { mustFindNode } from '../../src/portfolios/portfolio-tree/portfolio-tree.lookup.js';
import {
  PORTFOLIO_TREE,
  PORTFOLIO_TREE_FILTER,
  PortfolioTreeProjection,
} from '../../src/portfolios/portfolio-tree/portfolio-tree.projection.js';
import { PORTFOLIO_IDS } from '../support/asset-arbitraries.js';
import { START } from '../support/asset-steps.js';
import { capabilityHistory, type CapabilityStep } from '../support/capability-arbitraries.js';
import { foldCapabilityStreams, runCapabilityStep } from '../support/capability-steps.js';
import { silentLogger } from '../support/projection-fixtures.js';

// Days the histories can reach (the clock moves up to about two weeks), each on one of two grids.
const DAYS = Array.from({ length: 8 }, (_, i) => TradingDay.parse('2025-03-10').plusDays(i * 2));
const GRIDS = [IntervalGrid.of(15), IntervalGrid.of(60)];

// 40 histories, each run through SQLite and replayed three ways: about 10 s on a loaded 2-core
// machine, more than jest's default 5 s for a unit test.
const PROPERTY_TIMEOUT_MS = 120_000;

type Answers = (PortfolioCapability | 'absent')[];

/** Every portfolio's capability on every day; `absent` where it is not live that day. */
const answersOf = (
  capability: (id: string, day: TradingDay, grid: IntervalGrid) => PortfolioCapability,
): Answers =>
  DAYS.flatMap((day, i) =>
    PORTFOLIO_IDS.map((id) => {
      try {
        return capability(id, day, GRIDS[i % GRIDS.length] as IntervalGrid);
      } catch (error) {
        if (isDomainError(error) && error.code === 'PORTFOLIO.NOT_FOUND') return 'absent';
        throw error;
      }
    }),
  );

/**
 * Exact equality: JSON prints every double in its shortest round-trip form, so equal text means
 * equal figures to the last bit. Far faster than a deep comparison of some 200,000 numbers,
 * which runs only to show the difference when there is one.
 */
const expectSame = (actual: Answers, expected: Answers): void => {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) expect(actual).toEqual(expected);
};

describe('capability read model: live, restarted and rebuilt from position 0 agree', () => {
  it(
    'gives the same capability as folding the streams directly',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          capabilityHistory,
          fc.nat(),
          fc.nat(),
          fc.integer({ min: 1, max: 9 }),
          async (steps, cut1, cut2, pageSize) => {
            const [a, b] = [cut1 % (steps.length + 1), cut2 % (steps.length + 1)].sort(
              (x, y) => x - y,
            );
            const store = new SqliteEventStore({ path: ':memory:' });
            const clock = new SimulatedClock(START);
            const deps: CommandHandlingDeps = { store, clock, ids: new SeededIdGenerator('cap') };
            const run = async (part: readonly CapabilityStep[]) => {
              for (const step of part) await runCapabilityStep(deps, clock, step);
            };
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
              await run(steps.slice(0, a));
              let live = await start();
              await run(steps.slice(a, b));
              await live.runner.stop();
              live = await start();
              await run(steps.slice(b));
              await waitUntilCaughtUp(store, live.runner, PORTFOLIO_TREE, PORTFOLIO_TREE_FILTER);
              const fromLive = (projection: PortfolioTreeProjection) =>
                answersOf((id, day, grid) => capabilityFrom(projection, id, day, grid));
              const liveAnswers = fromLive(live.projection);

              const { ders, portfolios } = await foldCapabilityStreams(store);
              const folded = answersOf((id, day, grid) => {
                const tree = buildPortfolioTree(day, portfolios, ders.values());
                const node = mustFindNode(tree.roots, id, day);
                return portfolioCapability(node, day, grid, (derId) => ders.get(derId));
              });
              expectSame(liveAnswers, folded);

              await live.runner.rebuild(PORTFOLIO_TREE);
              expectSame(fromLive(live.projection), liveAnswers);
              await live.runner.stop();
            } finally {
              await store.close();
            }
          },
        ),
        { numRuns: 40 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
