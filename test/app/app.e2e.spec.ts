import type { NestExpressApplication } from '@nestjs/platform-express';
import { configureHttpApp } from '../../src/configure-http-app.js';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import request from 'supertest';
import { SeededIdGenerator } from '../../domain/shared/seeded-id-generator.js';
import { AppModule } from '../../src/app.module.js';
import { loadConfig } from '../../src/config/app-config.js';
import { ANCHOR_STREAM_ID } from '../../src/infrastructure/audit/anchor-event.js';
import { SimulatedClock } from '../../src/infrastructure/clock/simulated-clock.js';
import {
  EVENT_STORE,
  type EventStore,
} from '../../src/infrastructure/event-store/event-store.port.js';
import { SqliteEventStore } from '../../src/infrastructure/event-store/sqlite/sqlite-event-store.js';
import { ProjectionRunner } from '../../src/infrastructure/projections/projection-runner.js';

const directory = mkdtempSync(join(tmpdir(), 'gridfolio-app-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('the Nest application on the embedded store', () => {
  let app: INestApplication;
  let eventsPath: string;

  beforeEach(async () => {
    eventsPath = join(directory, `events-${Date.now()}.db`);
    const config = loadConfig({
      EVENT_STORE_PATH: eventsPath,
      READ_MODEL_PATH: join(directory, `read-models-${Date.now()}.db`),
    });
    const moduleRef = await Test.createTestingModule({
      imports: [
        AppModule.forRoot(config, {
          clock: new SimulatedClock(DateTime.fromISO('2024-06-03T00:00:00Z')),
          ids: new SeededIdGenerator('app-e2e'),
        }),
      ],
    }).compile();
    app = configureHttpApp(
      moduleRef.createNestApplication<NestExpressApplication>({ logger: false }),
    );
    await app.init();
  });

  afterEach(async () => {
    await app?.close();
  });

  it('answers the health check once the store answers', async () => {
    const response = await request(app.getHttpServer()).get('/health').expect(200);
    expect(response.body).toEqual({ status: 'ok', eventStore: 'sqlite' });
  });

  it('appends through the hash chain and serves the stream catalogue read model', async () => {
    const store = app.get<EventStore>(EVENT_STORE);
    const ids = new SeededIdGenerator('events');
    const event = () => ({ id: ids.next(), type: 'Noted', data: { n: 1 }, metadata: {} });
    await store.append('der-1', [event(), event()], 'no_stream');
    const { position } = await store.append('portfolio-1', [event()], 'no_stream');
    await app.get(ProjectionRunner).waitFor(position);

    const [stored] = await store.readStream('der-1', { maxCount: 1 });
    expect(stored?.metadata['hash']).toMatch(/^[0-9a-f]{64}$/);

    const list = await request(app.getHttpServer()).get('/streams?category=der').expect(200);
    expect(list.body).toEqual([
      expect.objectContaining({ streamId: 'der-1', eventCount: 2, lastRevision: '1' }),
    ]);
    await request(app.getHttpServer()).get('/streams/portfolio-9').expect(404);
  });

  it('anchors every stream head at shutdown, so nothing written is left unanchored', async () => {
    const store = app.get<EventStore>(EVENT_STORE);
    const ids = new SeededIdGenerator('events');
    for (let i = 0; i < 3; i++) {
      await store.append(
        'der-2',
        [{ id: ids.next(), type: 'Noted', data: { i }, metadata: {} }],
        'any',
      );
    }
    await app.close();

    const reopened = new SqliteEventStore({ path: eventsPath });
    const [lastAnchor] = await reopened.readStream(ANCHOR_STREAM_ID, {
      direction: 'backwards',
      maxCount: 1,
    });
    await reopened.close();
    const heads = (lastAnchor?.data as { heads: { streamId: string; revision: string }[] }).heads;
    expect(heads).toContainEqual(expect.objectContaining({ streamId: 'der-2', revision: '2' }));
  });
});
