import { milpPortfolioName, type MilpModelBuilder } from '../milp-model.js';
import type { PortfolioCase } from './portfolio-case.js';

/**
 * Scenarios in interval t in increasing export (clearing) price; ties keep scenario order.
 * The bid curves are built on this order (bid-curves.ts).
 */
export const scenarioOrder = (portfolioCase: PortfolioCase, t: number): readonly number[] =>
  portfolioCase.scenarios
    .map((scenario, s) => ({ s, price: scenario.exportPricesKrwPerKwh[t]! }))
    .sort((a, b) => a.price - b.price || a.s - b.s)
    .map(({ s }) => s);

/**
 * Links the scenario schedules so that they form bid curves: in every interval the portfolio's
 * net position (export positive) never falls as the price rises, net(a) <= net(b) for consecutive
 * scenarios a, b in price order, and is the same for scenarios at the same price (one curve
 * gives one quantity per price). A net position that never falls is a sell quantity max(net, 0)
 * that never falls and a buy quantity max(-net, 0) that never rises. Linking the net position
 * rather than the sell and buy quantities separately is what the market sees of a portfolio, and
 * needs one row per pair instead of two.
 */
export const addScenarioLinks = (
  builder: MilpModelBuilder,
  portfolioCase: PortfolioCase,
  net: readonly Int32Array[],
): void => {
  if (portfolioCase.scenarios.length < 2) return;
  for (let t = 0; t < portfolioCase.intervals; t++) {
    const order = scenarioOrder(portfolioCase, t);
    for (let k = 1; k < order.length; k++) {
      const low = order[k - 1]!;
      const high = order[k]!;
      const same =
        portfolioCase.scenarios[low]!.exportPricesKrwPerKwh[t] ===
        portfolioCase.scenarios[high]!.exportPricesKrwPerKwh[t];
      builder.addConstraint(
        milpPortfolioName('bid_monotone', `t${t}`, `s${low}`, `s${high}`),
        [
          [net[low]![t]!, 1],
          [net[high]![t]!, -1],
        ],
        same ? { eq: 0 } : { le: 0 },
      );
    }
  }
};
