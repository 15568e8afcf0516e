import type { DerState } from '../ders/der.state.js';
import type { PortfolioTreeNode } from '../portfolios/portfolio-tree.js';
import type { IntervalGrid } from '../shared/time/interval-grid.js';
import type { TradingDay } from '../shared/time/trading-day.js';
import type { PortfolioCapability } from './capability.types.js';
import { capabilityOf } from './ders-capability.js';

/**
 * The capability of a portfolio (any tier) on `day`: every DER in its subtree as the tree stands
 * that day (`buildPortfolioTree`), in the tree's order (sorted ids, micro-VPP by micro-VPP), so
 * that the figures do not depend on the order the states are kept in.
 */
export const portfolioCapability = (
  node: PortfolioTreeNode,
  day: TradingDay,
  grid: IntervalGrid,
  derState: (derId: string) => DerState | undefined,
): PortfolioCapability => {
  const states: DerState[] = [];
  const memberDerCount = collectStates(node, derState, states);
  return {
    portfolioId: node.portfolioId,
    tier: node.tier,
    day: day.toString(),
    intervalMinutes: grid.minutes,
    memberDerCount,
    intervals: capabilityOf(states, day, grid),
  };
};

/**
 * Appends the states of the subtree's DERs to `into` in `derIdsUnder` order (a node's own DERs,
 * then its children's), without the intermediate arrays: a wholesale VPP has 100,000 of them.
 * Returns how many DER ids the subtree lists.
 */
const collectStates = (
  node: PortfolioTreeNode,
  derState: (derId: string) => DerState | undefined,
  into: DerState[],
): number => {
  let count = node.derIds.length;
  for (const derId of node.derIds) {
    const state = derState(derId);
    if (state !== undefined) into.push(state);
  }
  for (const child of node.children) count += collectStates(child, derState, into);
  return count;
};
