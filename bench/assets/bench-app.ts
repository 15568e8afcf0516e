import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { AppModule } from '../../src/app.module.js';
import { loadConfig } from '../../src/config/app-config.js';
import { SimulatedClock } from '../../src/infrastructure/clock/simulated-clock.js';
import {
  EVENT_STORE,
  type EventStore,
} from '../../src/infrastructure/event-store/event-store.port.js';
import { ProjectionRunner } from '../../src/infrastructure/projections/projection-runner.js';
import { waitUntilCaughtUp } from '../../src/infrastructure/projections/wait-until-caught-up.js';

/**
 * 09:00 KST on Monday 2025-03-10: the day-ahead gate for 03-11 is still open, so memberships
 * start on 03-11, the day whose capability is measured; meter readings are for 03-09.
 */
export const BENCH_START = '2025-03-10T00:00:00.000Z';
export const CAPABILITY_DAY = '2025-03-11';
export const METER_DAY = '2025-03-09';

export interface BenchApp {
  readonly app: INestApplicationContext;
  readonly clock: SimulatedClock;
  readonly eventStorePath: string;
  fileMiB(): number;
  close(): Promise<void>;
}

/**
 * The whole application (no HTTP server) on a fresh SQLite file, as `gridfolio serve` runs it:
 * the chained store, live projections and the anchor schedule all take their share of the CPU.
 */
export const openBenchApp = async (): Promise<BenchApp> => {
  const directory = mkdtempSync(join(tmpdir(), 'gridfolio-assets-bench-'));
  const eventStorePath = join(directory, 'events.db');
  const config = loadConfig({
    EVENT_STORE_PATH: eventStorePath,
    READ_MODEL_PATH: join(directory, 'read-models.db'),
  });
  const clock = new SimulatedClock(DateTime.fromISO(BENCH_START));
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config, { clock }), {
    logger: false,
  });
  return {
    app,
    clock,
    eventStorePath,
    fileMiB: () =>
      Math.round(
        (['', '-wal']
          .map((suffix) => {
            try {
              return statSync(`${eventStorePath}${suffix}`).size;
            } catch {
              return 0;
            }
          })
          .reduce((a, b) => a + b, 0) /
          2 ** 20) *
          10,
      ) / 10,
    async close() {
      await app.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
};

/**
 * Waits until every read model has applied the whole log and returns the seconds it took: after
 * a bulk load the stream catalogue, which commits each live event on its own, lags far behind,
 * and its catching up would otherwise be timed with whatever is measured next.
 */
export const settleProjections = async (app: INestApplicationContext): Promise<number> => {
  const store = app.get<EventStore>(EVENT_STORE);
  const runner = app.get(ProjectionRunner);
  const started = process.hrtime.bigint();
  for (const { name } of runner.status()) await waitUntilCaughtUp(store, runner, name);
  return Number(process.hrtime.bigint() - started) / 1e9;
};
