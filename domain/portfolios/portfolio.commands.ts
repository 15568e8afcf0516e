import type { Message } from '../shared/decider.js';
import type { PortfolioSettings } from './portfolio-settings.js';
import type { PortfolioStatus, PortfolioTier } from './portfolio-tier.js';

/**
 * Commands of the portfolio aggregate (stream `portfolio-{portfolioId}`). Instants are ISO 8601
 * strings with an offset, trading days 'YYYY-MM-DD' (KST). Changes that shape a day's bid take
 * effect from `fromDay`, which must be on or after `firstOpenDay`, the first trading day not yet
 * bid (read by the caller off the market calendar).
 */
export type CreatePortfolio = Message<
  'CreatePortfolio',
  {
    readonly portfolioId: string;
    readonly name: string;
    /** Its `tier` is the portfolio's tier, fixed for life. */
    readonly settings: PortfolioSettings;
    readonly now: string;
  }
>;

export type ChangePortfolioSettings = Message<
  'ChangePortfolioSettings',
  {
    readonly portfolioId: string;
    readonly settings: PortfolioSettings;
    readonly fromDay: string;
    readonly firstOpenDay: string;
    readonly now: string;
  }
>;

/**
 * Recorded on the child's stream, so that its expected revision keeps it in one parent per day.
 * The parent's tier and status are read by the caller from the parent's stream.
 */
export type AttachPortfolioToParent = Message<
  'AttachPortfolioToParent',
  {
    readonly portfolioId: string;
    readonly parentId: string;
    readonly parentTier: PortfolioTier;
    readonly parentStatus: PortfolioStatus;
    readonly fromDay: string;
    readonly firstOpenDay: string;
    readonly now: string;
  }
>;

export type DetachPortfolioFromParent = Message<
  'DetachPortfolioFromParent',
  {
    readonly portfolioId: string;
    readonly fromDay: string;
    readonly firstOpenDay: string;
    readonly now: string;
  }
>;

/** No longer trades from `fromDay`; members left in it drop out of the tree from then. */
export type ClosePortfolio = Message<
  'ClosePortfolio',
  {
    readonly portfolioId: string;
    readonly fromDay: string;
    readonly firstOpenDay: string;
    readonly now: string;
  }
>;

export type PortfolioCommand =
  | CreatePortfolio
  | ChangePortfolioSettings
  | AttachPortfolioToParent
  | DetachPortfolioFromParent
  | ClosePortfolio;
