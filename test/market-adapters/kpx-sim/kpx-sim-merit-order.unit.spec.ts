import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import {
  buyQuantityAt,
  sellQuantityAt,
  type IntervalBid,
} from '../../../domain/market/bid-curve.js';
import { marketRules } from '../../../domain/market/market-rules.js';
import { TradingDay } from '../../../domain/shared/time/trading-day.js';
import {
  loadMeritOrderInputs,
  type MeritOrderInputs,
} from '../../../market-adapters/kpx-sim/merit-order-inputs.js';
import {
  curveStepOrders,
  MAINLAND_ONLY_CODE,
  MeritOrderPriceFormation,
  NO_DATA_CODE,
} from '../../../market-adapters/kpx-sim/merit-order-price-formation.js';
import { openKpxSim, type KpxSim } from '../../../market-adapters/kpx-sim/open-kpx-sim.js';
import type { DayAheadBook } from '../../../market-adapters/kpx-sim/price-formation.js';
import { expectDomainError } from '../../support/expect-domain-error.js';
import { sharedKpxPath } from '../../support/shared-kpx-series.js';
import { BEFORE_GATE, bidRequest, DAY, point, rampHistory, RESULTS } from './kpx-sim-fixtures.js';

const DATA = dirname(sharedKpxPath('demand-mainland-hourly-2024.csv'));
let inputs: MeritOrderInputs;
beforeAll(() => {
  inputs = loadMeritOrderInputs(DATA);
});

const book = (
  bids: readonly IntervalBid[][],
  day = DAY,
  market: 'mainland' | 'jeju' = 'mainland',
): DayAheadBook => ({
  market,
  rules: marketRules(market),
  tradingDay: TradingDay.parse(day),
  intervalMinutes: 60,
  intervalsPerDay: 24,
  bids: bids.map((intervals, k) => ({
    exchangeBidId: `bid-${k}`,
    portfolioId: `portfolio-${k}`,
    intervals,
  })),
});

const everyHour = (sell: IntervalBid['sell'], buy: IntervalBid['buy'] = []): IntervalBid[] =>
  Array.from({ length: 24 }, (_, interval) => ({ interval, sell, buy }));

describe('merit-order price formation', () => {
  it('turns cumulative curves into step orders that add up to the curve at any price', () => {
    const sell = [point(90, 1_000), point(110, 2_500), point(120, 3_000)];
    const buy = [point(50, 1_500), point(105, 1_000)];
    const orders = curveStepOrders('x', 'p', sell, buy);
    expect(orders.map((o) => [o.side, o.quantityMw, o.priceKrwPerKwh])).toEqual([
      ['sell', 1, 90],
      ['sell', 1.5, 110],
      ['sell', 0.5, 120],
      ['buy', 0.5, 50],
      ['buy', 1, 105],
    ]);
    for (const price of [0, 50, 89.99, 90, 104, 105, 110, 119, 120, 500]) {
      const sum = (side: 'sell' | 'buy'): number =>
        orders
          .filter(
            (o) =>
              o.side === side &&
              (side === 'sell' ? o.priceKrwPerKwh <= price : o.priceKrwPerKwh >= price),
          )
          .reduce((total, o) => total + o.quantityMw * 1_000, 0);
      expect(sum('sell')).toBeCloseTo(sellQuantityAt(sell, price), 9);
      expect(sum('buy')).toBeCloseTo(buyQuantityAt(buy, price), 9);
    }
  });

  it('awards each bid what its curve offers at the merit-order price (property)', () => {
    const formation = new MeritOrderPriceFormation(inputs, 'seed');
    const step = fc.record({
      price: fc.integer({ min: 0, max: 300 }),
      kw: fc.integer({ min: 0, max: 20_000 }),
    });
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 4 }), (steps) => {
        const sorted = [...steps].sort((a, b) => a.price - b.price);
        let cumulative = 0;
        const sell = sorted.map((s) => point(s.price, (cumulative += s.kw)));
        const clearing = formation.clearDayAhead(book([everyHour(sell)]));
        const awards = clearing.awards.get('bid-0')!;
        expect(awards).toHaveLength(24);
        for (const award of awards) {
          const price = award.clearingPriceKrwPerKwh;
          expect(price).toBe(clearing.prices[award.interval]!.priceKrwPerKwh);
          // Steps below the price are accepted in full, steps above it not at all; a step offered
          // at exactly the price ties with the marginal fleet block and may be accepted in part.
          const below = sell.filter((p) => p.priceKrwPerKwh < price).at(-1)?.quantityKw ?? 0;
          expect(award.awardedSellKw).toBeGreaterThanOrEqual(below - 0.001);
          expect(award.awardedSellKw).toBeLessThanOrEqual(sellQuantityAt(sell, price) + 0.001);
          if (sell.every((p) => p.priceKrwPerKwh > price)) expect(award.awardedSellKw).toBe(0);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('never raises the price when the VPP offers a large quantity cheaply', () => {
    const formation = new MeritOrderPriceFormation(inputs, 'seed');
    const without = formation.clearDayAhead(book([]));
    const cheap = formation.clearDayAhead(book([everyHour([point(0, 3_000_000)])]));
    let lowered = 0;
    without.prices.forEach((price, h) => {
      const before = price.priceKrwPerKwh!;
      const after = cheap.prices[h]!.priceKrwPerKwh!;
      expect(before).toEqual(expect.any(Number));
      expect(after).toBeLessThanOrEqual(before);
      if (after < before) lowered++;
    });
    // 3 GW at 0 KRW/kWh displaces the marginal block in at least some hours.
    expect(lowered).toBeGreaterThan(0);
    // And it is awarded in full whenever the price is at or above its 0 KRW/kWh step.
    for (const award of cheap.awards.get('bid-0')!)
      if (award.clearingPriceKrwPerKwh > 0) expect(award.awardedSellKw).toBe(3_000_000);
  });

  it('lets a VPP buy raise the price and awards the buy only up to its step price', () => {
    const formation = new MeritOrderPriceFormation(inputs, 'seed');
    const without = formation.clearDayAhead(book([]));
    const buying = formation.clearDayAhead(book([everyHour([], [point(1_000, 5_000_000)])]));
    buying.prices.forEach((price, h) =>
      expect(price.priceKrwPerKwh!).toBeGreaterThanOrEqual(without.prices[h]!.priceKrwPerKwh!),
    );
    for (const award of buying.awards.get('bid-0')!) expect(award.awardedBuyKw).toBe(5_000_000);
  });

  it('does not clear Jeju or days outside the 2024 data, saying why', () => {
    const formation = new MeritOrderPriceFormation(inputs, 'seed');
    const jeju = formation.clearDayAhead(book([everyHour([point(10, 100)])], DAY, 'jeju'));
    expect(
      jeju.prices.every((p) => p.priceKrwPerKwh === null && p.code === MAINLAND_ONLY_CODE),
    ).toBe(true);
    expect(jeju.awards.get('bid-0')).toEqual([]);
    const outside = formation.clearDayAhead(book([], '2025-01-02'));
    expect(outside.prices[0]).toMatchObject({ priceKrwPerKwh: null, code: NO_DATA_CODE });
    expect(outside.prices[0]!.reason).toContain('2025-01-02');
    expect(outside.prices[0]!.reason).toContain('2024-01-01..2024-12-31');
    // October uses the mirror-month renewables: still priced.
    const october = formation.clearDayAhead(book([], '2024-10-15'));
    expect(october.prices.every((p) => typeof p.priceKrwPerKwh === 'number')).toBe(true);
  });
});

describe('simulated KPX in merit-order mode', () => {
  let folder: string;
  let sim: KpxSim | undefined;
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'kpx-sim-merit-'));
  });
  afterEach(() => sim?.close());
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('clears a submitted bid at the merit-order price and awards its curve', async () => {
    sim = openKpxSim({
      dbPath: ':memory:',
      meritOrderInputs: inputs,
      priceMode: 'merit-order',
      seed: 's',
      startAt: BEFORE_GATE,
    });
    expect(sim.formation).toBe('merit-order');
    const sell = [point(0, 1_000), point(150, 2_000), point(400, 4_000)];
    const buy = [point(20, 1_500)];
    await sim.adapter.submitBid(bidRequest({ intervals: everyHour(sell, buy) }));
    sim.exchange.advanceTo(RESULTS);
    const results = await sim.adapter.fetchResults('portfolio-a', 'mainland', DAY);
    if (results.status !== 'published') throw new Error(`not published: ${results.status}`);
    expect(results.awards).toHaveLength(24);
    const expected = new MeritOrderPriceFormation(inputs, 's').clearDayAhead(book([]));
    for (const award of results.awards) {
      const price = award.clearingPriceKrwPerKwh;
      // A few MW never moves a GW-scale clearing here: the price is the model's own.
      expect(price).toBe(expected.prices[award.interval]!.priceKrwPerKwh);
      expect(award.awardedSellKw).toBe(sellQuantityAt(sell, price));
      expect(award.awardedBuyKw).toBe(buyQuantityAt(buy, price));
    }
  });

  it('refuses to reopen a database with another price mode, and keeps the recorded one', () => {
    const dbPath = join(folder, 'kpx-sim.db');
    sim = openKpxSim({ dbPath, meritOrderInputs: inputs, priceMode: 'merit-order', seed: 's' });
    sim.close();
    sim = undefined;
    expectDomainError(
      () => openKpxSim({ dbPath, history: rampHistory, priceMode: 'historical', seed: 's' }),
      'KPXSIM.CONFIG_MISMATCH',
    );
    // Without a mode the recorded one is used.
    sim = openKpxSim({ dbPath, meritOrderInputs: inputs, history: rampHistory, seed: 's' });
    expect(sim.formation).toBe('merit-order');
  });
});
