import type { TradingDay } from '../shared/time/trading-day.js';
import { valueAt, type Timeline } from '../shared/effective-timeline.js';
import type { PortfolioSettings } from './portfolio-settings.js';
import type { PortfolioTier } from './portfolio-tier.js';

export interface ParentLink {
  readonly parentId: string;
  readonly parentTier: PortfolioTier;
}

export interface ExistingPortfolio {
  readonly status: 'open' | 'closed';
  readonly portfolioId: string;
  readonly name: string;
  readonly tier: PortfolioTier;
  readonly createdAt: string;
  /** The trading day containing `createdAt`: the portfolio exists from then. */
  readonly createdDay: string;
  /** As created: a retried creation is recognised by these. */
  readonly createdWith: PortfolioSettings;
  /** Keyed by trading day. */
  readonly settings: Timeline<PortfolioSettings>;
  /** Keyed by trading day: the parent from that day on, `null` for none. */
  readonly parent: Timeline<ParentLink | null>;
  readonly closedFromDay?: string;
}

export type PortfolioState = { readonly status: 'none' } | ExistingPortfolio;

export const initialPortfolioState = (): PortfolioState => ({ status: 'none' });

export const portfolioExists = (state: PortfolioState): state is ExistingPortfolio =>
  state.status !== 'none';

/** True when the portfolio exists on `day`: created by then and not yet closed. */
export const isLiveOn = (state: PortfolioState, day: TradingDay | string): boolean => {
  const d = String(day);
  return (
    portfolioExists(state) &&
    state.createdDay <= d &&
    (state.closedFromDay === undefined || d < state.closedFromDay)
  );
};

export const settingsOn = (
  state: PortfolioState,
  day: TradingDay | string,
): PortfolioSettings | undefined =>
  portfolioExists(state) ? valueAt(state.settings, String(day)) : undefined;

export const parentOn = (
  state: PortfolioState,
  day: TradingDay | string,
): ParentLink | undefined =>
  portfolioExists(state) ? (valueAt(state.parent, String(day)) ?? undefined) : undefined;
