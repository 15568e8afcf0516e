import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { GetPortfolioQuery } from './get-portfolio.query.js';

@Controller('portfolios')
export class GetPortfolioHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':portfolioId')
  show(@Param('portfolioId') portfolioId: string) {
    return this.queries.execute(new GetPortfolioQuery(portfolioId));
  }
}
