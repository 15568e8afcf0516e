import { describe, expect, it } from '@jest/globals';
import { generateMixedPortfolio, mixCounts } from '../../bench/bid-portfolio/mixed-portfolio.js';
import { parsePortfolioCase } from '../../domain/optimisation/portfolio/case-validation.js';

describe('the mixed-portfolio generator', () => {
  it('gives the same case for the same seed and another for another seed', () => {
    const a = JSON.stringify(generateMixedPortfolio({ ders: 200, seed: 'x' }));
    expect(JSON.stringify(generateMixedPortfolio({ ders: 200, seed: 'x' }))).toBe(a);
    expect(JSON.stringify(generateMixedPortfolio({ ders: 200, seed: 'y' }))).not.toBe(a);
  });

  it('follows the mix, on 96 quarter hours with 5 scenarios, and passes validation', () => {
    const portfolioCase = parsePortfolioCase(generateMixedPortfolio({ ders: 1000 }));
    const count = (kind: string) => portfolioCase.assets.filter((a) => a.kind === kind).length;
    expect([
      count('pv'),
      count('ess'),
      count('ev_charger'),
      count('dr_load'),
      count('fuel_cell'),
    ]).toEqual([400, 200, 200, 150, 50]);
    expect(portfolioCase.intervals).toBe(96);
    expect(portfolioCase.intervalMinutes).toBe(15);
    expect(portfolioCase.scenarios).toHaveLength(5);
  });

  it('splits any count by the mix, summing to it', () => {
    for (const ders of [1, 7, 33, 101]) {
      const counts = mixCounts(ders);
      expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(ders);
    }
  });
});
