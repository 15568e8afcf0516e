import { Query } from '@nestjs/cqrs';
import type { PortfolioCapability } from '../../../domain/capability/index.js';

/**
 * What the portfolio and everything under it can offer on trading `day` ('YYYY-MM-DD', KST), per
 * interval of `intervalMinutes` (a divisor of 60; 15 when absent). Both arrive as query text.
 */
export class GetPortfolioCapabilityQuery extends Query<PortfolioCapability> {
  constructor(
    readonly portfolioId: string,
    readonly day: string,
    readonly intervalMinutes?: string | number,
  ) {
    super();
  }
}
