import type { CurveRules } from '../../market/market-rules.js';
import type { PortfolioCase } from '../../optimisation/portfolio/portfolio-case.js';
import type { RuleBid, RuleStrategy } from './bid-strategy.js';
import { fixedRuleBid } from './fixed-rule.strategy.js';
import { pvAsForecastBid } from './pv-as-forecast.strategy.js';

/** The bid of a rule strategy for the day's case. */
export const ruleBid = (
  strategy: RuleStrategy,
  portfolioCase: PortfolioCase,
  rules: Pick<CurveRules, 'priceFloorKrwPerKwh' | 'priceCapKrwPerKwh'>,
): RuleBid => {
  switch (strategy) {
    case 'pv-as-forecast':
      return pvAsForecastBid(portfolioCase, rules);
    case 'fixed-rule':
      return fixedRuleBid(portfolioCase, rules);
  }
};
