import type { PortfolioTreeNode } from '../../../domain/portfolios/index.js';
import { DomainError } from '../../../domain/shared/domain-error.js';
import { TradingDay } from '../../../domain/shared/time/trading-day.js';

/** A query's `day` parameter; `PORTFOLIO.INVALID_INPUT` on `day` unless it is YYYY-MM-DD. */
export const tradingDayOf = (day: unknown): TradingDay => {
  try {
    return TradingDay.parse(day as string);
  } catch {
    throw new DomainError('PORTFOLIO.INVALID_INPUT', 'day must be a date YYYY-MM-DD', 'day', {
      value: day,
    });
  }
};

/** The portfolio's node anywhere in the forest, or `undefined`. */
export const findNode = (
  nodes: readonly PortfolioTreeNode[],
  portfolioId: string,
): PortfolioTreeNode | undefined => {
  for (const node of nodes) {
    if (node.portfolioId === portfolioId) return node;
    const found = findNode(node.children, portfolioId);
    if (found !== undefined) return found;
  }
  return undefined;
};

/** `PORTFOLIO.NOT_FOUND` (404) for a portfolio that does not exist, or is not live, that day. */
export const mustFindNode = (
  nodes: readonly PortfolioTreeNode[],
  portfolioId: string,
  day: TradingDay,
): PortfolioTreeNode => {
  const node = findNode(nodes, portfolioId);
  if (node === undefined)
    throw new DomainError(
      'PORTFOLIO.NOT_FOUND',
      `no portfolio ${portfolioId} on ${day.toString()}`,
      'portfolioId',
      { day: day.toString() },
    );
  return node;
};
