import type { IntervalBid } from '../market/bid-curve.js';
import type { MarketId, MarketRuleOverrides } from '../market/market-rules.js';
import type { Message } from '../shared/decider.js';
import type { JsonValue } from '../shared/json.js';
import type { Kw } from '../shared/units.js';
import type { BidAward, BidMeasurements, BidProvenance, ShortfallFigures } from './bid.events.js';

/**
 * Commands of the bid aggregate (stream `bid-{portfolioId}-{market}-{tradingDay}`, see
 * `bidStreamId`). Every command names its stream by `portfolioId`, `market` and `tradingDay`
 * ('YYYY-MM-DD', KST). `at` is the caller's clock reading (an ISO 8601 instant with an offset)
 * when it acted or, for the exchange's answers, when the answer came: the domain never reads a
 * clock. Commands are plain JSON: whatever arrives is checked and named by field.
 */
export interface BidKey {
  readonly portfolioId: string;
  readonly market: MarketId;
  readonly tradingDay: string;
}

/**
 * The configured market rules (gate time, curve limits) as overrides of the market's defaults;
 * `{}` for the defaults. Commands bound by the gate carry them, so the decider computes the gate
 * with `MarketCalendar` from the same configuration the caller runs with.
 */
export interface WithMarketRules {
  readonly ruleOverrides: MarketRuleOverrides;
}

/**
 * A solver's bid for the day. Replaces the current draft unless a submission is live or the bid
 * has cleared; a new solve comes under a new `bidId`, and the same `bidId` with the same content
 * is a retry. Curves must be well formed (finite prices, quantities >= 0, on the day's grid,
 * each interval once); the market's curve rules are checked only at submission, so that a trader
 * can see and amend a draft that breaks them.
 */
export type DraftBid = Message<
  'DraftBid',
  BidKey &
    WithMarketRules & {
      readonly bidId: string;
      /** The grid the curves were made on; must be the market's day-ahead grid. */
      readonly intervalMinutes: number;
      readonly intervals: readonly IntervalBid[];
      readonly provenance: BidProvenance;
      readonly scenarioSchedules: JsonValue;
      readonly shortfall: ShortfallFigures;
      readonly measurements: BidMeasurements;
      readonly at: string;
    }
>;

/** A trader replaces the curves; `reason` is required and kept with the change. */
export type AmendBid = Message<
  'AmendBid',
  BidKey &
    WithMarketRules & {
      readonly intervals: readonly IntervalBid[];
      readonly reason: string;
      readonly amendedBy: string;
      readonly at: string;
    }
>;

/**
 * Sends the current curves to the exchange under our `submissionId` (the exchange's idempotency
 * key: a retry with the same id records nothing). The curves are checked against the market's
 * rules and the portfolio's registered capacity, which the caller reads from the portfolio.
 */
export type SubmitBid = Message<
  'SubmitBid',
  BidKey &
    WithMarketRules & {
      readonly submissionId: string;
      readonly submittedBy: string;
      readonly sellCapacityKw: Kw;
      readonly buyCapacityKw: Kw;
      readonly at: string;
    }
>;

/** The exchange accepted submission `submissionId` and filed it as `exchangeBidId`. */
export type AcknowledgeBid = Message<
  'AcknowledgeBid',
  BidKey & { readonly submissionId: string; readonly exchangeBidId: string; readonly at: string }
>;

/** The exchange refused submission `submissionId`, with its own `code` and a `reason`. */
export type RejectBid = Message<
  'RejectBid',
  BidKey & {
    readonly submissionId: string;
    readonly code: string;
    readonly reason: string;
    readonly at: string;
  }
>;

/** A trader takes an acknowledged bid back before the gate; `reason` is required. */
export type WithdrawBid = Message<
  'WithdrawBid',
  BidKey &
    WithMarketRules & { readonly reason: string; readonly withdrawnBy: string; readonly at: string }
>;

/** The market's day-ahead result for an acknowledged bid: what it awarded, per interval. */
export type ClearBid = Message<
  'ClearBid',
  BidKey & { readonly awards: readonly BidAward[]; readonly at: string }
>;

export type BidCommand =
  DraftBid | AmendBid | SubmitBid | AcknowledgeBid | RejectBid | WithdrawBid | ClearBid;
