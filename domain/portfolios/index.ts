export type * from './portfolio.commands.js';
export type * from './portfolio.events.js';
export { PORTFOLIO_EVENT_TYPES } from './portfolio.events.js';
export type { PortfolioErrorCode } from './portfolio.errors.js';
export { portfolioDecider, toPortfolioStreamId } from './portfolio.decider.js';
export {
  KPX_MARKETS,
  internalPriceKrwPerKwh,
  retailPricesAt,
  type CommunitySettings,
  type InternalPriceRule,
  type KpxMarket,
  type MicroSettings,
  type PortfolioSettings,
  type RetailPrices,
  type RetailTariff,
  type TariffBand,
  type WholesaleSettings,
} from './portfolio-settings.js';
export { validatePortfolioSettings } from './portfolio-settings.validation.js';
export {
  initialPortfolioState,
  isLiveOn,
  parentOn,
  portfolioExists,
  settingsOn,
  type ExistingPortfolio,
  type ParentLink,
  type PortfolioState,
} from './portfolio.state.js';
export {
  PORTFOLIO_TIERS,
  canHold,
  type PortfolioStatus,
  type PortfolioTier,
} from './portfolio-tier.js';
export {
  buildPortfolioTree,
  derIdsUnder,
  type PortfolioTree,
  type PortfolioTreeNode,
} from './portfolio-tree.js';
