import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { PortfolioCapability } from '../../../domain/capability/index.js';
import { DomainError } from '../../../domain/shared/domain-error.js';
import { IntervalGrid, isIntervalMinutes } from '../../../domain/shared/time/interval-grid.js';
import { EVENT_STORE, type EventStore } from '../../infrastructure/event-store/event-store.port.js';
import { ProjectionRunner } from '../../infrastructure/projections/projection-runner.js';
import { waitUntilCaughtUp } from '../../infrastructure/projections/wait-until-caught-up.js';
import { streamIdNaming } from '../portfolio-facts.js';
import { tradingDayOf } from '../portfolio-tree/portfolio-tree.lookup.js';
import {
  PORTFOLIO_TREE,
  PORTFOLIO_TREE_FILTER,
  PortfolioTreeProjection,
} from '../portfolio-tree/portfolio-tree.projection.js';
import { GetPortfolioCapabilityQuery } from './get-portfolio-capability.query.js';
import { capabilityFrom } from './portfolio-capability.read-model.js';

export const DEFAULT_INTERVAL_MINUTES = 15;

@QueryHandler(GetPortfolioCapabilityQuery)
export class GetPortfolioCapabilityQueryHandler implements IQueryHandler<GetPortfolioCapabilityQuery> {
  constructor(
    private readonly projection: PortfolioTreeProjection,
    private readonly runner: ProjectionRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({
    portfolioId,
    day,
    intervalMinutes,
  }: GetPortfolioCapabilityQuery): Promise<PortfolioCapability> {
    streamIdNaming(portfolioId, 'portfolioId'); // a malformed id is a 400, not a 404
    const tradingDay = tradingDayOf(day);
    const grid = gridOf(intervalMinutes);
    // Every write that returned before this query is in the answer.
    await waitUntilCaughtUp(this.store, this.runner, PORTFOLIO_TREE, PORTFOLIO_TREE_FILTER);
    return capabilityFrom(this.projection, portfolioId, tradingDay, grid);
  }
}

const gridOf = (raw: string | number | undefined): IntervalGrid => {
  const minutes = raw === undefined || raw === '' ? DEFAULT_INTERVAL_MINUTES : Number(raw);
  if (!isIntervalMinutes(minutes))
    throw new DomainError(
      'PORTFOLIO.INVALID_INPUT',
      'intervalMinutes must divide 60 (1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30 or 60)',
      'intervalMinutes',
      { value: raw },
    );
  return IntervalGrid.of(minutes);
};
