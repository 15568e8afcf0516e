import type { Message } from '../shared/decider.js';
import type { PortfolioSettings } from './portfolio-settings.js';
import type { PortfolioTier } from './portfolio-tier.js';

/**
 * Events of the portfolio aggregate: the storage contract. Instants are canonical UTC ISO strings,
 * days 'YYYY-MM-DD' (KST). Member lists are not here: they are read models over DER memberships
 * and child portfolios' parent links.
 */
export type PortfolioCreated = Message<
  'PortfolioCreated',
  {
    readonly portfolioId: string;
    readonly name: string;
    /** In force from the trading day containing `createdAt`. */
    readonly settings: PortfolioSettings;
    readonly createdAt: string;
  }
>;

export type PortfolioSettingsChanged = Message<
  'PortfolioSettingsChanged',
  {
    readonly portfolioId: string;
    readonly settings: PortfolioSettings;
    readonly fromDay: string;
    readonly changedAt: string;
  }
>;

/** In `parentId` from `fromDay` on, replacing any parent planned from then. */
export type PortfolioAttachedToParent = Message<
  'PortfolioAttachedToParent',
  {
    readonly portfolioId: string;
    readonly parentId: string;
    readonly parentTier: PortfolioTier;
    readonly fromDay: string;
    readonly attachedAt: string;
  }
>;

/** In no parent from `fromDay` on, replacing any parent planned from then. */
export type PortfolioDetachedFromParent = Message<
  'PortfolioDetachedFromParent',
  { readonly portfolioId: string; readonly fromDay: string; readonly detachedAt: string }
>;

export type PortfolioClosed = Message<
  'PortfolioClosed',
  { readonly portfolioId: string; readonly fromDay: string; readonly closedAt: string }
>;

export type PortfolioEvent =
  | PortfolioCreated
  | PortfolioSettingsChanged
  | PortfolioAttachedToParent
  | PortfolioDetachedFromParent
  | PortfolioClosed;

export const PORTFOLIO_EVENT_TYPES: readonly PortfolioEvent['type'][] = [
  'PortfolioCreated',
  'PortfolioSettingsChanged',
  'PortfolioAttachedToParent',
  'PortfolioDetachedFromParent',
  'PortfolioClosed',
];
