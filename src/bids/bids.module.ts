import { Module } from '@nestjs/common';
import { PortfoliosModule } from '../portfolios/portfolios.module.js';
import { BidFacts } from './bid-facts.js';
import { BidSubmissionService } from './bid-submission.service.js';
import {
  AcknowledgeBidHandler,
  AmendBidHandler,
  ClearBidHandler,
  DraftBidHandler,
  RejectBidHandler,
  SubmitBidHandler,
  WithdrawBidHandler,
} from './bid.handlers.js';
import { BidsHttpController } from './bids.http.controller.js';
import { GetBidQueryHandler } from './get-bid/get-bid.query-handler.js';
import { EmbeddedKpxSimAdapter } from './market-adapter/embedded-kpx-sim.adapter.js';
import {
  MARKET_ADAPTER,
  marketAdapterProviders,
} from './market-adapter/market-adapter.provider.js';

/**
 * Bid streams `bid-{portfolioId}-{market}-{tradingDay}` (domain/bids/) and the exchange behind
 * the MarketAdapter port (MARKET_ADAPTER): the in-process simulated KPX unless KPX_URL is set.
 */
@Module({
  imports: [PortfoliosModule],
  controllers: [BidsHttpController],
  providers: [
    ...marketAdapterProviders,
    BidFacts,
    BidSubmissionService,
    DraftBidHandler,
    AmendBidHandler,
    SubmitBidHandler,
    AcknowledgeBidHandler,
    RejectBidHandler,
    WithdrawBidHandler,
    ClearBidHandler,
    GetBidQueryHandler,
  ],
  exports: [MARKET_ADAPTER, EmbeddedKpxSimAdapter, BidSubmissionService],
})
export class BidsModule {}
