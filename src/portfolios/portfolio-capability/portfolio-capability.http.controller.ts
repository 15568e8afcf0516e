import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { GetPortfolioCapabilityQuery } from './get-portfolio-capability.query.js';

@Controller('portfolios')
export class PortfolioCapabilityHttpController {
  constructor(private readonly queries: QueryBus) {}

  /**
   * `?day=YYYY-MM-DD&intervalMinutes=15`: per interval of the trading day, power up and down
   * and energy by DER kind over the portfolio's subtree (conventions: domain/capability).
   */
  @Get(':portfolioId/capability')
  capability(
    @Param('portfolioId') portfolioId: string,
    @Query('day') day: string,
    @Query('intervalMinutes') intervalMinutes: string | undefined,
  ) {
    return this.queries.execute(new GetPortfolioCapabilityQuery(portfolioId, day, intervalMinutes));
  }
}
