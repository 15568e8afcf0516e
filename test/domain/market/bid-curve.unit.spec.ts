import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  buyQuantityAt,
  sellQuantityAt,
  type CurvePoint,
  type IntervalBid,
} from '../../../domain/market/bid-curve.js';
import { bidRuleViolations, type BidLimits } from '../../../domain/market/bid-curve.validation.js';
import { marketRules } from '../../../domain/market/market-rules.js';
import type { Kw, KrwPerKwh } from '../../../domain/shared/units.js';

const point = (priceKrwPerKwh: number, quantityKw: number): CurvePoint => ({
  priceKrwPerKwh: priceKrwPerKwh as KrwPerKwh,
  quantityKw: quantityKw as Kw,
});

const limits: BidLimits = {
  rules: marketRules('mainland'),
  intervalsPerDay: 24,
  sellCapacityKw: 50_000 as Kw,
  buyCapacityKw: 20_000 as Kw,
};

const bid = (sell: CurvePoint[], buy: CurvePoint[] = [], interval = 0): IntervalBid => ({
  interval,
  sell,
  buy,
});

const codes = (bids: IntervalBid[]) =>
  bidRuleViolations(bids, limits).map((v) => [v.code, v.field]);

describe('bid curves', () => {
  const sell = [point(50, 1_000), point(90, 3_000), point(120, 5_000)];
  const buy = [point(40, 4_000), point(70, 2_000)];

  it('sells the last step at or below the clearing price', () => {
    expect(sellQuantityAt(sell, 49.99)).toBe(0);
    expect(sellQuantityAt(sell, 50)).toBe(1_000);
    expect(sellQuantityAt(sell, 100)).toBe(3_000);
    expect(sellQuantityAt(sell, 500)).toBe(5_000);
  });

  it('buys the first step at or above the clearing price', () => {
    expect(buyQuantityAt(buy, 10)).toBe(4_000);
    expect(buyQuantityAt(buy, 40)).toBe(4_000);
    expect(buyQuantityAt(buy, 40.01)).toBe(2_000);
    expect(buyQuantityAt(buy, 70.01)).toBe(0);
  });

  it('a valid pair of curves breaks no rule', () => {
    expect(codes([bid(sell, buy)])).toEqual([]);
  });

  it.each([
    [[bid(sell, [], 24)], 'BID.INTERVAL_OUT_OF_GRID', 'intervals[0].interval'],
    [[bid(sell), bid(sell)], 'BID.DUPLICATE_INTERVAL', 'intervals[1].interval'],
    [[bid([point(50, 3_000), point(90, 1_000)])], 'BID.NOT_MONOTONE', 'intervals[0].sell[1]'],
    [[bid([point(90, 1_000), point(90, 2_000)])], 'BID.NOT_MONOTONE', 'intervals[0].sell[1]'],
    [[bid([], [point(40, 1_000), point(70, 2_000)])], 'BID.NOT_MONOTONE', 'intervals[0].buy[1]'],
    [[bid([point(-1, 1_000)])], 'BID.PRICE_OUT_OF_LIMITS', 'intervals[0].sell[0].priceKrwPerKwh'],
    [
      [bid([point(1_000.01, 1_000)])],
      'BID.PRICE_OUT_OF_LIMITS',
      'intervals[0].sell[0].priceKrwPerKwh',
    ],
    [[bid([point(50, 500)])], 'BID.QUANTITY_BELOW_MINIMUM', 'intervals[0].sell[0].quantityKw'],
    [[bid([point(50, 1_050)])], 'BID.QUANTITY_OFF_STEP', 'intervals[0].sell[0].quantityKw'],
    [[bid([point(50, 60_000)])], 'BID.QUANTITY_ABOVE_CAPACITY', 'intervals[0].sell[0].quantityKw'],
    [
      [bid([], [point(50, 30_000)])],
      'BID.QUANTITY_ABOVE_CAPACITY',
      'intervals[0].buy[0].quantityKw',
    ],
    [[bid([point(50, Number.NaN)])], 'BID.QUANTITY_INVALID', 'intervals[0].sell[0].quantityKw'],
  ])('reports %#: %s at %s', (bids, code, field) => {
    expect(codes(bids)).toContainEqual([code, field]);
  });

  it('reports more segments than the market allows', () => {
    const many = Array.from({ length: 11 }, (_, k) => point(10 + k, 1_000 + 100 * k));
    expect(codes([bid(many)])).toEqual([['BID.TOO_MANY_SEGMENTS', 'intervals[0].sell']]);
  });

  it('accepts quantities a solver leaves a hair off the step', () => {
    expect(codes([bid([point(50, 1_200.0000000001)])])).toEqual([]);
  });

  it('a monotone sell curve never sells less at a higher price (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 0, max: 20 })), {
          maxLength: 10,
        }),
        fc.integer({ min: 0, max: 600 }),
        fc.integer({ min: 0, max: 600 }),
        (steps, p1, p2) => {
          let price = 0;
          let quantity = 0;
          const curve = steps.map(([dp, dq]) => point((price += dp), (quantity += dq * 100)));
          const [low, high] = p1 <= p2 ? [p1, p2] : [p2, p1];
          expect(sellQuantityAt(curve, high)).toBeGreaterThanOrEqual(sellQuantityAt(curve, low));
        },
      ),
    );
  });
});
