import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '../../infrastructure/event-store/event-store.port.js';
import { ProjectionRunner } from '../../infrastructure/projections/projection-runner.js';
import { waitUntilCaughtUp } from '../../infrastructure/projections/wait-until-caught-up.js';
import { streamIdNaming } from '../portfolio-facts.js';
import { GetPortfolioTreeQuery, type PortfolioTreeView } from './get-portfolio-tree.query.js';
import { mustFindNode, tradingDayOf } from './portfolio-tree.lookup.js';
import {
  PORTFOLIO_TREE,
  PORTFOLIO_TREE_FILTER,
  PortfolioTreeProjection,
} from './portfolio-tree.projection.js';

@QueryHandler(GetPortfolioTreeQuery)
export class GetPortfolioTreeQueryHandler implements IQueryHandler<GetPortfolioTreeQuery> {
  constructor(
    private readonly projection: PortfolioTreeProjection,
    private readonly runner: ProjectionRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ portfolioId, day }: GetPortfolioTreeQuery): Promise<PortfolioTreeView> {
    streamIdNaming(portfolioId, 'portfolioId'); // a malformed id is a 400, not a 404
    const tradingDay = tradingDayOf(day);
    // Every write that returned before this query is in the answer.
    await waitUntilCaughtUp(this.store, this.runner, PORTFOLIO_TREE, PORTFOLIO_TREE_FILTER);
    const node = mustFindNode(this.projection.treeOn(tradingDay).roots, portfolioId, tradingDay);
    return { day: tradingDay.toString(), ...node };
  }
}
