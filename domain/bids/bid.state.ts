import type { IntervalBid } from '../market/bid-curve.js';
import type { MarketId } from '../market/market-rules.js';
import type {
  BidAward,
  BidDrafted,
  BidRejected,
  BidSubmitted,
  BidWithdrawn,
} from './bid.events.js';

/**
 * Where a bid stands. `drafted` and `amended` hold curves not yet sent; `submitted` waits for the
 * exchange's answer; `rejected` and `withdrawn` need an amendment or a new draft before the next
 * submission; `cleared` is final.
 */
export const BID_STATUSES = [
  'drafted',
  'amended',
  'submitted',
  'acknowledged',
  'rejected',
  'withdrawn',
  'cleared',
] as const;
export type BidStatus = (typeof BID_STATUSES)[number];

export type Draft = BidDrafted['data'];

/** One submission and the exchange's answer to it, if any yet. */
export interface Submission extends Omit<BidSubmitted['data'], 'intervals'> {
  readonly exchangeBidId?: string;
  readonly acknowledgedAt?: string;
  readonly rejection?: Omit<BidRejected['data'], 'submissionId'>;
  readonly withdrawal?: Omit<BidWithdrawn['data'], 'submissionId'>;
}

export interface ExistingBid {
  readonly status: BidStatus;
  readonly portfolioId: string;
  readonly market: MarketId;
  readonly tradingDay: string;
  readonly intervalMinutes: number;
  /** The draft in force; earlier ones are kept in `drafts` so that retries are recognised. */
  readonly draft: Draft;
  /** Every draft recorded, in order; the last one is `draft`. */
  readonly drafts: readonly Draft[];
  /** The curves as they stand: the draft's, or the last amendment's, or the last sent. */
  readonly intervals: readonly IntervalBid[];
  /** Amendments since the draft in force. */
  readonly amendments: number;
  /** Every submission, in order. */
  readonly submissions: readonly Submission[];
  readonly awards?: readonly BidAward[];
  readonly clearedAt?: string;
}

export type BidState = { readonly status: 'none' } | ExistingBid;

export const initialBidState = (): BidState => ({ status: 'none' });

export const bidExists = (state: BidState): state is ExistingBid => state.status !== 'none';

export const lastSubmission = (state: BidState): Submission | undefined =>
  bidExists(state) ? state.submissions.at(-1) : undefined;
