import { MarketCalendar } from '../market/market-calendar.js';
import { marketRules, type MarketId, type MarketRules } from '../market/market-rules.js';
import { DomainError, isDomainError } from '../shared/domain-error.js';
import { instantMs } from '../shared/iso-instant.js';
import { instantFromMillis } from '../shared/time/kst.js';
import { TradingDay } from '../shared/time/trading-day.js';
import { bidError, invalidBidInput } from './bid.errors.js';

/** The market as a bid for one trading day sees it: its rules, grid and day-ahead gate. */
export interface BidMarket {
  readonly rules: MarketRules;
  readonly intervalMinutes: number;
  readonly intervalsPerDay: number;
  readonly gateMs: number;
  /** The gate as a canonical UTC instant. */
  readonly gateAt: string;
}

/**
 * The configured rules of `market` and the calendar they give for `tradingDay`. Bad overrides
 * keep the market's own codes (`MARKET.INVALID_RULES`, `MARKET.INVALID_GATE_TIME`) with the field
 * put under `ruleOverrides`.
 */
export const bidMarketOn = (
  market: MarketId,
  tradingDay: string,
  overrides: unknown,
): BidMarket => {
  if (overrides === null || typeof overrides !== 'object' || Array.isArray(overrides))
    invalidBidInput('ruleOverrides', 'ruleOverrides must be an object ({} for the defaults)', {
      value: overrides,
    });
  let rules: MarketRules;
  try {
    rules = marketRules(market, overrides as Readonly<Record<string, never>>);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    throw new DomainError(
      error.code,
      error.message,
      `ruleOverrides.${error.field ?? ''}`,
      error.details,
    );
  }
  const calendar = new MarketCalendar(rules);
  const gateMs = calendar.timelineOf(TradingDay.parse(tradingDay)).dayAheadGateMs;
  return {
    rules,
    intervalMinutes: calendar.dayAheadGrid.minutes,
    intervalsPerDay: calendar.dayAheadGrid.intervalsPerDay,
    gateMs,
    gateAt: instantFromMillis(gateMs).toISO() ?? '',
  };
};

/**
 * Nothing is submitted, amended, withdrawn (or drafted) at or after the day-ahead gate: offers are
 * due *before* it, so the gate instant itself is already closed.
 */
export const mustBeBeforeGate = (at: string, market: BidMarket, action: string): void => {
  if (instantMs(at) >= market.gateMs)
    throw bidError(
      'BID.GATE_CLOSED',
      `the day-ahead gate closed at ${market.gateAt}; a bid cannot be ${action} at ${at}`,
      'at',
      { gateAt: market.gateAt, at },
    );
};
