import type { BidEvent } from '../../domain/bids/index.js';
import type { IntervalBid } from '../../domain/market/bid-curve.js';
import type { MarketId } from '../../domain/market/market-rules.js';
import {
  DeciderCommand,
  type CommandMeta,
} from '../infrastructure/command-handling/decider-command.js';

/**
 * Bus commands of the bid stream `bid-{portfolioId}-{market}-{tradingDay}`. Fields arrive as the
 * caller sent them (HTTP body, CLI file, the exchange's answer); the bid decider checks each one
 * and names the field at fault. Handlers add the clock reading, the acting user and the market
 * rules in force.
 */
export interface BidKeyRequest {
  readonly portfolioId: string;
  readonly market: MarketId;
  /** 'YYYY-MM-DD' (KST). */
  readonly tradingDay: string;
}

/** The solver's (or a tool's) draft: everything of the domain's DraftBid but the key and `at`. */
export interface DraftBidPayload {
  readonly bidId: string;
  readonly intervalMinutes: unknown;
  readonly intervals: unknown;
  readonly provenance: unknown;
  readonly scenarioSchedules: unknown;
  readonly shortfall: unknown;
  readonly measurements: unknown;
}

export class DraftBidCommand extends DeciderCommand<BidEvent> {
  constructor(
    readonly key: BidKeyRequest,
    readonly draft: DraftBidPayload,
    meta: CommandMeta,
  ) {
    super(meta);
  }
}

export class AmendBidCommand extends DeciderCommand<BidEvent> {
  constructor(
    readonly key: BidKeyRequest,
    readonly intervals: readonly IntervalBid[],
    readonly reason: string,
    meta: CommandMeta,
  ) {
    super(meta);
  }
}

/** Records the submission; the BidSubmissionService then sends it to the exchange. */
export class SubmitBidCommand extends DeciderCommand<BidEvent> {
  constructor(
    readonly key: BidKeyRequest,
    readonly submissionId: string,
    meta: CommandMeta,
  ) {
    super(meta);
  }
}

/** The exchange accepted `submissionId` as `exchangeBidId` at `at` (the exchange's instant). */
export class AcknowledgeBidCommand extends DeciderCommand<BidEvent> {
  constructor(
    readonly key: BidKeyRequest,
    readonly submissionId: string,
    readonly exchangeBidId: string,
    readonly at: string,
    meta: CommandMeta,
  ) {
    super(meta);
  }
}

/** The exchange refused `submissionId` with its own `code` and `reason`, at `at`. */
export class RejectBidCommand extends DeciderCommand<BidEvent> {
  constructor(
    readonly key: BidKeyRequest,
    readonly submissionId: string,
    readonly code: string,
    readonly reason: string,
    readonly at: string,
    meta: CommandMeta,
  ) {
    super(meta);
  }
}

export class WithdrawBidCommand extends DeciderCommand<BidEvent> {
  constructor(
    readonly key: BidKeyRequest,
    readonly reason: string,
    meta: CommandMeta,
  ) {
    super(meta);
  }
}

/** The exchange's day-ahead awards for the bid, published at `at`. */
export class ClearBidCommand extends DeciderCommand<BidEvent> {
  constructor(
    readonly key: BidKeyRequest,
    readonly awards: readonly unknown[],
    readonly at: string,
    meta: CommandMeta,
  ) {
    super(meta);
  }
}
