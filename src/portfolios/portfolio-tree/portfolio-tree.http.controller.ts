import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { GetPortfolioTreeQuery } from './get-portfolio-tree.query.js';

@Controller('portfolios')
export class PortfolioTreeHttpController {
  constructor(private readonly queries: QueryBus) {}

  /** `?day=YYYY-MM-DD`: the portfolio, its sub-portfolios and DERs on that trading day. */
  @Get(':portfolioId/tree')
  tree(@Param('portfolioId') portfolioId: string, @Query('day') day: string) {
    return this.queries.execute(new GetPortfolioTreeQuery(portfolioId, day));
  }
}
