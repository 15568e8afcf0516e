import request from 'supertest';
import type { PortfolioCapability } from '../../domain/capability/index.js';
import { startAssetApp, type AssetApp } from '../support/asset-app.js';
import { ess, evCharger, fuelCell, pv } from '../support/builders/der.builders.js';
import { community, micro, wholesale } from '../support/builders/portfolio.builders.js';

// 09:00 KST on 2025-03-10: the first open trading day is 03-11, which starts 2025-03-10T15:00Z.
const START = '2025-03-10T00:00:00.000Z';
const DAY = '2025-03-11';
/** A UTC instant at a KST wall time on 2025-03-11. */
const kst = (hour: number, minute = 0): string =>
  new Date(Date.UTC(2025, 2, 10, 15 + hour, minute)).toISOString();
const quarter = (hour: number, minute = 0): number => hour * 4 + minute / 15;

describe('portfolio capability over HTTP', () => {
  let a: AssetApp;

  beforeEach(async () => {
    a = await startAssetApp(START, 'capability-e2e');
  });
  afterEach(async () => {
    await a.close();
  });

  const post = (path: string, body: object, status: number) =>
    request(a.http).post(path).send(body).expect(status);
  const capability = async (id: string, query: string, status = 200) =>
    (await request(a.http).get(`/portfolios/${id}/capability?${query}`).expect(status))
      .body as PortfolioCapability;

  /** wholesale > community > site-a (ess-1, pv-1); wholesale > site-b (ev-1, fc-1). */
  const build = async () => {
    await post('/portfolios', { portfolioId: 'vpp', name: 'VPP', settings: wholesale() }, 201);
    await post('/portfolios', { portfolioId: 'town', name: 'Town', settings: community() }, 201);
    await post('/portfolios', { portfolioId: 'site-a', name: 'A', settings: micro() }, 201);
    await post('/portfolios', { portfolioId: 'site-b', name: 'B', settings: micro() }, 201);
    for (const [child, parentId] of [
      ['town', 'vpp'],
      ['site-a', 'town'],
      ['site-b', 'vpp'],
    ] as const)
      await request(a.http).put(`/portfolios/${child}/parent`).send({ parentId }).expect(200);
    for (const [derId, parameters, microPortfolioId] of [
      ['ess-1', ess(), 'site-a'],
      ['pv-1', pv(), 'site-a'],
      ['ev-1', evCharger(), 'site-b'],
      ['fc-1', fuelCell(), 'site-b'],
    ] as const) {
      await post('/ders', { derId, parameters }, 201);
      await request(a.http).put(`/ders/${derId}/membership`).send({ microPortfolioId }).expect(200);
    }
  };

  it('reads its own writes: outages, EV sessions and decommissioning on the day', async () => {
    await build();
    const before = await capability('vpp', `day=${DAY}&intervalMinutes=15`);
    expect(before).toMatchObject({
      portfolioId: 'vpp',
      tier: 'wholesale',
      day: DAY,
      intervalMinutes: 15,
      memberDerCount: 4,
    });
    expect(before.intervals).toHaveLength(96);
    expect(before.intervals[0]).toMatchObject({
      start: '2025-03-10T15:00:00.000Z',
      end: '2025-03-10T15:15:00.000Z',
      total: { derCount: 4, upKw: 50 + 20, downKw: 50 + 5, maxOutputKw: 50 + 90 + 25 },
    });

    // The ESS is down to 20 kW from 10:00 to 11:00 KST, a car comes 18:00-22:00 KST, and the
    // fuel cell is decommissioned from 12:00 KST.
    await post(
      '/ders/ess-1/availability',
      { window: `${kst(10)}/${kst(11)}`, availableKw: 20 },
      201,
    );
    await post(
      '/ders/ev-1/ev-sessions',
      {
        sessionId: 'evening',
        arrival: kst(18),
        departure: kst(22),
        energyOnArrivalKwh: 20,
        energyRequiredAtDepartureKwh: 50,
        batteryKwh: 77,
      },
      201,
    );
    await post('/ders/fc-1/decommission', { effectiveFrom: kst(12) }, 200);

    const after = await capability('vpp', `day=${DAY}`);
    expect(after.intervalMinutes).toBe(15);
    const at = (hour: number, minute = 0) => after.intervals[quarter(hour, minute)]!.byKind;
    expect(at(9, 45).ess.upKw).toBe(50);
    expect([at(10).ess.upKw, at(10, 45).ess.downKw]).toEqual([20, 20]);
    expect(at(11).ess.upKw).toBe(50);
    expect([at(17, 45).ev_charger.downKw, at(18).ev_charger.downKw]).toEqual([0, 11]);
    expect([at(21, 45).ev_charger.upKw, at(22).ev_charger.upKw]).toEqual([11, 0]);
    expect(at(21, 45).ev_charger.storedMinKwh).toBeGreaterThan(40);
    expect([at(11, 45).fuel_cell.derCount, at(12).fuel_cell.derCount]).toEqual([1, 0]);

    // A community covers its own subtree only; an hourly grid has 24 intervals.
    const town = await capability('town', `day=${DAY}&intervalMinutes=60`);
    expect(town.intervals).toHaveLength(24);
    expect(town.intervals[10]?.total).toMatchObject({ derCount: 2, upKw: 20, upKwh: 20 });
  });

  it('refuses bad input with the field at fault, and an unknown portfolio with 404', async () => {
    await build();
    const bad = async (query: string, field: string) => {
      const { body } = await request(a.http).get(`/portfolios/vpp/capability?${query}`).expect(400);
      expect(body.error).toMatchObject({ code: 'PORTFOLIO.INVALID_INPUT', field });
    };
    await bad(`day=${DAY}&intervalMinutes=7`, 'intervalMinutes');
    await bad(`day=${DAY}&intervalMinutes=abc`, 'intervalMinutes');
    await bad('day=2025-02-30', 'day');
    await bad('', 'day');
    const missing = await request(a.http).get(`/portfolios/nope/capability?day=${DAY}`).expect(404);
    expect(missing.body.error.code).toBe('PORTFOLIO.NOT_FOUND');
    // The portfolios exist from 2025-03-10 on, not before.
    await request(a.http).get('/portfolios/vpp/capability?day=2025-03-09').expect(404);
  });
});
