/** The three VPP tiers (DESIGN.md §4), lowest first. */
export const PORTFOLIO_TIERS = ['micro', 'community', 'wholesale'] as const;
export type PortfolioTier = (typeof PORTFOLIO_TIERS)[number];

export type PortfolioStatus = 'open' | 'closed';

const RANK: Readonly<Record<PortfolioTier, number>> = { micro: 0, community: 1, wholesale: 2 };

/**
 * A tier holds only strictly lower tiers: wholesale holds community and micro, community holds
 * micro, micro holds only DERs. Since every parent link climbs in rank, no chain of links can
 * return to where it started, so cycles are impossible without looking at the whole tree.
 */
export const canHold = (parent: PortfolioTier, child: PortfolioTier): boolean =>
  RANK[parent] > RANK[child];
