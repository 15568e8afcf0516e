import type { NestExpressApplication } from '@nestjs/platform-express';
import { configureHttpApp } from '../../src/configure-http-app.js';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import request from 'supertest';
import { CLOCK, type Clock } from '../../domain/shared/clock.port.js';
import { ID_GENERATOR, type IdGenerator } from '../../domain/shared/id-generator.port.js';
import { SeededIdGenerator } from '../../domain/shared/seeded-id-generator.js';
import { AppModule } from '../../src/app.module.js';
import { loadConfig } from '../../src/config/app-config.js';
import { SimulatedClock } from '../../src/infrastructure/clock/simulated-clock.js';
import {
  EVENT_STORE,
  type EventStore,
} from '../../src/infrastructure/event-store/event-store.port.js';
import { seedMeters } from '../support/metering-fixtures.js';

const directory = mkdtempSync(join(tmpdir(), 'gridfolio-meters-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** 10:00 KST on 2025-03-10; the meters were set up at 01:00 KST. */
const NOW = '2025-03-10T01:00:00Z';
const SEEDED_AT = '2025-03-09T16:00:00.000Z';
/** Start of the n-th 15-minute interval of 2025-03-10 KST. */
const slot = (n: number): string =>
  new Date(Date.parse('2025-03-09T15:00:00.000Z') + n * 900_000).toISOString();
const pv = (n: number, energyKwh: unknown) => ({
  meterId: 'pv-1',
  intervalStart: slot(n),
  intervalMinutes: 15,
  energyKwh,
});

describe('POST /meter-readings', () => {
  let app: INestApplication;
  let store: EventStore;
  let counter = 0;

  beforeEach(async () => {
    counter++;
    const config = loadConfig({
      EVENT_STORE_PATH: join(directory, `events-${counter}.db`),
      READ_MODEL_PATH: join(directory, `read-models-${counter}.db`),
    });
    const moduleRef = await Test.createTestingModule({
      imports: [
        AppModule.forRoot(config, {
          clock: new SimulatedClock(DateTime.fromISO(NOW)),
          ids: new SeededIdGenerator(`meters-${counter}`),
        }),
      ],
    }).compile();
    app = configureHttpApp(
      moduleRef.createNestApplication<NestExpressApplication>({ logger: false }),
    );
    await app.init();
    store = app.get<EventStore>(EVENT_STORE);
    await seedMeters(
      { store, clock: app.get<Clock>(CLOCK), ids: app.get<IdGenerator>(ID_GENERATOR) },
      SEEDED_AT,
    );
  });

  afterEach(async () => {
    await app?.close();
  });

  const post = (readings: unknown) =>
    request(app.getHttpServer()).post('/meter-readings').send({ readings });

  const streamEvents = async (streamId: string) =>
    (await store.readStream(streamId)).map(({ type, data }) => ({ type, data }));

  it('takes JSON batches far above the 100 kB default body limit', async () => {
    // 1,500 rows (about 160 kB): the same interval again and again is one reading, 1,499 unchanged.
    const rows = Array.from({ length: 1_500 }, () => pv(0, 10));
    const response = await post(rows).expect(200);
    expect(response.body).toMatchObject({ accepted: 1, unchanged: 1_499, rejected: [] });
  });

  it('stores the good rows of a batch and lists every bad one with its reason', async () => {
    const response = await post([
      pv(0, 10),
      pv(1, 12.5),
      { ...pv(2, 5), meterId: 'pv-unknown' },
      { ...pv(3, 5), intervalStart: '2025-03-09T15:50:00.000Z' },
      pv(40, 5), // 10:00 KST: ends after now
      pv(4, 'NaN'),
      pv(5, -1),
      pv(6, 23.7),
      { ...pv(7, 1), intervalMinutes: 7 },
      { ...pv(8, 1), meterId: 'pv 1' },
      'not a reading',
      { ...pv(9, 1), meterId: 'ess-old' },
      { ...pv(10, -20), meterId: 'v2x-testbed', meterKind: 'site' },
      { ...pv(11, -30), meterId: 'v2x-testbed', meterKind: 'site' },
      { ...pv(12, 1), meterId: 'nowhere', meterKind: 'site' },
      pv(13, 23.625),
    ]).expect(200);

    expect(response.body).toMatchObject({ accepted: 4, unchanged: 0, corrected: 0 });
    const codes = (response.body as { rejected: { row: number; code: string; field: string }[] })
      .rejected;
    expect(codes.map(({ row, code, field }) => [row, code, field])).toEqual([
      [2, 'METER.UNKNOWN_DER', 'meterId'],
      [3, 'METER.OFF_GRID', 'intervalStart'],
      [4, 'METER.FUTURE_INTERVAL', 'intervalStart'],
      [5, 'METER.NOT_FINITE', 'energyKwh'],
      [6, 'METER.NEGATIVE_ENERGY', 'energyKwh'],
      [7, 'METER.ABOVE_LIMIT', 'energyKwh'],
      [8, 'METER.INVALID_INTERVAL_LENGTH', 'intervalMinutes'],
      [9, 'METER.INVALID_METER_ID', 'meterId'],
      [10, 'METER.INVALID_ROW', 'row'],
      [11, 'METER.DER_DECOMMISSIONED', 'meterId'],
      [13, 'METER.EXPORT_ABOVE_LIMIT', 'energyKwh'],
      [14, 'METER.UNKNOWN_SITE', 'meterId'],
    ]);
    expect(response.body.rejected[0]).toEqual({
      row: 2,
      meterId: 'pv-unknown',
      intervalStart: slot(2),
      code: 'METER.UNKNOWN_DER',
      field: 'meterId',
      reason: 'no DER pv-unknown is registered',
    });

    expect(await streamEvents('meter-der-pv-1-2025-03-10')).toEqual([
      {
        type: 'MeterReadingsRecorded',
        data: {
          meterId: 'pv-1',
          meterKind: 'der',
          day: '2025-03-10',
          intervalMinutes: 15,
          readings: [
            { intervalStart: slot(0), energyKwh: 10 },
            { intervalStart: slot(1), energyKwh: 12.5 },
            { intervalStart: slot(13), energyKwh: 23.625 },
          ],
          recordedAt: '2025-03-10T01:00:00.000Z',
        },
      },
    ]);
    expect(await streamEvents('meter-site-v2x-testbed-2025-03-10')).toEqual([
      expect.objectContaining({
        data: expect.objectContaining({
          meterKind: 'site',
          readings: [{ intervalStart: slot(10), energyKwh: -20 }],
        }),
      }),
    ]);
  });

  it('changes nothing when the same batch comes again, and records a changed value as a correction', async () => {
    await post([pv(0, 10), pv(1, 12.5)]).expect(200);
    const again = await post([pv(1, 12.5), pv(0, 10)]).expect(200);
    expect(again.body).toEqual({ accepted: 0, unchanged: 2, corrected: 0, rejected: [] });
    expect(await store.readStream('meter-der-pv-1-2025-03-10')).toHaveLength(1);

    const corrected = await post([pv(0, 10), pv(1, 11), pv(2, 3)]).expect(200);
    expect(corrected.body).toEqual({ accepted: 1, unchanged: 1, corrected: 1, rejected: [] });
    const events = await streamEvents('meter-der-pv-1-2025-03-10');
    expect(events.at(-1)).toEqual({
      type: 'MeterReadingsCorrected',
      data: {
        meterId: 'pv-1',
        day: '2025-03-10',
        corrections: [{ intervalStart: slot(1), previousKwh: 12.5, correctedKwh: 11 }],
        correctedAt: '2025-03-10T01:00:00.000Z',
      },
    });
    const [recorded] = await store.readStream('meter-der-pv-1-2025-03-10', { maxCount: 1 });
    expect(recorded?.metadata).toMatchObject({ actor: 'http:meter-readings' });
  });

  it('answers 400 only when the body is not a batch at all', async () => {
    const response = await request(app.getHttpServer())
      .post('/meter-readings')
      .send({ rows: [] })
      .expect(400);
    expect(response.body).toEqual({
      error: expect.objectContaining({ code: 'METER.INVALID_BATCH', field: 'readings' }),
    });
    await post([]).expect(200, { accepted: 0, unchanged: 0, corrected: 0, rejected: [] });
  });
});

describe('POST /meter-readings/csv', () => {
  let app: INestApplication;
  let store: EventStore;

  beforeAll(async () => {
    const config = loadConfig({
      EVENT_STORE_PATH: join(directory, 'events-csv.db'),
      READ_MODEL_PATH: join(directory, 'read-models-csv.db'),
    });
    const moduleRef = await Test.createTestingModule({
      imports: [
        AppModule.forRoot(config, {
          clock: new SimulatedClock(DateTime.fromISO(NOW)),
          ids: new SeededIdGenerator('meters-csv'),
        }),
      ],
    }).compile();
    app = configureHttpApp(
      moduleRef.createNestApplication<NestExpressApplication>({ logger: false }),
    );
    await app.init();
    store = app.get<EventStore>(EVENT_STORE);
    await seedMeters(
      { store, clock: app.get<Clock>(CLOCK), ids: app.get<IdGenerator>(ID_GENERATOR) },
      SEEDED_AT,
    );
  });

  afterAll(async () => {
    await app?.close();
  });

  const postCsv = (text: string, type = 'text/csv') =>
    request(app.getHttpServer()).post('/meter-readings/csv').set('Content-Type', type).send(text);

  it('reads a CSV with a BOM, CRLF, quotes and blank lines; a broken row is one rejected row', async () => {
    const csv = [
      '\uFEFFmeterId,intervalStart,intervalMinutes,energyKwh',
      `pv-1,${slot(20)},15,4.5`,
      '',
      `"pv-1","${slot(21)}",15,"5"`,
      `pv-1,${slot(22)},15`,
      `pv-1,${slot(23)},15,99`,
      `v2x-testbed,${slot(24)},15,-1`,
      '',
    ].join('\r\n');
    const response = await postCsv(csv).expect(200);
    expect(response.body).toEqual({
      accepted: 2,
      unchanged: 0,
      corrected: 0,
      rejected: [
        {
          row: 2,
          line: 5,
          meterId: 'pv-1',
          intervalStart: slot(22),
          code: 'METER.INVALID_ROW',
          field: 'row',
          reason: 'line 5: expected 4 fields as in the header, got 3',
        },
        expect.objectContaining({ row: 3, line: 6, code: 'METER.ABOVE_LIMIT' }),
        // Without a meterKind column a row is a DER's, and v2x-testbed is no DER.
        expect.objectContaining({ row: 4, line: 7, code: 'METER.UNKNOWN_DER' }),
      ],
    });
    const [event] = await store.readStream('meter-der-pv-1-2025-03-10');
    expect((event?.data as { readings: unknown[] }).readings).toEqual([
      { intervalStart: slot(20), energyKwh: 4.5 },
      { intervalStart: slot(21), energyKwh: 5 },
    ]);
    expect(event?.metadata).toMatchObject({ actor: 'http:meter-readings-csv' });
  });

  it('answers 400 for a CSV without the required header, or a body that is not CSV', async () => {
    const noHeader = await postCsv('pv-1,2025-03-09T15:00:00Z,15,1\n').expect(400);
    expect(noHeader.body.error).toMatchObject({ code: 'METER.INVALID_CSV', field: 'header' });
    const json = await request(app.getHttpServer())
      .post('/meter-readings/csv')
      .send({ readings: [] })
      .expect(400);
    expect(json.body.error).toMatchObject({ code: 'METER.INVALID_CSV' });
  });
});
