import type {
  BidAward,
  BidProvenance,
  BidStatus,
  ExistingBid,
  ShortfallFigures,
  Submission,
} from '../../../domain/bids/index.js';
import type { IntervalBid } from '../../../domain/market/bid-curve.js';
import type { MarketId } from '../../../domain/market/market-rules.js';
import type { JsonValue } from '../../../domain/shared/json.js';
import type { RecordedEvent } from '../../infrastructure/event-store/event-store.port.js';

/** One event of the bid's stream, as the history shows it. */
export interface BidHistoryEntry {
  /** Decimal string, as revisions are everywhere in the API. */
  readonly revision: string;
  readonly type: string;
  readonly occurredAt: string | null;
  readonly actor: string | null;
  readonly data: JsonValue;
}

/** The GetBid read model: the folded state of the stream, and the stream itself. */
export interface BidView {
  readonly streamId: string;
  readonly portfolioId: string;
  readonly market: MarketId;
  readonly tradingDay: string;
  readonly status: BidStatus;
  /** The day-ahead gate under the configured rules: nothing is sent or changed from then on. */
  readonly gateAt: string;
  readonly intervalMinutes: number;
  /** The draft in force. */
  readonly bidId: string;
  readonly draftedAt: string;
  readonly provenance: BidProvenance;
  readonly shortfall: ShortfallFigures;
  /** Amendments since the draft in force, and how many drafts there have been. */
  readonly amendments: number;
  readonly drafts: number;
  /** The curves as they stand. */
  readonly intervals: readonly IntervalBid[];
  /** Every submission and the exchange's answer to it, oldest first. */
  readonly submissions: readonly Submission[];
  readonly awards: readonly BidAward[] | null;
  readonly clearedAt: string | null;
  readonly revision: string;
  readonly history: readonly BidHistoryEntry[];
}

const textOrNull = (value: JsonValue | undefined): string | null =>
  typeof value === 'string' ? value : null;

export const bidView = (
  streamId: string,
  bid: ExistingBid,
  gateAt: string,
  recorded: readonly RecordedEvent[],
): BidView => ({
  streamId,
  portfolioId: bid.portfolioId,
  market: bid.market,
  tradingDay: bid.tradingDay,
  status: bid.status,
  gateAt,
  intervalMinutes: bid.intervalMinutes,
  bidId: bid.draft.bidId,
  draftedAt: bid.draft.draftedAt,
  provenance: bid.draft.provenance,
  shortfall: bid.draft.shortfall,
  amendments: bid.amendments,
  drafts: bid.drafts.length,
  intervals: bid.intervals,
  submissions: bid.submissions,
  awards: bid.awards ?? null,
  clearedAt: bid.clearedAt ?? null,
  revision: (recorded.at(-1)?.revision ?? 0n).toString(),
  history: recorded.map((event) => ({
    revision: event.revision.toString(),
    type: event.type,
    occurredAt: textOrNull(event.metadata['occurredAt']),
    actor: textOrNull(event.metadata['actor']),
    data: event.data,
  })),
});
