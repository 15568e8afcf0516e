import { describe, expect, it } from '@jest/globals';
import { PortfolioPosition } from '../../../../domain/optimisation/aggregation/portfolio-position.js';
import { validatePortfolioCase } from '../../../../domain/optimisation/portfolio/case-validation.js';

// Two meters: a 5 kW export limit on a small one, a 2,000,000 kW plant behind a large one.
const twoMeters = validatePortfolioCase({
  intervalMinutes: 60,
  importPricesKrwPerKwh: [100],
  exportPricesKrwPerKwh: [100],
  sites: [{ id: 'small', exportLimitKw: 5 }, { id: 'large' }],
  assets: [
    { id: 'pv-small', siteId: 'small', kind: 'pv', forecastKw: [6], curtailable: true },
    { id: 'pv-large', siteId: 'large', kind: 'pv', forecastKw: [2_000_000], curtailable: true },
  ],
});

describe('the DERs summed per meter', () => {
  it("reports a small meter's breach however large the rest of the portfolio", () => {
    const position = new PortfolioPosition(twoMeters);
    position.add('small', 0, Float64Array.of(5.5), 0);
    position.add('large', 0, Float64Array.of(2_000_000), 0);
    const { messages, worstKw } = position.violations();
    expect(messages).toEqual([expect.stringContaining('site small exports 5.5 kW over its limit')]);
    expect(worstKw).toBeCloseTo(0.5, 9);
  });

  it("forgives round-off in proportion to the meter's own DERs", () => {
    const position = new PortfolioPosition(twoMeters);
    position.add('small', 0, Float64Array.of(5 + 1e-9), 0);
    expect(position.violations().messages).toEqual([]);
  });
});
