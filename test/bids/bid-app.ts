import type { INestApplication } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { DateTime } from 'luxon';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type request from 'supertest';
import { SeededIdGenerator } from '../../domain/shared/seeded-id-generator.js';
import type { MarketAdapter, SubmitBidRequest } from '../../market-adapters/market-adapter.port.js';
import { AppModule } from '../../src/app.module.js';
import { EmbeddedKpxSimAdapter } from '../../src/bids/market-adapter/embedded-kpx-sim.adapter.js';
import { MARKET_ADAPTER } from '../../src/bids/market-adapter/market-adapter.provider.js';
import { loadConfig } from '../../src/config/app-config.js';
import { configureHttpApp } from '../../src/configure-http-app.js';
import { DEMO_FIXTURE } from '../../src/fixtures/demo-fixture.js';
import { loadAssetFixture } from '../../src/fixtures/load-asset-fixture.js';
import { SimulatedClock } from '../../src/infrastructure/clock/simulated-clock.js';
import {
  EVENT_STORE,
  type EventStore,
  type RecordedEvent,
} from '../../src/infrastructure/event-store/event-store.port.js';

export interface BidApp {
  readonly app: INestApplication;
  readonly http: Parameters<typeof request>[0];
  readonly store: EventStore;
  /** The application's clock; the embedded simulated KPX follows it on every call. */
  readonly clock: SimulatedClock;
  /** The embedded simulated KPX (also behind any `wrap`). */
  readonly sim: EmbeddedKpxSimAdapter;
  /** Every `submitBid` request that reached MARKET_ADAPTER, in order. */
  readonly submitted: SubmitBidRequest[];
  streamEvents(streamId: string): Promise<RecordedEvent[]>;
  close(): Promise<void>;
}

export interface BidAppOptions {
  /** MARKET_ADAPTER is the embedded simulated KPX unless this replaces it (fakes, faults). */
  readonly wrap?: (sim: EmbeddedKpxSimAdapter) => MarketAdapter;
  /**
   * Starts the application with KPX_URL set to this in its configuration, so that MARKET_ADAPTER is
   * what production builds from it (the KPX HTTP adapter), untouched: `submitted` stays empty and `wrap` unused.
   */
  readonly kpxUrl?: string;
}

/** Counts submissions on the way to `inner` and passes everything else on untouched. */
const recording = (inner: MarketAdapter, submitted: SubmitBidRequest[]): MarketAdapter => ({
  calendar: (market) => inner.calendar(market),
  submitBid: (request) => {
    submitted.push(request);
    return inner.submitBid(request);
  },
  withdrawBid: (request) => inner.withdrawBid(request),
  fetchResults: (portfolioId, market, day) => inner.fetchResults(portfolioId, market, day),
  fetchPrices: (market, day, kind) => inner.fetchPrices(market, day, kind),
  submitRenewableForecast: (request) => inner.submitRenewableForecast(request),
  dispatchInstructions: (portfolioId, market, since) =>
    inner.dispatchInstructions(portfolioId, market, since),
});

/**
 * The whole application over HTTP on a fresh store with the demo fixture loaded, its clock
 * stopped at `startIso`, the simulated KPX in its temp folder (KPX_SIM_DB defaults next to the
 * event store) replaying the shared SMP file.
 */
export const startBidApp = async (
  startIso: string,
  options: BidAppOptions = {},
): Promise<BidApp> => {
  const directory = mkdtempSync(join(tmpdir(), 'gridfolio-bids-'));
  const config = loadConfig({
    EVENT_STORE_PATH: join(directory, 'events.db'),
    READ_MODEL_PATH: join(directory, 'read-models.db'),
    ...(options.kpxUrl === undefined ? {} : { KPX_URL: options.kpxUrl }),
  });
  const clock = new SimulatedClock(DateTime.fromISO(startIso));
  const submitted: SubmitBidRequest[] = [];
  const builder = Test.createTestingModule({
    imports: [AppModule.forRoot(config, { clock, ids: new SeededIdGenerator('bids-e2e') })],
  });
  const moduleRef =
    options.kpxUrl === undefined
      ? await builder
          .overrideProvider(MARKET_ADAPTER)
          .useFactory({
            factory: (sim: EmbeddedKpxSimAdapter) =>
              recording(options.wrap === undefined ? sim : options.wrap(sim), submitted),
            inject: [EmbeddedKpxSimAdapter],
          })
          .compile()
      : await builder.compile();
  const app = configureHttpApp(
    moduleRef.createNestApplication<NestExpressApplication>({ logger: false }),
  );
  await app.init();
  await loadAssetFixture(app.get(CommandBus), DEMO_FIXTURE, { actor: 'test' });
  const store = app.get<EventStore>(EVENT_STORE);
  return {
    app,
    http: app.getHttpServer() as Parameters<typeof request>[0],
    store,
    clock,
    sim: app.get(EmbeddedKpxSimAdapter),
    submitted,
    streamEvents: (streamId) => store.readStream(streamId),
    async close() {
      await app.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
};
