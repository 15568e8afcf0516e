import { Query } from '@nestjs/cqrs';
import type { BidView } from './bid-view.js';

/** The bid of a portfolio in a market for a trading day: where it stands and how it got there. */
export class GetBidQuery extends Query<BidView> {
  constructor(
    readonly portfolioId: string,
    readonly market: string,
    readonly tradingDay: string,
  ) {
    super();
  }
}
