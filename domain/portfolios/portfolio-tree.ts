import type { TradingDay } from '../shared/time/trading-day.js';
import {
  isDecommissionedAt,
  isRegistered,
  membershipOn,
  type DerState,
} from '../ders/der.state.js';
import type { PortfolioSettings } from './portfolio-settings.js';
import {
  isLiveOn,
  parentOn,
  settingsOn,
  type ExistingPortfolio,
  type PortfolioState,
} from './portfolio.state.js';
import { canHold, type PortfolioTier } from './portfolio-tier.js';

export interface PortfolioTreeNode {
  readonly portfolioId: string;
  readonly name: string;
  readonly tier: PortfolioTier;
  readonly settings: PortfolioSettings;
  /** Sorted by id. */
  readonly children: readonly PortfolioTreeNode[];
  /** The DERs of a micro-VPP, sorted; always empty for higher tiers. */
  readonly derIds: readonly string[];
}

export interface PortfolioTree {
  readonly day: string;
  /** Portfolios in no live parent on the day, sorted by id. */
  readonly roots: readonly PortfolioTreeNode[];
  /** DERs in service on the day but in no live micro-VPP, sorted. */
  readonly looseDerIds: readonly string[];
}

/**
 * The portfolio tree as of a trading day, derived from the DER and portfolio states alone (member
 * lists are never stored). A portfolio whose parent is missing or closed that day is a root; a
 * DER decommissioned before the day starts is left out. Links that break the tier order cannot
 * be recorded by the deciders, and would be shown as roots too, so the result is always a forest.
 */
export const buildPortfolioTree = (
  day: TradingDay,
  portfolios: Iterable<PortfolioState>,
  ders: Iterable<DerState>,
): PortfolioTree => {
  const live = new Map<string, ExistingPortfolio>();
  for (const state of portfolios)
    if (state.status !== 'none' && isLiveOn(state, day)) live.set(state.portfolioId, state);

  const childIds = new Map<string, string[]>();
  const rootIds: string[] = [];
  for (const portfolio of live.values()) {
    const link = parentOn(portfolio, day);
    const parent = link === undefined ? undefined : live.get(link.parentId);
    if (link !== undefined && parent !== undefined && canHold(parent.tier, portfolio.tier))
      push(childIds, link.parentId, portfolio.portfolioId);
    else rootIds.push(portfolio.portfolioId);
  }

  const derIds = new Map<string, string[]>();
  const looseDerIds: string[] = [];
  const dayStart = day.startUtc.toISO() ?? '';
  for (const der of ders) {
    if (!isRegistered(der) || isDecommissionedAt(der, dayStart)) continue;
    const microId = membershipOn(der, day);
    if (microId !== undefined && live.get(microId)?.tier === 'micro')
      push(derIds, microId, der.derId);
    else looseDerIds.push(der.derId);
  }

  const node = (portfolioId: string): PortfolioTreeNode => {
    const p = live.get(portfolioId) as ExistingPortfolio;
    return {
      portfolioId,
      name: p.name,
      tier: p.tier,
      settings: settingsOn(p, day) ?? p.createdWith,
      children: sorted(childIds.get(portfolioId) ?? []).map(node),
      derIds: sorted(derIds.get(portfolioId) ?? []),
    };
  };
  return {
    day: day.toString(),
    roots: sorted(rootIds).map(node),
    looseDerIds: sorted(looseDerIds),
  };
};

/** Every DER id in the subtree, e.g. to aggregate a community's or wholesale VPP's capability. */
export const derIdsUnder = (node: PortfolioTreeNode): string[] => [
  ...node.derIds,
  ...node.children.flatMap(derIdsUnder),
];

const push = (map: Map<string, string[]>, key: string, value: string): void => {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
};

const sorted = (ids: readonly string[]): string[] =>
  [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
