import { Query } from '@nestjs/cqrs';
import type { PortfolioTreeNode } from '../../../domain/portfolios/index.js';

export interface PortfolioTreeView extends PortfolioTreeNode {
  readonly day: string;
}

/** The portfolio and everything under it on trading `day` ('YYYY-MM-DD', KST). */
export class GetPortfolioTreeQuery extends Query<PortfolioTreeView> {
  constructor(
    readonly portfolioId: string,
    readonly day: string,
  ) {
    super();
  }
}
