import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { fitCurvesToRules } from '../../../domain/bidding/fit-curves-to-rules.js';
import {
  buyQuantityAt,
  sellQuantityAt,
  type IntervalBid,
} from '../../../domain/market/bid-curve.js';
import { bidRuleViolations } from '../../../domain/market/bid-curve.validation.js';
import { marketRules } from '../../../domain/market/market-rules.js';
import type { KrwPerKwh, Kw } from '../../../domain/shared/units.js';

const rules = marketRules('mainland');
const { minQuantityKw, quantityStepKw } = rules.curve;

/** What the market rules make of a quantity: down to the step, nothing below the minimum. */
const fitted = (q: number): number => {
  const rounded = Math.floor(q / quantityStepKw + 1e-9) * quantityStepKw;
  return rounded < minQuantityKw ? 0 : rounded;
};

const curve = (side: 'sell' | 'buy') =>
  fc
    .array(
      fc.tuple(fc.integer({ min: 1, max: 400 }), fc.double({ min: 0, max: 5000, noNaN: true })),
      {
        maxLength: 10,
      },
    )
    .map((raw) => {
      const prices = [...new Set(raw.map(([p]) => p))].sort((a, b) => a - b);
      const quantities = raw
        .slice(0, prices.length)
        .map(([, q]) => q)
        .sort((a, b) => (side === 'sell' ? a - b : b - a));
      return prices.map((p, i) => ({
        priceKrwPerKwh: p as KrwPerKwh,
        quantityKw: (quantities[i] ?? 0) as Kw,
      }));
    });

describe('fitCurvesToRules', () => {
  it('makes any monotone curves submittable and offers fit(q) wherever q was offered', () => {
    fc.assert(
      fc.property(curve('sell'), curve('buy'), (sell, buy) => {
        const original: IntervalBid = { interval: 3, sell, buy };
        const result = fitCurvesToRules([original], rules.curve);
        expect(
          bidRuleViolations(result, {
            rules,
            intervalsPerDay: 24,
            sellCapacityKw: 5000 as Kw,
            buyCapacityKw: 5000 as Kw,
          }),
        ).toEqual([]);
        const bid = result[0] ?? { interval: 3, sell: [], buy: [] };
        // The step functions change only at the curves' own prices: probe at and between them.
        const probes = [
          0,
          401,
          ...[...sell, ...buy].flatMap((p) => [p.priceKrwPerKwh, p.priceKrwPerKwh + 0.5]),
        ];
        for (const price of probes) {
          expect(sellQuantityAt(bid.sell, price)).toBe(fitted(sellQuantityAt(sell, price)));
          expect(buyQuantityAt(bid.buy, price)).toBe(fitted(buyQuantityAt(buy, price)));
        }
      }),
    );
  });

  it('drops an interval left with nothing to offer', () => {
    const small: IntervalBid = {
      interval: 0,
      sell: [{ priceKrwPerKwh: 100 as KrwPerKwh, quantityKw: 999.9 as Kw }],
      buy: [],
    };
    expect(fitCurvesToRules([small], rules.curve)).toEqual([]);
  });
});
