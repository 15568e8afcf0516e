import { afterEach, describe, expect, it } from '@jest/globals';
import type { PublishedPrices } from '../../../market-adapters/market-adapter.port.js';
import type { KpxSim } from '../../../market-adapters/kpx-sim/open-kpx-sim.js';
import {
  BEFORE_GATE,
  DAY,
  FINAL_RT,
  bidRequest,
  openMemorySim,
  point,
  syntheticHistory,
} from './kpx-sim-fixtures.js';

const QUARTER_MS = 15 * 60_000;
const iso = (ms: number) => new Date(ms).toISOString();
const DAY_START_MS = Date.parse('2024-06-02T15:00:00.000Z'); // 2024-06-03 00:00 KST

const published = (result: unknown): PublishedPrices => {
  if ((result as { status?: string }).status !== 'published')
    throw new Error(`expected published prices, got ${JSON.stringify(result)}`);
  return result as PublishedPrices;
};

describe('simulated KPX: Jeju real-time market', () => {
  const sims: KpxSim[] = [];
  const open = (...args: Parameters<typeof openMemorySim>) => {
    const sim = openMemorySim(...args);
    sims.push(sim);
    return sim;
  };
  afterEach(() => sims.splice(0).forEach((sim) => sim.close()));

  it('runs every 15 minutes, each run pricing the next 2 hours in 15-minute intervals', async () => {
    const sim = open({ startAt: '2024-06-02T14:00:00.000Z' }); // D-1 23:00 KST
    expect(await sim.adapter.fetchPrices('jeju', DAY, 'real_time')).toEqual({
      status: 'not_published_yet',
      expectedAt: '2024-06-02T14:15:00.000Z',
    });
    // 23:15 KST: the run covers 23:15..01:15, i.e. the first 5 intervals of D.
    expect(sim.exchange.advanceTo('2024-06-02T14:15:00.000Z').realTimeRuns).toBe(1);
    let prices = published(await sim.adapter.fetchPrices('jeju', DAY, 'real_time'));
    expect(prices).toMatchObject({ final: false, intervalMinutes: 15, kind: 'real_time' });
    expect(prices.prices.map((p) => p.interval)).toEqual([0, 1, 2, 3, 4]);
    expect(prices.prices[4]).toMatchObject({
      startsAt: '2024-06-02T16:00:00.000Z',
      endsAt: '2024-06-02T16:15:00.000Z',
    });
    // 01:00 KST of D: runs every 15 minutes since; the latest covers intervals 4..11.
    expect(sim.exchange.advanceTo(iso(DAY_START_MS + 4 * QUARTER_MS)).realTimeRuns).toBe(7);
    prices = published(await sim.adapter.fetchPrices('jeju', DAY, 'real_time'));
    expect(prices.prices.map((p) => p.interval)).toEqual(Array.from({ length: 12 }, (_, k) => k));
    expect(prices.publishedAt).toBe(iso(DAY_START_MS + 4 * QUARTER_MS));
    for (const price of prices.prices) expect(price.priceKrwPerKwh).toEqual(expect.any(Number));
    expect(await sim.adapter.fetchPrices('mainland', DAY, 'real_time')).toMatchObject({
      status: 'not_available',
    });
  });

  it('publishes 96 final prices at D+1 18:00 equal to the binding (lead 0) run prices', async () => {
    const sim = open({ startAt: '2024-06-02T13:00:00.000Z' });
    const bindings = new Map<number, number | null>();
    // Advance run by run and record each interval's price from the run that starts with it.
    for (let k = 0; k < 96; k++) {
      sim.exchange.advanceTo(iso(DAY_START_MS + k * QUARTER_MS));
      const prices = published(await sim.adapter.fetchPrices('jeju', DAY, 'real_time'));
      bindings.set(k, prices.prices.find((p) => p.interval === k)!.priceKrwPerKwh);
    }
    sim.exchange.advanceTo('2024-06-04T08:59:59.999Z');
    expect(published(await sim.adapter.fetchPrices('jeju', DAY, 'real_time')).final).toBe(false);
    expect(sim.exchange.advanceTo(FINAL_RT).realTimeFinals).toEqual([
      { market: 'jeju', tradingDay: DAY },
    ]);
    const final = published(await sim.adapter.fetchPrices('jeju', DAY, 'real_time'));
    expect(final).toMatchObject({ final: true, publishedAt: FINAL_RT });
    expect(final.prices).toHaveLength(96);
    expect(final.prices.map((p) => p.priceKrwPerKwh)).toEqual([...bindings.values()]);
    // Noise is around the SMP (150 + hour-ending in the fixture), within a generous band.
    const mean = final.prices.reduce((sum, p) => sum + p.priceKrwPerKwh!, 0) / 96;
    expect(mean).toBeGreaterThan(140);
    expect(mean).toBeLessThan(185);
  });

  const finalPrices = async (seed: string) => {
    const sim = open({ seed, startAt: '2024-06-02T13:00:00.000Z' });
    sim.exchange.advanceTo(FINAL_RT);
    return published(await sim.adapter.fetchPrices('jeju', DAY, 'real_time')).prices;
  };

  it('gives the same real-time prices for the same seed and others for another seed', async () => {
    const a = await finalPrices('seed-a');
    expect(await finalPrices('seed-a')).toEqual(a);
    expect((await finalPrices('seed-b')).map((p) => p.priceKrwPerKwh)).not.toEqual(
      a.map((p) => p.priceKrwPerKwh),
    );
  });

  it('gives the same prices whether the clock moves in one jump or run by run', async () => {
    const jump = await finalPrices('seed-a');
    const sim = open({ seed: 'seed-a', startAt: '2024-06-02T13:00:00.000Z' });
    for (
      let ms = Date.parse('2024-06-02T13:00:00.000Z');
      ms <= Date.parse(FINAL_RT);
      ms += 3 * QUARTER_MS
    )
      sim.exchange.advanceTo(iso(ms));
    sim.exchange.advanceTo(FINAL_RT);
    expect(published(await sim.adapter.fetchPrices('jeju', DAY, 'real_time')).prices).toEqual(jump);
  });

  it('reports real-time intervals without an SMP instead of pricing them', async () => {
    const sim = open({
      history: syntheticHistory((_m, day, hour) => (day === DAY && hour === 3 ? undefined : 120)),
      startAt: '2024-06-02T13:00:00.000Z',
    });
    sim.exchange.advanceTo(FINAL_RT);
    const prices = published(await sim.adapter.fetchPrices('jeju', DAY, 'real_time')).prices;
    expect(prices.filter((p) => p.priceKrwPerKwh === null).map((p) => p.interval)).toEqual([
      8, 9, 10, 11,
    ]);
  });

  it('curtails awarded renewable offers when the binding real-time price is negative', async () => {
    // SMP 0 all day: the absolute noise term drives about half of the real-time prices below 0.
    const sim = open({ history: syntheticHistory(() => 0), startAt: BEFORE_GATE });
    const intervals = Array.from({ length: 24 }, (_, interval) => ({
      interval,
      sell: [point(-100, 1_000), point(0, 2_000)],
      buy: [],
    }));
    await sim.adapter.submitBid(bidRequest({ market: 'jeju', intervals }));
    sim.exchange.advanceTo(FINAL_RT);
    const final = published(await sim.adapter.fetchPrices('jeju', DAY, 'real_time')).prices;
    const negative = final.filter((p) => p.priceKrwPerKwh! < 0).map((p) => p.interval);
    expect(negative.length).toBeGreaterThan(10);
    expect(negative.length).toBeLessThan(86);
    const instructions = await sim.adapter.dispatchInstructions(
      'portfolio-a',
      'jeju',
      '2024-06-02T00:00:00.000Z',
    );
    const schedules = instructions.filter((i) => i.kind === 'schedule');
    expect(schedules).toHaveLength(24);
    expect(schedules.every((i) => i.kind === 'schedule' && i.sellKw === 2_000)).toBe(true);
    const curtailments = instructions.filter((i) => i.kind === 'curtailment');
    expect(curtailments.map((i) => i.interval)).toEqual(negative);
    for (const instruction of curtailments) {
      expect(instruction).toMatchObject({ intervalMinutes: 15, maxSellKw: 1_000 });
      expect(instruction.issuedAt).toBe(instruction.startsAt);
    }
  });
});
