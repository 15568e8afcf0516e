import { Inject, Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { PortfolioCapability } from '../../domain/capability/index.js';
import { bidMarketOn } from '../../domain/bids/index.js';
import type { MarketId, MarketRuleOverrides } from '../../domain/market/market-rules.js';
import type { Kw } from '../../domain/shared/units.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { PortfolioFacts } from '../portfolios/portfolio-facts.js';
import { GetPortfolioCapabilityQuery } from '../portfolios/portfolio-capability/get-portfolio-capability.query.js';

/** The portfolio's registered capacity in each direction, as a submission is checked against. */
export interface BidCapacity {
  readonly sellCapacityKw: Kw;
  readonly buyCapacityKw: Kw;
}

/**
 * What bid commands need besides their own stream: the market rules as configured, whether the
 * portfolio exists, and its registered capacity.
 */
@Injectable()
export class BidFacts {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly portfolios: PortfolioFacts,
    private readonly queries: QueryBus,
  ) {}

  /** The configured day-ahead gate (DAY_AHEAD_GATE_KST); every other rule at its default. */
  get ruleOverrides(): MarketRuleOverrides {
    return { dayAheadGateKst: this.config.dayAheadGateKst };
  }

  /** `PORTFOLIO.NOT_FOUND` (404) unless the portfolio has been created. */
  async mustExist(portfolioId: string): Promise<void> {
    await this.portfolios.existing(portfolioId);
  }

  /**
   * The capacity a bid of the portfolio may offer on the trading day, from the capability read
   * model of its subtree on the market's day-ahead grid (so every member micro-VPP counts):
   * - sell = the most it can inject or shed: the largest `total.maxOutputKw` of any interval
   *   (PV's installed AC capacity, ESS and V2G discharge ratings, fuel cells' ratings, loads'
   *   maximum reduction), whatever the sun or state of charge;
   * - buy = the most it can take: the largest `total.downKw` of any interval (ESS and EV charging,
   *   a fuel cell stopped).
   * The largest over the day rather than per interval because a registration is one figure: the
   * capacity in service; outages and absent cars lower single intervals, not what is registered.
   */
  async capacity(portfolioId: string, market: MarketId, tradingDay: string): Promise<BidCapacity> {
    const { intervalMinutes } = bidMarketOn(market, tradingDay, this.ruleOverrides);
    const capability: PortfolioCapability = await this.queries.execute(
      new GetPortfolioCapabilityQuery(portfolioId, tradingDay, intervalMinutes),
    );
    let sellCapacityKw = 0;
    let buyCapacityKw = 0;
    for (const { total } of capability.intervals) {
      sellCapacityKw = Math.max(sellCapacityKw, total.maxOutputKw);
      buyCapacityKw = Math.max(buyCapacityKw, total.downKw);
    }
    return { sellCapacityKw: sellCapacityKw as Kw, buyCapacityKw: buyCapacityKw as Kw };
  }
}
