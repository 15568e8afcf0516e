import { Inject, Optional } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  bidDecider,
  bidExists,
  bidMarketOn,
  bidStreamId,
  type BidEvent,
} from '../../../domain/bids/index.js';
import { DomainError } from '../../../domain/shared/domain-error.js';
import { EVENT_STORE, type EventStore } from '../../infrastructure/event-store/event-store.port.js';
import { UpcasterRegistry } from '../../infrastructure/event-store/upcasting/upcaster-registry.js';
import { BidFacts } from '../bid-facts.js';
import { bidView, type BidView } from './bid-view.js';
import { GetBidQuery } from './get-bid.query.js';

const NO_SCHEMAS = new UpcasterRegistry();

/**
 * Reads the bid stream itself (one stream per bid, a few events), so every command that returned
 * before the query is in the answer; `BID.NOT_FOUND` (404) while nothing has been drafted.
 */
@QueryHandler(GetBidQuery)
export class GetBidQueryHandler implements IQueryHandler<GetBidQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly facts: BidFacts,
    @Optional() @Inject(UpcasterRegistry) private readonly schemas?: UpcasterRegistry,
  ) {}

  async execute({ portfolioId, market, tradingDay }: GetBidQuery): Promise<BidView> {
    const streamId = bidStreamId(portfolioId, market, tradingDay);
    const schemas = this.schemas ?? NO_SCHEMAS;
    const recorded = (await this.store.readStream(streamId)).map((event) => schemas.upcast(event));
    const state = recorded.reduce(
      (folded, { type, data }) => bidDecider.evolve(folded, { type, data } as BidEvent),
      bidDecider.initialState(),
    );
    if (!bidExists(state))
      throw new DomainError(
        'BID.NOT_FOUND',
        `no bid of ${portfolioId} in ${market} on ${tradingDay} has been drafted`,
        'tradingDay',
      );
    const { gateAt } = bidMarketOn(state.market, state.tradingDay, this.facts.ruleOverrides);
    return bidView(streamId, state, gateAt, recorded);
  }
}
