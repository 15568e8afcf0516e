import { entityId, failWith } from '../shared/input-parsing.js';

/** `portfolio-` plus the id must fit the store's 200-character stream id. */
export const MAX_PORTFOLIO_ID_LENGTH = 190;

export const toPortfolioStreamId = (portfolioId: string): string =>
  `portfolio-${entityId(portfolioId, 'portfolioId', failWith('PORTFOLIO.INVALID_ID'), MAX_PORTFOLIO_ID_LENGTH)}`;
