import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  priceTakerCurves,
  strategyOfSolver,
  ruleSolverName,
} from '../../../../domain/bidding/strategies/bid-strategy.js';
import { deviationPenaltyKrw } from '../../../../domain/bidding/strategies/deviation-penalty.js';
import { fixedRuleBid } from '../../../../domain/bidding/strategies/fixed-rule.strategy.js';
import { extendLowestSellToFloor } from '../../../../domain/bidding/strategies/floor-extended-offer.js';
import { pvAsForecastBid } from '../../../../domain/bidding/strategies/pv-as-forecast.strategy.js';
import { sellQuantityAt, type IntervalBid } from '../../../../domain/market/bid-curve.js';
import { marketRules } from '../../../../domain/market/market-rules.js';
import type {
  EssAsset,
  PortfolioCase,
} from '../../../../domain/optimisation/portfolio/portfolio-case.js';
import type { KrwPerKwh, Kw } from '../../../../domain/shared/units.js';

const rules = marketRules('mainland').curve;
const HOURS = 24;
// PV from 06:00 to 18:00 peaking at 1,200 kW at noon.
const pvKw = Array.from({ length: HOURS }, (_, h) =>
  h >= 6 && h < 18 ? Math.round(1200 * Math.sin(((h - 6 + 0.5) / 12) * Math.PI)) : 0,
);
const loadKw = Array.from({ length: HOURS }, () => 100);
const battery: EssAsset = {
  kind: 'ess',
  id: 'ess-1',
  siteId: 'a',
  chargeKw: 200,
  dischargeKw: 200,
  energyKwh: 800,
  chargeEfficiency: 0.9,
  dischargeEfficiency: 0.9,
  initialSocKwh: 400,
  minSocKwh: 80,
  maxSocKwh: 760,
  degradationCostKrwPerKwh: 10,
};

const portfolio = (overrides: Partial<PortfolioCase> = {}): PortfolioCase => ({
  intervalMinutes: 60,
  intervals: HOURS,
  scenarios: [
    {
      probability: 0.5,
      importPricesKrwPerKwh: Array.from({ length: HOURS }, () => 100),
      exportPricesKrwPerKwh: Array.from({ length: HOURS }, () => 100),
    },
    {
      probability: 0.5,
      importPricesKrwPerKwh: Array.from({ length: HOURS }, () => 140),
      exportPricesKrwPerKwh: Array.from({ length: HOURS }, () => 140),
    },
  ],
  sites: [
    { id: 'a', importLimitKw: 1000, exportLimitKw: 1000 },
    { id: 'b', importLimitKw: 100, exportLimitKw: 100 },
  ],
  communities: [],
  assets: [
    { kind: 'pv', id: 'pv@a', siteId: 'a', forecastKw: pvKw, curtailable: false },
    { kind: 'load', id: 'load@a', siteId: 'a', forecastKw: loadKw },
    battery,
    { kind: 'pv', id: 'pv@b', siteId: 'b', forecastKw: pvKw.map((v) => v / 4), curtailable: true },
  ],
  ...overrides,
});

describe('pvAsForecastBid', () => {
  it('sells each site PV less load, within its export limit, at the price floor', () => {
    const bid = pvAsForecastBid(portfolio(), rules);
    bid.netPositionKw.forEach((net, t) => {
      const a = Math.min(1000, Math.max(-1000, (pvKw[t] ?? 0) - 100));
      const b = Math.min(100, (pvKw[t] ?? 0) / 4);
      expect(net).toBeCloseTo(a + b, 9);
    });
    for (const curve of bid.curves) {
      const net = bid.netPositionKw[curve.interval] ?? 0;
      // Price-taking: the whole position at any price the market may clear at.
      if (net > 0) expect(sellQuantityAt(curve.sell, rules.priceFloorKrwPerKwh)).toBe(net);
      else
        expect(curve.buy).toEqual([{ priceKrwPerKwh: rules.priceCapKrwPerKwh, quantityKw: -net }]);
    }
    expect(bid.assetKw['ess-1']).toBeUndefined();
    expect(bid.endSocKwh['ess-1']).toBe(400);
  });

  it('keeps a community within its feeder limit and values the position at the scenarios', () => {
    const limited = portfolio({
      sites: [
        { id: 'a', importLimitKw: 1000, exportLimitKw: 1000, communityId: 'c' },
        { id: 'b', importLimitKw: 100, exportLimitKw: 100, communityId: 'c' },
      ],
      communities: [{ id: 'c', exportLimitKw: 500 }],
    });
    const bid = pvAsForecastBid(limited, rules);
    expect(Math.max(...bid.netPositionKw)).toBe(500);
    const energy = bid.netPositionKw.reduce((sum, net) => sum + net, 0);
    expect(bid.expectedRevenueKrw).toBeCloseTo(energy * 120, 6);
  });
});

describe('fixedRuleBid', () => {
  it('charges at night, discharges in the evening, keeps the battery within its window', () => {
    const bid = fixedRuleBid(portfolio(), rules);
    const ess = bid.assetKw['ess-1'] ?? [];
    ess.forEach((kw, hour) => {
      if (hour < 6) expect(kw).toBeLessThanOrEqual(0);
      else if (hour >= 17 && hour < 21) expect(kw).toBeGreaterThanOrEqual(0);
      else expect(kw).toBe(0);
    });
    expect(ess[0]).toBe(-200);
    expect(ess[17]).toBeGreaterThan(0);
    let soc = battery.initialSocKwh;
    for (const kw of ess) {
      soc += kw < 0 ? -kw * 0.9 : -kw / 0.9;
      expect(soc).toBeGreaterThanOrEqual(battery.minSocKwh - 1e-9);
      expect(soc).toBeLessThanOrEqual(battery.maxSocKwh + 1e-9);
    }
    expect(bid.endSocKwh['ess-1']).toBeCloseTo(soc, 9);
    // The battery's power is in the position it offers.
    const pvOnly = pvAsForecastBid(portfolio(), rules);
    expect((bid.netPositionKw[0] ?? 0) - (pvOnly.netPositionKw[0] ?? 0)).toBe(-200);
  });

  it('never takes a site past its grid connection', () => {
    const tight = portfolio({
      sites: [
        { id: 'a', importLimitKw: 150, exportLimitKw: 1000 },
        { id: 'b', importLimitKw: 100, exportLimitKw: 100 },
      ],
    });
    const bid = fixedRuleBid(tight, rules);
    // 100 kW of load at night leaves 50 kW of the 150 kW import for charging.
    expect(bid.assetKw['ess-1']?.[0]).toBe(-50);
  });
});

describe('priceTakerCurves', () => {
  it('offers nothing for a zero position', () => {
    expect(priceTakerCurves([0, 5, -5], rules).map((c) => c.interval)).toEqual([1, 2]);
  });
});

describe('extendLowestSellToFloor', () => {
  const point = (price: number, quantity: number) => ({
    priceKrwPerKwh: price as KrwPerKwh,
    quantityKw: quantity as Kw,
  });

  it('sells the lowest step at any price and leaves everything at or above it as it was', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 500 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 0, max: 600 }),
        (prices, probe) => {
          const sorted = [...prices].sort((a, b) => a - b);
          const bid: IntervalBid = {
            interval: 0,
            sell: sorted.map((p, i) => point(p, 1000 + 100 * i)),
            buy: [point(50, 300)],
          };
          const [extended] = extendLowestSellToFloor([bid], 0);
          const lowest = sorted[0] ?? 0;
          const expected = probe < lowest ? 1000 : sellQuantityAt(bid.sell, probe);
          expect(sellQuantityAt(extended?.sell ?? [], probe)).toBe(expected);
          expect(extended?.buy).toEqual(bid.buy);
        },
      ),
    );
  });
});

describe('deviationPenaltyKrw', () => {
  it('values |delivered - awarded| at the SMP times the factor, nothing where no SMP', () => {
    expect(deviationPenaltyKrw([100, 0, 50], [80, 30, 0], [100, 200, null], 0.5)).toBe(
      20 * 100 * 0.5 + 30 * 200 * 0.5,
    );
  });
});

describe('strategyOfSolver', () => {
  it('reads a rule back from the solver name it records, anything else is the optimiser', () => {
    expect(strategyOfSolver(ruleSolverName('fixed-rule'))).toBe('fixed-rule');
    expect(strategyOfSolver(ruleSolverName('pv-as-forecast'))).toBe('pv-as-forecast');
    expect(strategyOfSolver('glpk')).toBe('optimised');
    expect(strategyOfSolver('rule:unknown')).toBe('optimised');
  });
});
