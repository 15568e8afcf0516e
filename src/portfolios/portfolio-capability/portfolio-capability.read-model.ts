import { portfolioCapability, type PortfolioCapability } from '../../../domain/capability/index.js';
import type { IntervalGrid } from '../../../domain/shared/time/interval-grid.js';
import type { TradingDay } from '../../../domain/shared/time/trading-day.js';
import type { PortfolioTreeProjection } from '../portfolio-tree/portfolio-tree.projection.js';
import { mustFindNode } from '../portfolio-tree/portfolio-tree.lookup.js';

/**
 * The capability read model: the DER and portfolio states the tree projection already keeps,
 * aggregated on demand. Day and interval length are the caller's, so nothing is precomputed; a
 * rebuild of the tree projection is a rebuild of this read model.
 */
export const capabilityFrom = (
  projection: PortfolioTreeProjection,
  portfolioId: string,
  day: TradingDay,
  grid: IntervalGrid,
): PortfolioCapability => {
  const node = mustFindNode(projection.treeOn(day).roots, portfolioId, day);
  return portfolioCapability(node, day, grid, (derId) => projection.derState(derId));
};
