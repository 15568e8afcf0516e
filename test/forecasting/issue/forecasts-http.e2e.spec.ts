import { DateTime } from 'luxon';
import request from 'supertest';
import { meterReadingsDecider, toMeterStreamId } from '../../../domain/metering/index.js';
import { TradingDay } from '../../../domain/shared/time/trading-day.js';
import { kw } from '../../../domain/shared/units.js';
import { SystemClock } from '../../../src/infrastructure/clock/system-clock.js';
import { handleCommand } from '../../../src/infrastructure/command-handling/handle-command.js';
import { RandomIdGenerator } from '../../../src/infrastructure/ids/random-id-generator.js';
import { startAssetApp, type AssetApp } from '../../support/asset-app.js';
import { ess, pv } from '../../support/builders/der.builders.js';
import { community, micro, wholesale } from '../../support/builders/portfolio.builders.js';

// 09:00 KST on 2024-06-01: memberships start on 06-02; the forecast is for 06-03, inside the
// shared market solar series (2024-01..09), whose KPX gates are 2024-06-02 10:00 and 17:00 KST.
const START = '2024-06-01T00:00:00.000Z';
const DAY = '2024-06-03';
const HISTORY_DAYS = 35;

describe('forecasts over HTTP', () => {
  let a: AssetApp;

  beforeEach(async () => {
    a = await startAssetApp(START, 'forecasts-e2e');
  });
  afterEach(async () => {
    await a.close();
  });

  const post = (path: string, body: object) => request(a.http).post(path).send(body);

  /** vpp > town > solar-farm (21 x 1 MWp PV: 21 MW, above the KPX threshold) and home (PV, ESS). */
  const build = async (farmPlants = 21) => {
    await post('/portfolios', { portfolioId: 'vpp', name: 'VPP', settings: wholesale() }).expect(
      201,
    );
    await post('/portfolios', { portfolioId: 'town', name: 'T', settings: community() }).expect(
      201,
    );
    for (const [id, siteId] of [
      ['solar-farm', 'site-farm'],
      ['home', 'site-home'],
    ] as const)
      await post('/portfolios', { portfolioId: id, name: id, settings: micro({ siteId }) }).expect(
        201,
      );
    for (const [child, parentId] of [
      ['town', 'vpp'],
      ['solar-farm', 'town'],
      ['home', 'town'],
    ] as const)
      await request(a.http).put(`/portfolios/${child}/parent`).send({ parentId }).expect(200);
    const ders = [
      ...Array.from({ length: farmPlants }, (_, i) => [
        `farm-pv-${String(i).padStart(2, '0')}`,
        pv({ capacityKwp: kw(1_000), inverterKw: kw(900), siteId: 'site-farm' }),
        'solar-farm',
      ]),
      ['home-pv', pv({ capacityKwp: kw(10), inverterKw: kw(8), siteId: 'site-home' }), 'home'],
      ['home-ess', ess(), 'home'],
    ] as const;
    for (const [derId, parameters, microPortfolioId] of ders) {
      await post('/ders', { derId, parameters }).expect(201);
      await request(a.http).put(`/ders/${derId}/membership`).send({ microPortfolioId }).expect(200);
    }
  };

  /** Hourly net-meter readings of the home site for the days before the forecast day. */
  const seedHomeMeter = async () => {
    const deps = { store: a.store, clock: new SystemClock(), ids: new RandomIdGenerator() };
    const first = TradingDay.parse(DAY).plusDays(-HISTORY_DAYS);
    for (let d = 0; d < HISTORY_DAYS - 2; d++) {
      const day = first.plusDays(d);
      const readings = Array.from({ length: 24 }, (_, h) => ({
        intervalStart: DateTime.fromMillis(day.startMs + h * 3_600_000, { zone: 'utc' }).toISO()!,
        energyKwh: 1 + (h >= 8 && h < 20 ? 2 : 0) + (d % 7 === 0 ? 0.5 : 0),
      }));
      await handleCommand(
        deps,
        toMeterStreamId('site', 'site-home', day.toString()),
        meterReadingsDecider,
        {
          type: 'RecordMeterReadings',
          data: {
            meterId: 'site-home',
            meterKind: 'site',
            day: day.toString(),
            intervalMinutes: 60,
            readings,
            limitKwh: 100,
            exportLimitKwh: 100,
            now: START,
          },
        },
        { commandId: `seed-${d}`, actor: 'test' },
      );
    }
  };

  it('issues versions per micro-VPP and kind, shows them, and derives a DER on demand', async () => {
    await build();
    await seedHomeMeter();
    const issued = await post('/portfolios/vpp/forecasts', { tradingDay: DAY, intervalMinutes: 15 })
      .set('X-Correlation-Id', 'corr-1')
      .expect(201);
    expect(issued.body).toMatchObject({
      portfolioId: 'vpp',
      tradingDay: DAY,
      streamId: `forecast-vpp-${DAY}`,
      version: 1,
      issuedAt: START,
      intervalMinutes: 15,
      seriesCount: 3, // PV of both sites, load of the home; the farm has no meter
      omitted: [{ microVppId: 'solar-farm', assetKind: 'load' }],
    });
    expect(issued.body.inputsDigest).toMatch(/^[0-9a-f]{64}$/);

    // The same inputs at the same instant: the same forecast, nothing appended.
    const again = await post('/portfolios/vpp/forecasts', {
      tradingDay: DAY,
      intervalMinutes: 15,
    }).expect(200);
    expect(again.body).toMatchObject({
      version: 1,
      forecastId: issued.body.forecastId,
      appended: [],
    });

    a.clock.advanceBy({ minutes: 30 });
    await post('/portfolios/vpp/forecasts', { tradingDay: DAY }).expect(201);

    const latest = (await request(a.http).get(`/portfolios/vpp/forecasts/${DAY}`).expect(200)).body;
    expect(latest).toMatchObject({
      versionCount: 2,
      forecast: { version: 2, intervalMinutes: 60 },
    });
    const first = (
      await request(a.http).get(`/portfolios/vpp/forecasts/${DAY}?version=1`).expect(200)
    ).body;
    const series = first.forecast.series as {
      microVppId: string;
      assetKind: string;
      levels: number[];
      values: number[][];
    }[];
    expect(series.map((s) => `${s.microVppId}/${s.assetKind}`).sort()).toEqual([
      'home/load',
      'home/pv',
      'solar-farm/pv',
    ]);
    const farm = series.find((s) => s.microVppId === 'solar-farm')!;
    expect(farm.levels).toEqual([0.1, 0.5, 0.9]);
    expect(farm.values[1]).toHaveLength(96);
    const farmDay = farm.values[1]!.reduce((x, y) => x + y, 0);
    expect(farmDay).toBeGreaterThan(21_000); // 21 MWp on a June day: > 1 kWh/kWp
    expect(farm.values[1]!.slice(0, 16).every((v) => v === 0)).toBe(true); // 00:00-04:00 KST
    const load = series.find((s) => s.assetKind === 'load')!;
    expect(load.values[1]!.reduce((x, y) => x + y, 0)).toBeGreaterThan(24);
    expect(first.forecast.model.parameters.pv.outlookSource).toBe('market_series');

    // The event carries schemaVersion and the request's correlation id.
    const [stored] = await a.store.readStream(`forecast-vpp-${DAY}`);
    expect(stored).toMatchObject({
      type: 'ForecastIssued',
      metadata: { schemaVersion: 1, correlationId: 'corr-1' },
    });

    const der = (
      await request(a.http)
        .get(`/portfolios/vpp/forecasts/${DAY}/ders/farm-pv-03?version=1`)
        .expect(200)
    ).body;
    expect(der).toMatchObject({
      derId: 'farm-pv-03',
      microVppId: 'solar-farm',
      forecastVersion: 1,
    });
    expect(der.shareOfMicroVpp).toBeCloseTo(1 / 21, 6);
    await request(a.http).get(`/portfolios/vpp/forecasts/${DAY}/ders/home-ess`).expect(404);
  });

  it('submits to the KPX scheme before each gate and settles on the mean', async () => {
    await build();
    await post('/portfolios/vpp/forecasts', { tradingDay: DAY }).expect(201);
    const first = await post(`/portfolios/vpp/forecasts/${DAY}/kpx-submissions`, {
      slot: 'first',
    }).expect(201);
    expect(first.body).toMatchObject({ slot: 'first', forecastVersion: 1 });
    // Retried: nothing more.
    await post(`/portfolios/vpp/forecasts/${DAY}/kpx-submissions`, { slot: 'first' }).expect(200);

    // 10:00:01 KST on D-1: the first gate has closed, the second is open.
    a.clock.advanceTo(DateTime.fromISO('2024-06-02T01:00:01Z'));
    await post('/portfolios/vpp/forecasts', { tradingDay: DAY }).expect(201);
    const late = await post(`/portfolios/vpp/forecasts/${DAY}/kpx-submissions`, {
      slot: 'first',
    }).expect(400);
    expect(late.body.error).toMatchObject({ code: 'FORECAST.GATE_CLOSED', field: 'slot' });
    await post(`/portfolios/vpp/forecasts/${DAY}/kpx-submissions`, { slot: 'second' }).expect(201);

    const view = (await request(a.http).get(`/portfolios/vpp/forecasts/${DAY}`).expect(200)).body;
    expect(view.kpx.gates).toEqual({
      first: '2024-06-02T01:00:00.000Z',
      second: '2024-06-02T08:00:00.000Z',
    });
    const f10 = view.kpx.submissions.first.energyKwh as number[];
    const f17 = view.kpx.submissions.second.energyKwh as number[];
    expect(view.kpx.settled.basis).toBe('mean_of_submissions');
    (view.kpx.settled.energyKwh as number[]).forEach((f, h) =>
      expect(f).toBeCloseTo((f10[h]! + f17[h]!) / 2, 9),
    );
    // Every plant of at most 1 MW aggregates: the farm's 21 MW and the home's 10 kWp.
    expect(view.kpx.submissions.second.registeredCapacityKw).toBe(21_010);
  });

  it('refuses a KPX submission below the registration threshold, and bad requests', async () => {
    await build(19); // 19 MW + a 10 kWp home plant: not above 20 MW
    await post('/portfolios/vpp/forecasts', { tradingDay: DAY }).expect(201);
    const refused = await post(`/portfolios/vpp/forecasts/${DAY}/kpx-submissions`, {
      slot: 'first',
    });
    expect(refused.body.error).toMatchObject({ code: 'FORECAST.BELOW_REGISTRATION_THRESHOLD' });
    expect(refused.status).toBe(400);

    const badGrid = await post('/portfolios/vpp/forecasts', {
      tradingDay: DAY,
      intervalMinutes: 20,
    }).expect(400);
    expect(badGrid.body.error).toMatchObject({
      code: 'FORECAST.INVALID_INTERVAL_LENGTH',
      field: 'intervalMinutes',
    });
    await post('/portfolios/nobody/forecasts', { tradingDay: DAY }).expect(404);
    await request(a.http).get(`/portfolios/vpp/forecasts/2024-06-04`).expect(404);
    const badVersion = await request(a.http)
      .get(`/portfolios/vpp/forecasts/${DAY}?version=zero`)
      .expect(400);
    expect(badVersion.body.error.field).toBe('version');
  });
});
