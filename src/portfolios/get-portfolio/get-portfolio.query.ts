import { Query } from '@nestjs/cqrs';
import type { ExistingPortfolio } from '../../../domain/portfolios/index.js';

/** A portfolio's state folded from its stream: settings and parent timelines, status. */
export class GetPortfolioQuery extends Query<ExistingPortfolio> {
  constructor(readonly portfolioId: string) {
    super();
  }
}
