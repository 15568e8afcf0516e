import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { ExistingPortfolio } from '../../../domain/portfolios/index.js';
import { PortfolioFacts } from '../portfolio-facts.js';
import { GetPortfolioQuery } from './get-portfolio.query.js';

@QueryHandler(GetPortfolioQuery)
export class GetPortfolioQueryHandler implements IQueryHandler<GetPortfolioQuery> {
  constructor(private readonly facts: PortfolioFacts) {}

  execute({ portfolioId }: GetPortfolioQuery): Promise<ExistingPortfolio> {
    return this.facts.existing(portfolioId);
  }
}
