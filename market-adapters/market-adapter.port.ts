import type { IntervalBid } from '../domain/market/bid-curve.js';
import type { MarketId, MarketRules } from '../domain/market/market-rules.js';
import type { KrwPerKwh, Kw, Kwh } from '../domain/shared/units.js';

/**
 * The port through which Gridfolio talks to a power exchange (DESIGN.md §2): the real KPX
 * (`market-adapters/kpx/`) or the simulated one (`market-adapters/kpx-sim/`). Everything here is
 * plain JSON so that an adapter may carry it over HTTP unchanged. Conventions:
 * - instants are canonical UTC ISO strings (`2024-06-02T06:00:00.000Z`), trading days
 *   'YYYY-MM-DD' (KST), intervals 0-based indices on the grid named next to them;
 * - units are in the field names (kW, kWh, KRW/kWh);
 * - an exchange's *answer* (accepted, rejected, not published yet) is a value; a failure to get
 *   an answer at all (network, timeout, garbled reply) is a thrown `MarketAdapterError`.
 */
export type IsoInstant = string;
/** 'YYYY-MM-DD', a KST calendar day. */
export type TradingDayText = string;

/** The market's rules as the exchange applies them, and the exchange's own clock. */
export interface MarketCalendarInfo {
  readonly market: MarketId;
  /** Gate, results time, grids and curve limits; `new MarketCalendar(rules)` gives the instants. */
  readonly rules: MarketRules;
  /** The exchange's current time: a simulated exchange runs on its own (simulated) clock. */
  readonly exchangeNow: IsoInstant | null;
}

/** What the exchange trades: day-ahead energy bids only, for now (see the kpx-sim README). */
export const MARKET_PRODUCTS = ['day_ahead'] as const;
export type MarketProduct = (typeof MARKET_PRODUCTS)[number];

export interface SubmitBidRequest {
  /** Our id for this submission: the exchange's idempotency key. */
  readonly submissionId: string;
  readonly portfolioId: string;
  readonly market: MarketId;
  /** Default 'day_ahead'. */
  readonly product?: MarketProduct;
  readonly tradingDay: TradingDayText;
  /** Curves per interval of the market's day-ahead grid. */
  readonly intervals: readonly IntervalBid[];
  /** The portfolio's registered capacity in each direction; no step may exceed it. */
  readonly sellCapacityKw: Kw;
  readonly buyCapacityKw: Kw;
}

/** One broken rule of a rejected submission, with the JSON path of the value at fault. */
export interface RejectionViolation {
  readonly code: string;
  readonly field: string;
  readonly message: string;
}

export interface BidAccepted {
  readonly status: 'accepted';
  readonly submissionId: string;
  readonly exchangeBidId: string;
  readonly acceptedAt: IsoInstant;
}

export interface BidRefused {
  readonly status: 'rejected';
  readonly submissionId: string;
  /** Stable code, e.g. `BID.GATE_CLOSED`, `BID.NOT_MONOTONE`; what a bid-rejected event records. */
  readonly code: string;
  /** For people: what was wrong and where. */
  readonly reason: string;
  /** Every rule broken (empty when the reason is not about the curves, e.g. the gate). */
  readonly violations: readonly RejectionViolation[];
  readonly rejectedAt: IsoInstant;
}

/**
 * The exchange's answer to a submission. A retry with the same `submissionId` and the same
 * content gets the same answer and creates nothing at the exchange.
 */
export type SubmitBidResult = BidAccepted | BidRefused;

export interface WithdrawBidRequest {
  readonly submissionId: string;
  readonly portfolioId: string;
  readonly reason: string;
}

export type WithdrawBidResult =
  | {
      readonly status: 'withdrawn';
      readonly submissionId: string;
      readonly exchangeBidId: string;
      readonly withdrawnAt: IsoInstant;
    }
  | {
      readonly status: 'rejected';
      readonly submissionId: string;
      readonly code: string;
      readonly reason: string;
    };

/** What the market awarded in one interval at its uniform clearing price. */
export interface IntervalAward {
  readonly interval: number;
  readonly clearingPriceKrwPerKwh: KrwPerKwh;
  readonly awardedSellKw: Kw;
  readonly awardedBuyKw: Kw;
}

/** An interval the market did not clear, and why (e.g. no price for that hour). */
export interface UnclearedInterval {
  readonly interval: number;
  readonly code: string;
  readonly reason: string;
}

export interface NotPublishedYet {
  readonly status: 'not_published_yet';
  /** When the exchange will publish it. */
  readonly expectedAt: IsoInstant;
}

/** The exchange has nothing to publish here and never will (no such market, day not run). */
export interface NotAvailable {
  readonly status: 'not_available';
  readonly reason: string;
}

export interface DayAheadResults {
  readonly status: 'published';
  readonly portfolioId: string;
  readonly market: MarketId;
  readonly tradingDay: TradingDayText;
  readonly intervalMinutes: number;
  readonly publishedAt: IsoInstant;
  /** The portfolio's bid that was cleared; null when it had none live at the gate. */
  readonly bid: { readonly submissionId: string; readonly exchangeBidId: string } | null;
  /** Sorted by interval: one per bid interval that cleared. */
  readonly awards: readonly IntervalAward[];
  /** Intervals of the day the market could not clear (for every participant). */
  readonly uncleared: readonly UnclearedInterval[];
}

export type FetchResultsResult = DayAheadResults | NotPublishedYet | NotAvailable;

export type PriceKind = 'day_ahead' | 'real_time';

export interface PublishedPrice {
  readonly interval: number;
  readonly startsAt: IsoInstant;
  readonly endsAt: IsoInstant;
  /** Null when the interval did not clear (see `reason`). */
  readonly priceKrwPerKwh: KrwPerKwh | null;
  readonly reason?: string;
}

export interface PublishedPrices {
  readonly status: 'published';
  readonly market: MarketId;
  readonly tradingDay: TradingDayText;
  readonly kind: PriceKind;
  readonly intervalMinutes: number;
  /**
   * Day-ahead prices are final once published. Real-time prices are provisional (the latest run
   * covering each interval) until the final publication (D+1 18:00 in the Jeju pilot).
   */
  readonly final: boolean;
  readonly publishedAt: IsoInstant;
  /** Sorted by interval; provisional real-time prices list only the intervals run so far. */
  readonly prices: readonly PublishedPrice[];
}

export type FetchPricesResult = PublishedPrices | NotPublishedYet | NotAvailable;

export const FORECAST_SUBMISSION_SLOTS = ['first', 'second'] as const;
export type ForecastSubmissionSlot = (typeof FORECAST_SUBMISSION_SLOTS)[number];

/** A submission to the renewable forecast scheme (kpx-market-rules.md §4.3). */
export interface SubmitRenewableForecastRequest {
  /** Idempotency key, as for bids. */
  readonly submissionId: string;
  readonly portfolioId: string;
  readonly market: MarketId;
  readonly tradingDay: TradingDayText;
  /** The D-1 submission this is (10:00 or 17:00 KST by default). */
  readonly slot: ForecastSubmissionSlot;
  /** 24 values, hour-ending 1..24 at index 0..23: forecast generation per hour. */
  readonly hourlyEnergyKwh: readonly Kwh[];
}

export type SubmitRenewableForecastResult =
  | {
      readonly status: 'accepted';
      readonly submissionId: string;
      readonly receiptId: string;
      readonly acceptedAt: IsoInstant;
    }
  | {
      readonly status: 'rejected';
      readonly submissionId: string;
      readonly code: string;
      readonly reason: string;
      readonly rejectedAt: IsoInstant;
    };

interface InstructionBase {
  /** Stable: the same instruction is never issued under two ids. */
  readonly instructionId: string;
  readonly portfolioId: string;
  readonly market: MarketId;
  readonly exchangeBidId: string;
  readonly tradingDay: TradingDayText;
  /** The grid `interval` is on: the day-ahead grid for schedules, the real-time one for curtailment. */
  readonly intervalMinutes: number;
  readonly interval: number;
  readonly startsAt: IsoInstant;
  readonly endsAt: IsoInstant;
  readonly issuedAt: IsoInstant;
}

/** Deliver the awarded schedule: average power sold to and bought from the market. */
export interface ScheduleInstruction extends InstructionBase {
  readonly kind: 'schedule';
  readonly sellKw: Kw;
  readonly buyKw: Kw;
}

/** Sell no more than `maxSellKw` in this interval (renewable offers at a negative real-time price). */
export interface CurtailmentInstruction extends InstructionBase {
  readonly kind: 'curtailment';
  readonly maxSellKw: Kw;
  readonly realTimePriceKrwPerKwh: KrwPerKwh;
  readonly reason: string;
}

export type DispatchInstruction = ScheduleInstruction | CurtailmentInstruction;

/** The exchange could not be asked, or its reply made no sense: not an answer, try again later. */
export type MarketAdapterErrorKind = 'unavailable' | 'timeout' | 'protocol';

export class MarketAdapterError extends Error {
  override readonly name = 'MarketAdapterError';

  constructor(
    readonly kind: MarketAdapterErrorKind,
    message: string,
    /** The exchange's own error code when it sent one. */
    readonly code?: string,
    options?: { readonly cause?: unknown },
  ) {
    super(message, options);
  }
}

export const isMarketAdapterError = (error: unknown): error is MarketAdapterError =>
  error instanceof MarketAdapterError;

export interface MarketAdapter {
  calendar(market: MarketId): Promise<MarketCalendarInfo>;
  submitBid(request: SubmitBidRequest): Promise<SubmitBidResult>;
  withdrawBid(request: WithdrawBidRequest): Promise<WithdrawBidResult>;
  fetchResults(
    portfolioId: string,
    market: MarketId,
    tradingDay: TradingDayText,
  ): Promise<FetchResultsResult>;
  fetchPrices(
    market: MarketId,
    tradingDay: TradingDayText,
    kind: PriceKind,
  ): Promise<FetchPricesResult>;
  submitRenewableForecast(
    request: SubmitRenewableForecastRequest,
  ): Promise<SubmitRenewableForecastResult>;
  /** Instructions issued at or after `since`, in issue order; callers de-duplicate by id. */
  dispatchInstructions(
    portfolioId: string,
    market: MarketId,
    since: IsoInstant,
  ): Promise<readonly DispatchInstruction[]>;
}
