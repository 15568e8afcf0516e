import type { IntervalBid } from '../../domain/market/bid-curve.js';
import type { MarketId, MarketRules } from '../../domain/market/market-rules.js';
import type { TradingDay } from '../../domain/shared/time/trading-day.js';
import type { IntervalAward } from '../market-adapter.port.js';

/**
 * How the simulated exchange forms prices and awards. `historical` replays the published SMP and
 * treats every bidder as a price-taker; `merit-order` (merit-order-price-formation.ts) clears the
 * submitted curves against the modelled 2024 mainland supply stack with `clearPayAsClear`. The exchange persists whatever a formation returns, so a formation need not be
 * deterministic across versions, only within one run; both shipped ones are pure functions.
 */
export interface PriceFormation {
  readonly name: string;
  clearDayAhead(book: DayAheadBook): DayAheadClearing;
  /** Prices of one real-time run for each interval it covers. */
  runRealTime(run: RealTimeRunInput): readonly RealTimePrice[];
  /** The final real-time prices of one trading day, one per real-time interval. */
  finalRealTimePrices(input: RealTimeDayInput): readonly IntervalPrice[];
}

/** The bids live at the gate of one market and day, in submission order. */
export interface DayAheadBook {
  readonly market: MarketId;
  readonly rules: MarketRules;
  readonly tradingDay: TradingDay;
  readonly intervalMinutes: number;
  readonly intervalsPerDay: number;
  readonly bids: readonly BookBid[];
}

export interface BookBid {
  readonly exchangeBidId: string;
  readonly portfolioId: string;
  readonly intervals: readonly IntervalBid[];
}

/** A price per interval; null when the interval does not clear, with the reason. */
export interface IntervalPrice {
  readonly interval: number;
  readonly priceKrwPerKwh: number | null;
  readonly code?: string;
  readonly reason?: string;
}

export interface DayAheadClearing {
  /** Every interval of the day, in order. */
  readonly prices: readonly IntervalPrice[];
  /** Per `exchangeBidId`: one award per bid interval that cleared, sorted by interval. */
  readonly awards: ReadonlyMap<string, readonly IntervalAward[]>;
}

export interface RealTimeRunInput {
  readonly market: MarketId;
  readonly rules: MarketRules;
  readonly runAtMs: number;
  /** The intervals the run covers: start instants on the real-time grid, in order. */
  readonly intervalStartsMs: readonly number[];
}

export interface RealTimePrice {
  readonly startMs: number;
  readonly priceKrwPerKwh: number | null;
  readonly reason?: string;
}

export interface RealTimeDayInput {
  readonly market: MarketId;
  readonly rules: MarketRules;
  readonly tradingDay: TradingDay;
  readonly intervalMinutes: number;
}
