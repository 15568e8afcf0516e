import { MARKETS, type MarketId } from '../market/market-rules.js';
import { entityId, oneOf, text } from '../shared/input-parsing.js';
import { isoDay } from '../shared/iso-instant.js';
import { failBid, invalidBidInput } from './bid.errors.js';

/** `bid-` + id + `-mainland-YYYY-MM-DD` (24 characters at most) must fit a 200-character stream id. */
export const MAX_BID_PORTFOLIO_ID_LENGTH = 176;
/** Ids we make (drafts, submissions); the exchange's ids are taken as they come (`externalId`). */
const MAX_ID_LENGTH = 190;

export const bidPortfolioIdOf = (value: unknown): string =>
  entityId(value, 'portfolioId', failBid('BID.INVALID_ID'), MAX_BID_PORTFOLIO_ID_LENGTH);

export const bidMarketOf = (value: unknown): MarketId =>
  oneOf(value, MARKETS, 'market', failBid('BID.UNKNOWN_MARKET'));

export const bidDayOf = (value: unknown): string =>
  isoDay(value, 'tradingDay', invalidBidInput).day;

/** One of our own ids (a draft's `bidId`, a `submissionId`), reported against `field`. */
export const bidEntityIdOf = (value: unknown, field: string): string =>
  entityId(value, field, failBid('BID.INVALID_ID'), MAX_ID_LENGTH);

/** An id the exchange gave: any non-empty text, since its format is the exchange's business. */
export const externalIdOf = (value: unknown, field: string): string =>
  text(value, field, invalidBidInput);

/**
 * Stream `bid-{portfolioId}-{market}-{tradingDay}` (DESIGN.md §3): one portfolio's day-ahead bid
 * in one market for one trading day, from its first draft to the market's awards.
 */
export const bidStreamId = (portfolioId: string, market: string, tradingDay: string): string =>
  `bid-${bidPortfolioIdOf(portfolioId)}-${bidMarketOf(market)}-${bidDayOf(tradingDay)}`;
