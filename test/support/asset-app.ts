import type { NestExpressApplication } from '@nestjs/platform-express';
import { configureHttpApp } from '../../src/configure-http-app.js';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import type request from 'supertest';
import { SeededIdGenerator } from '../../domain/shared/seeded-id-generator.js';
import { AppModule } from '../../src/app.module.js';
import { loadConfig } from '../../src/config/app-config.js';
import { SimulatedClock } from '../../src/infrastructure/clock/simulated-clock.js';
import {
  EVENT_STORE,
  type EventStore,
  type RecordedEvent,
} from '../../src/infrastructure/event-store/event-store.port.js';

export interface AssetApp {
  readonly app: INestApplication;
  readonly http: Parameters<typeof request>[0];
  readonly store: EventStore;
  readonly clock: SimulatedClock;
  /** Events of the DER and portfolio streams, in log order. */
  assetEvents(): Promise<RecordedEvent[]>;
  close(): Promise<void>;
}

/** The whole application on a fresh embedded store, its clock stopped at `startIso`. */
export const startAssetApp = async (startIso: string, seed = 'assets-e2e'): Promise<AssetApp> => {
  const directory = mkdtempSync(join(tmpdir(), 'gridfolio-assets-'));
  const config = loadConfig({
    EVENT_STORE_PATH: join(directory, 'events.db'),
    READ_MODEL_PATH: join(directory, 'read-models.db'),
  });
  const clock = new SimulatedClock(DateTime.fromISO(startIso));
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule.forRoot(config, { clock, ids: new SeededIdGenerator(seed) })],
  }).compile();
  const app = configureHttpApp(
    moduleRef.createNestApplication<NestExpressApplication>({ logger: false }),
  );
  await app.init();
  const store = app.get<EventStore>(EVENT_STORE);
  return {
    app,
    http: app.getHttpServer() as Parameters<typeof request>[0],
    store,
    clock,
    async assetEvents() {
      const events: RecordedEvent[] = [];
      for await (const event of store.readAll({
        filter: { streamPrefixes: ['der-', 'portfolio-'] },
      }))
        events.push(event);
      return events;
    },
    async close() {
      await app.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
};
