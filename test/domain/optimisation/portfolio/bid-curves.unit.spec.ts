import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { buyQuantityAt, sellQuantityAt } from '../../../../domain/market/bid-curve.js';
import { bidCurvesFromSchedules } from '../../../../domain/optimisation/portfolio/bid-curves.js';
import { validatePortfolioCase } from '../../../../domain/optimisation/portfolio/case-validation.js';

const caseWith = (prices: readonly number[], probabilities: readonly number[]) =>
  validatePortfolioCase({
    intervalMinutes: 60,
    priceScenarios: prices.map((price, s) => ({
      probability: probabilities[s],
      importPricesKrwPerKwh: [price],
      exportPricesKrwPerKwh: [price],
    })),
    assets: [],
  });

describe('bidCurvesFromSchedules', () => {
  it('turns (price, net position) points into a sell and a buy curve', () => {
    const portfolioCase = caseWith([10, 50, 30, 80], [0.25, 0.25, 0.25, 0.25]);
    const [bid] = bidCurvesFromSchedules(portfolioCase, [[-5], [4], [0], [9]], 10);
    expect(bid!.sell).toEqual([
      { priceKrwPerKwh: 50, quantityKw: 4 },
      { priceKrwPerKwh: 80, quantityKw: 9 },
    ]);
    expect(bid!.buy).toEqual([{ priceKrwPerKwh: 10, quantityKw: 5 }]);
    expect(sellQuantityAt(bid!.sell, 60)).toBe(4);
    expect(buyQuantityAt(bid!.buy, 5)).toBe(5);
    expect(buyQuantityAt(bid!.buy, 30)).toBe(0);
  });

  it('merges down to maxSegments, removing the step worth least', () => {
    const portfolioCase = caseWith([10, 20, 30, 40], [0.1, 0.1, 0.1, 0.7]);
    const [bid] = bidCurvesFromSchedules(portfolioCase, [[1], [2], [10], [11]], 2);
    // Removal costs (quantity given up x probability): 10 -> 1 x 0.1 (first, on the tie),
    // then 20 -> 2 x 0.1, cheaper than 30 -> 8 x 0.1 or 40 -> 1 x 0.7.
    expect(bid!.sell).toEqual([
      { priceKrwPerKwh: 30, quantityKw: 10 },
      { priceKrwPerKwh: 40, quantityKw: 11 },
    ]);
  });

  it('stays monotone, within maxSegments and never offers more than a schedule at or below (sell) / above (buy) the price', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.integer({ min: -50, max: 300 }), fc.integer({ min: -100, max: 100 })),
          {
            minLength: 1,
            maxLength: 15,
          },
        ),
        fc.integer({ min: 1, max: 5 }),
        (points, maxSegments) => {
          const probabilities = points.map(() => 1 / points.length);
          probabilities[0] = 1 - probabilities.slice(1).reduce((a, b) => a + b, 0);
          const portfolioCase = caseWith(
            points.map(([price]) => price),
            probabilities,
          );
          const [bid] = bidCurvesFromSchedules(
            portfolioCase,
            points.map(([, net]) => [net]),
            maxSegments,
          );
          const { sell, buy } = bid!;
          expect(sell.length).toBeLessThanOrEqual(maxSegments);
          expect(buy.length).toBeLessThanOrEqual(maxSegments);
          for (let k = 1; k < sell.length; k++) {
            expect(sell[k]!.priceKrwPerKwh).toBeGreaterThan(sell[k - 1]!.priceKrwPerKwh);
            expect(sell[k]!.quantityKw).toBeGreaterThanOrEqual(sell[k - 1]!.quantityKw);
          }
          for (let k = 1; k < buy.length; k++) {
            expect(buy[k]!.priceKrwPerKwh).toBeGreaterThan(buy[k - 1]!.priceKrwPerKwh);
            expect(buy[k]!.quantityKw).toBeLessThanOrEqual(buy[k - 1]!.quantityKw);
          }
          // At each scenario's price, the sell offer is at most what some schedule priced at or
          // below it delivers, and the buy at most what some schedule at or above it takes.
          for (const [price] of points) {
            const sold = sellQuantityAt(sell, price);
            const bought = buyQuantityAt(buy, price);
            if (sold > 0)
              expect(points.some(([p, net]) => p <= price && net >= sold - 1e-9)).toBe(true);
            if (bought > 0)
              expect(points.some(([p, net]) => p >= price && -net >= bought - 1e-9)).toBe(true);
            expect(sold === 0 || bought === 0).toBe(true);
          }
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });
});
