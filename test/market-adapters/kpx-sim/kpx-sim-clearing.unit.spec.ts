import { afterEach, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { buyQuantityAt, sellQuantityAt } from '../../../domain/market/bid-curve.js';
import { marketRules } from '../../../domain/market/market-rules.js';
import { TradingDay } from '../../../domain/shared/time/trading-day.js';
import { valueAt, dayIndexOf } from '../../../domain/forecasting/hourly-series.js';
import type { KrwPerKwh, Kw } from '../../../domain/shared/units.js';
import { HistoricalPriceFormation } from '../../../market-adapters/kpx-sim/historical-price-formation.js';
import { loadSmpHistory } from '../../../market-adapters/kpx-sim/smp-history.js';
import type { KpxSim } from '../../../market-adapters/kpx-sim/open-kpx-sim.js';
import { readSharedKpxSeries, sharedKpxPath } from '../../support/shared-kpx-series.js';
import {
  DAY,
  RESULTS,
  bidRequest,
  openMemorySim,
  stepCurves,
  syntheticHistory,
} from './kpx-sim-fixtures.js';

const SMP_FILE = 'smp-hourly-2020-2024.csv';

describe('simulated KPX: day-ahead clearing with historical prices', () => {
  let sim: KpxSim;
  afterEach(() => sim.close());

  it('awards what the curves offer at the SMP of each hour of a known day', async () => {
    // Expected prices come from an independent reader of the shared file.
    const series = readSharedKpxSeries(SMP_FILE, 'smp_mainland_krw_per_kwh', 'KRW/kWh');
    const day = TradingDay.parse(DAY);
    const smp = (hourEnding: number) => valueAt(series, dayIndexOf(series, day), hourEnding);
    sim = openMemorySim({ history: loadSmpHistory(sharedKpxPath(SMP_FILE)) });
    // Curves around the day's prices, so that different hours take different steps.
    const intervals = Array.from({ length: 24 }, (_, interval) => ({
      interval,
      sell: [
        { priceKrwPerKwh: 100 as KrwPerKwh, quantityKw: 1_000 as Kw },
        { priceKrwPerKwh: 130 as KrwPerKwh, quantityKw: 2_000 as Kw },
        { priceKrwPerKwh: 150 as KrwPerKwh, quantityKw: 4_000 as Kw },
      ],
      buy: [
        { priceKrwPerKwh: 110 as KrwPerKwh, quantityKw: 3_000 as Kw },
        { priceKrwPerKwh: 140 as KrwPerKwh, quantityKw: 1_000 as Kw },
      ],
    }));
    await sim.adapter.submitBid(bidRequest({ intervals }));
    expect(sim.exchange.advanceTo(RESULTS).dayAheadClearings).toContainEqual({
      market: 'mainland',
      tradingDay: DAY,
      bids: 1,
    });
    const results = await sim.adapter.fetchResults('portfolio-a', 'mainland', DAY);
    if (results.status !== 'published') throw new Error(`not published: ${results.status}`);
    expect(results.publishedAt).toBe(RESULTS);
    expect(results.uncleared).toEqual([]);
    expect(results.awards).toHaveLength(24);
    const distinctSells = new Set<number>();
    for (const award of results.awards) {
      const price = smp(award.interval + 1);
      const curve = intervals[award.interval]!;
      expect(award.clearingPriceKrwPerKwh).toBe(price);
      expect(award.awardedSellKw).toBe(sellQuantityAt(curve.sell, price));
      expect(award.awardedBuyKw).toBe(buyQuantityAt(curve.buy, price));
      distinctSells.add(award.awardedSellKw);
    }
    expect(distinctSells.size).toBeGreaterThan(1);
    const prices = await sim.adapter.fetchPrices('mainland', DAY, 'day_ahead');
    if (prices.status !== 'published') throw new Error('prices not published');
    expect(prices.final).toBe(true);
    expect(prices.prices.map((p) => p.priceKrwPerKwh)).toEqual(
      Array.from({ length: 24 }, (_, h) => smp(h + 1)),
    );
    expect(prices.prices[0]).toMatchObject({
      startsAt: '2024-06-02T15:00:00.000Z',
      endsAt: '2024-06-02T16:00:00.000Z',
    });
  });

  it('publishes nothing before D-1 15:00 and everything from it', async () => {
    sim = openMemorySim();
    await sim.adapter.submitBid(bidRequest());
    sim.exchange.advanceTo('2024-06-02T05:59:59.999Z');
    expect(await sim.adapter.fetchResults('portfolio-a', 'mainland', DAY)).toEqual({
      status: 'not_published_yet',
      expectedAt: RESULTS,
    });
    expect(await sim.adapter.fetchPrices('mainland', DAY, 'day_ahead')).toEqual({
      status: 'not_published_yet',
      expectedAt: RESULTS,
    });
    expect(await sim.adapter.dispatchInstructions('portfolio-a', 'mainland', RESULTS)).toEqual([]);
    sim.exchange.advanceTo(RESULTS);
    expect(await sim.adapter.fetchResults('portfolio-a', 'mainland', DAY)).toMatchObject({
      status: 'published',
      bid: { submissionId: 'sub-1' },
    });
    expect(sim.exchange.submission('sub-1')?.status).toBe('cleared');
  });

  it('reports a missing SMP hour as not cleared instead of inventing a price', async () => {
    // The shared file lacks hour-endings 12..14 of 2024-06-01.
    sim = openMemorySim({
      history: loadSmpHistory(sharedKpxPath(SMP_FILE)),
      startAt: '2024-05-30T00:00:00.000Z',
    });
    await sim.adapter.submitBid(bidRequest({ tradingDay: '2024-06-01' }));
    sim.exchange.advanceTo('2024-05-31T06:00:00.000Z');
    const results = await sim.adapter.fetchResults('portfolio-a', 'mainland', '2024-06-01');
    if (results.status !== 'published') throw new Error('not published');
    expect(results.uncleared.map((u) => u.interval)).toEqual([11, 12, 13]);
    expect(results.uncleared[0]).toEqual({
      interval: 11,
      code: 'PRICE.NO_HISTORICAL_SMP',
      reason: 'no mainland SMP for hour-ending 12 of 2024-06-01 in the historical data',
    });
    expect(results.awards.map((a) => a.interval)).not.toContain(11);
    expect(results.awards).toHaveLength(21);
    const prices = await sim.adapter.fetchPrices('mainland', '2024-06-01', 'day_ahead');
    if (prices.status !== 'published') throw new Error('not published');
    expect(prices.prices[12]).toMatchObject({ priceKrwPerKwh: null, reason: expect.any(String) });
  });

  it('issues the awarded schedule as dispatch instructions at the results time', async () => {
    sim = openMemorySim();
    const accepted = await sim.adapter.submitBid(bidRequest({ intervals: stepCurves(2) }));
    sim.exchange.advanceTo(RESULTS);
    const instructions = await sim.adapter.dispatchInstructions(
      'portfolio-a',
      'mainland',
      '2024-06-01T00:00:00.000Z',
    );
    // Ramp history: SMP of hour-ending 1 is 101, of 2 is 102: sell step 90 (1,000 kW), buy 1,000.
    expect(instructions).toEqual([
      expect.objectContaining({
        kind: 'schedule',
        interval: 0,
        sellKw: 1_000,
        buyKw: 1_000,
        issuedAt: RESULTS,
        startsAt: '2024-06-02T15:00:00.000Z',
        exchangeBidId: accepted.status === 'accepted' ? accepted.exchangeBidId : '',
      }),
      expect.objectContaining({ kind: 'schedule', interval: 1 }),
    ]);
    expect(await sim.adapter.dispatchInstructions('portfolio-b', 'mainland', RESULTS)).toEqual([]);
    expect(
      await sim.adapter.dispatchInstructions('portfolio-a', 'mainland', '2024-06-02T06:00:00.001Z'),
    ).toEqual([]);
  });

  it('gives a portfolio without a bid published results with no awards', async () => {
    sim = openMemorySim();
    sim.exchange.advanceTo(RESULTS);
    expect(await sim.adapter.fetchResults('portfolio-z', 'mainland', DAY)).toMatchObject({
      status: 'published',
      bid: null,
      awards: [],
    });
    // A day whose results fell before the clock started was never run by this exchange.
    expect(await sim.adapter.fetchResults('portfolio-z', 'mainland', '2024-06-01')).toMatchObject({
      status: 'not_available',
    });
  });

  it('awards a price-taker its offer at the clearing price, whatever the curves (property)', () => {
    const rules = marketRules('jeju');
    const curve = fc
      .uniqueArray(fc.integer({ min: -100, max: 1_000 }), { minLength: 0, maxLength: 10 })
      .chain((prices) =>
        fc
          .array(fc.integer({ min: 10, max: 50 }), {
            minLength: prices.length,
            maxLength: prices.length,
          })
          .map((steps) => {
            const sorted = [...prices].sort((a, b) => a - b);
            let quantity = 0;
            return sorted.map((price, k) => {
              quantity += steps[k]! * 100;
              return { priceKrwPerKwh: price as KrwPerKwh, quantityKw: quantity as Kw };
            });
          }),
      );
    fc.assert(
      fc.property(
        curve,
        curve,
        fc.double({ min: -100, max: 1_000, noNaN: true }),
        (sell, rising, smp) => {
          const buy = rising.map((p, k) => ({
            ...p,
            quantityKw: rising[rising.length - 1 - k]!.quantityKw,
          }));
          const formation = new HistoricalPriceFormation(
            syntheticHistory(() => smp),
            'p',
          );
          const clearing = formation.clearDayAhead({
            market: 'jeju',
            rules,
            tradingDay: TradingDay.parse(DAY),
            intervalMinutes: 60,
            intervalsPerDay: 24,
            bids: [
              { exchangeBidId: 'b', portfolioId: 'p', intervals: [{ interval: 5, sell, buy }] },
            ],
          });
          const [award] = clearing.awards.get('b')!;
          // Oracles written from the rule, not with the curve helpers: a price-taker sells the
          // step of its dearest offer at or below the price, buys at its cheapest bid at or above.
          const offered = sell.filter((p) => p.priceKrwPerKwh <= smp).at(-1)?.quantityKw ?? 0;
          const wanted = buy.find((p) => p.priceKrwPerKwh >= smp)?.quantityKw ?? 0;
          expect(award).toEqual({
            interval: 5,
            clearingPriceKrwPerKwh: smp,
            awardedSellKw: offered,
            awardedBuyKw: wanted,
          });
        },
      ),
    );
  });
});
