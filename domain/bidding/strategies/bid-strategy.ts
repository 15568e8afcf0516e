import type { IntervalBid } from '../../market/bid-curve.js';
import type { CurveRules } from '../../market/market-rules.js';
import type { PortfolioCase } from '../../optimisation/portfolio/portfolio-case.js';
import { krwPerKwh, kw } from '../../shared/units.js';

/**
 * How a day's bid is made: `optimised` by the scenario MILP (solveCase), the other two by simple
 * rules that serve as benchmarks for it (issue 7): `pv-as-forecast` sells the P50 PV net of site
 * load with every flexible asset idle, `fixed-rule` adds a battery that charges at night and
 * discharges in the evening whatever the prices.
 */
export const BID_STRATEGIES = ['optimised', 'pv-as-forecast', 'fixed-rule'] as const;
export type BidStrategy = (typeof BID_STRATEGIES)[number];
export type RuleStrategy = Exclude<BidStrategy, 'optimised'>;

export const isBidStrategy = (value: string): value is BidStrategy =>
  (BID_STRATEGIES as readonly string[]).includes(value);

/**
 * A rule's bid for the day, in the optimiser's shapes: the curves (before the market's quantity
 * rules are applied, as the solver's are) and the one schedule it follows.
 */
export interface RuleBid {
  readonly curves: readonly IntervalBid[];
  /** The portfolio's planned net position per interval, kW (export positive). */
  readonly netPositionKw: readonly number[];
  /** Signed power towards the grid per asset id and interval, kW (the twin's setpoints). */
  readonly assetKw: Readonly<Record<string, readonly number[]>>;
  /** Each battery's planned state of charge at the end of the day. */
  readonly endSocKwh: Readonly<Record<string, number>>;
  /** The schedule valued at each price scenario, probability-weighted, KRW. */
  readonly expectedRevenueKrw: number;
}

/**
 * Price-taking curves of a net position: a positive position is sold from the price floor up,
 * a negative one bought up to the price cap, so the market always takes it whole.
 */
export const priceTakerCurves = (
  netPositionKw: readonly number[],
  rules: Pick<CurveRules, 'priceFloorKrwPerKwh' | 'priceCapKrwPerKwh'>,
): IntervalBid[] =>
  netPositionKw.flatMap((net, interval): IntervalBid[] => {
    if (net > 0)
      return [
        {
          interval,
          sell: [{ priceKrwPerKwh: krwPerKwh(rules.priceFloorKrwPerKwh), quantityKw: kw(net) }],
          buy: [],
        },
      ];
    if (net < 0)
      return [
        {
          interval,
          sell: [],
          buy: [{ priceKrwPerKwh: krwPerKwh(rules.priceCapKrwPerKwh), quantityKw: kw(-net) }],
        },
      ];
    return [];
  });

/** The position valued at every scenario's prices (export price out, import price in). */
export const expectedRevenueKrw = (
  portfolioCase: PortfolioCase,
  netPositionKw: readonly number[],
): number => {
  const hours = portfolioCase.intervalMinutes / 60;
  let expected = 0;
  for (const scenario of portfolioCase.scenarios) {
    let revenue = 0;
    netPositionKw.forEach((net, t) => {
      const price =
        net >= 0 ? scenario.exportPricesKrwPerKwh[t] : scenario.importPricesKrwPerKwh[t];
      revenue += net * hours * (price ?? 0);
    });
    expected += scenario.probability * revenue;
  }
  return expected;
};

/**
 * What a rule bid records as its solver (BidProvenance.solver.name) and a rule's unbid day as
 * its solver status: no solver ran, the rule decided. Read back by `strategyOfSolver`.
 */
export const ruleSolverName = (strategy: RuleStrategy): string => `rule:${strategy}`;

/** The strategy that made a bid, from the solver name it recorded. */
export const strategyOfSolver = (name: string): BidStrategy => {
  const rule = name.startsWith('rule:') ? name.slice('rule:'.length) : 'optimised';
  return isBidStrategy(rule) ? rule : 'optimised';
};
