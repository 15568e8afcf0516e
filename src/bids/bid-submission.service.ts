import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  bidDecider,
  bidExists,
  bidStreamId,
  type BidAward,
  type BidEvent,
  type ExistingBid,
  type Submission,
} from '../../domain/bids/index.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import { ID_GENERATOR, type IdGenerator } from '../../domain/shared/id-generator.port.js';
import type {
  MarketAdapter,
  SubmitBidRequest,
  UnclearedInterval,
  WithdrawBidResult,
} from '../../market-adapters/market-adapter.port.js';
import { AggregateReader } from '../infrastructure/command-handling/aggregate-reader.js';
import type { CommandMeta } from '../infrastructure/command-handling/decider-command.js';
import type { CommandOutcome } from '../infrastructure/command-handling/handle-command.js';
import {
  AcknowledgeBidCommand,
  ClearBidCommand,
  RejectBidCommand,
  SubmitBidCommand,
  WithdrawBidCommand,
  type BidKeyRequest,
} from './bid.commands.js';
import { MARKET_ADAPTER } from './market-adapter/market-adapter.provider.js';

/** The exchange's answer to a submission, as recorded on the bid stream. */
export type SubmissionAnswer =
  | { readonly status: 'acknowledged'; readonly exchangeBidId: string; readonly at: string }
  | {
      readonly status: 'rejected';
      readonly code: string;
      readonly reason: string;
      readonly at: string;
    };

export interface SubmissionOutcome {
  readonly streamId: string;
  readonly submissionId: string;
  readonly answer: SubmissionAnswer;
  /** Every event this call appended (submission and answer); none for a completed retry. */
  readonly outcome: CommandOutcome<BidEvent>;
}

export interface WithdrawalOutcome {
  readonly streamId: string;
  readonly submissionId: string;
  /** The exchange's answer: `rejected` when it refused (e.g. its own gate had closed). */
  readonly exchange: WithdrawBidResult;
  readonly outcome: CommandOutcome<BidEvent>;
}

export type ResultsOutcome =
  | { readonly status: 'not_published_yet'; readonly expectedAt: string }
  | { readonly status: 'not_available'; readonly reason: string }
  | {
      /** Published, but not for this bid's live submission (none at the gate, or another). */
      readonly status: 'no_result_for_this_bid';
      readonly publishedAt: string;
      readonly exchangeSubmissionId: string | null;
      readonly reason: string;
    }
  | {
      readonly status: 'cleared';
      readonly publishedAt: string;
      readonly submissionId: string;
      readonly awards: readonly BidAward[];
      readonly uncleared: readonly UnclearedInterval[];
      readonly outcome: CommandOutcome<BidEvent>;
    };

// RejectBid keeps a reason of at most 1000 characters (the bid decider's limit).
const MAX_REASON_LENGTH = 1000;

/** The exchange's words, made fit for a bid-rejected event: never blank, never too long. */
const recordableReason = (reason: string, code: string): string => {
  const trimmed = reason.trim();
  if (trimmed === '') return `the exchange refused the bid (${code}) without a reason`;
  return trimmed.length <= MAX_REASON_LENGTH
    ? trimmed
    : `${trimmed.slice(0, MAX_REASON_LENGTH - 1)}…`;
};

const answerOf = (submission: Submission): SubmissionAnswer | undefined => {
  if (submission.exchangeBidId !== undefined)
    return {
      status: 'acknowledged',
      exchangeBidId: submission.exchangeBidId,
      at: submission.acknowledgedAt ?? '',
    };
  if (submission.rejection !== undefined)
    return { status: 'rejected', ...submission.rejection, at: submission.rejection.rejectedAt };
  return undefined;
};

/** The outcomes of commands run one after the other on one stream, as one outcome. */
const combined = (
  first: CommandOutcome<BidEvent>,
  ...rest: CommandOutcome<BidEvent>[]
): CommandOutcome<BidEvent> =>
  rest.reduce(
    (all, next) => ({
      events: [...all.events, ...next.events],
      nextExpectedRevision: next.nextExpectedRevision,
      ...((next.position ?? all.position) === undefined
        ? {}
        : { position: next.position ?? all.position }),
    }),
    first,
  );

/**
 * Carries a bid between its stream and the exchange. Every step is recorded before or after the
 * exchange call by the bid decider, and every exchange call is idempotent on our submission id,
 * so a retry after a crash anywhere in between repeats nothing and records each answer once:
 * - submit: SubmitBid (rules, capacity, gate) -> `adapter.submitBid` under the same id ->
 *   AcknowledgeBid or RejectBid with the exchange's id or its code and reason;
 * - withdraw: WithdrawBid (gate) -> `adapter.withdrawBid`;
 * - results: `adapter.fetchResults` -> ClearBid once published.
 * A MarketAdapterError (no answer at all) propagates and leaves only what was recorded before.
 */
@Injectable()
export class BidSubmissionService {
  constructor(
    private readonly commands: CommandBus,
    private readonly reader: AggregateReader,
    @Inject(MARKET_ADAPTER) private readonly adapter: MarketAdapter,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  /**
   * Submits the bid's current curves. Without `submissionId`, a submission still waiting for the
   * exchange's answer is resumed under its id, else a new id is generated.
   */
  async submit(
    key: BidKeyRequest,
    submissionId: string | undefined,
    meta: CommandMeta,
  ): Promise<SubmissionOutcome> {
    const streamId = bidStreamId(key.portfolioId, key.market, key.tradingDay);
    const id = submissionId ?? unanswered(await this.load(streamId)) ?? this.ids.next();
    const commandId = meta.commandId ?? this.ids.next();
    const submitted = await this.commands.execute(
      new SubmitBidCommand(key, id, { ...meta, commandId }),
    );
    const bid = mustBeDrafted(await this.load(streamId), key);
    const submission = bid.submissions.find((s) => s.submissionId === id);
    // SubmitBid appended it or found it as the last submission (a retry); it must be there.
    if (submission === undefined) throw new Error(`submission ${id} is not on ${streamId}`);
    const recorded = answerOf(submission);
    if (recorded !== undefined)
      return { streamId, submissionId: id, answer: recorded, outcome: submitted };

    const answer = await this.adapter.submitBid(requestOf(bid, submission));
    const follow = followUp(meta, commandId, this.ids.next());
    const answered =
      answer.status === 'accepted'
        ? await this.commands.execute(
            new AcknowledgeBidCommand(key, id, answer.exchangeBidId, answer.acceptedAt, follow),
          )
        : await this.commands.execute(
            new RejectBidCommand(
              key,
              id,
              answer.code,
              recordableReason(answer.reason, answer.code),
              answer.rejectedAt,
              follow,
            ),
          );
    const after = mustBeDrafted(await this.load(streamId), key);
    const stored = after.submissions.find((s) => s.submissionId === id);
    const finalAnswer = stored === undefined ? undefined : answerOf(stored);
    if (finalAnswer === undefined) throw new Error(`submission ${id} has no recorded answer`);
    return {
      streamId,
      submissionId: id,
      answer: finalAnswer,
      outcome: combined(submitted, answered),
    };
  }

  /** Withdraws the acknowledged bid (recorded first, gate checked), then tells the exchange. */
  async withdraw(
    key: BidKeyRequest,
    reason: string,
    meta: CommandMeta,
  ): Promise<WithdrawalOutcome> {
    const streamId = bidStreamId(key.portfolioId, key.market, key.tradingDay);
    const outcome = await this.commands.execute(new WithdrawBidCommand(key, reason, meta));
    const bid = mustBeDrafted(await this.load(streamId), key);
    const submission = bid.submissions.at(-1);
    if (submission?.withdrawal === undefined)
      throw new Error(`the last submission on ${streamId} is not withdrawn`);
    // The recorded reason, so that a retry sends the exchange the very same request.
    const exchange = await this.adapter.withdrawBid({
      submissionId: submission.submissionId,
      portfolioId: bid.portfolioId,
      reason: submission.withdrawal.reason,
    });
    return { streamId, submissionId: submission.submissionId, exchange, outcome };
  }

  /** Asks the exchange for the day-ahead result; records the awards once they are published. */
  async fetchAndRecordResults(key: BidKeyRequest, meta: CommandMeta): Promise<ResultsOutcome> {
    const streamId = bidStreamId(key.portfolioId, key.market, key.tradingDay);
    const bid = mustBeDrafted(await this.load(streamId), key);
    const results = await this.adapter.fetchResults(bid.portfolioId, bid.market, bid.tradingDay);
    if (results.status !== 'published') return results;
    const live = bid.submissions.at(-1);
    if (results.bid === null || results.bid.submissionId !== live?.submissionId)
      return {
        status: 'no_result_for_this_bid',
        publishedAt: results.publishedAt,
        exchangeSubmissionId: results.bid?.submissionId ?? null,
        reason:
          results.bid === null
            ? 'the exchange cleared no bid of this portfolio for the day (none was live at the gate)'
            : `the exchange cleared submission ${results.bid.submissionId}, not this bid's ` +
              `last submission ${live?.submissionId ?? '(none)'}`,
      };
    const awards: BidAward[] = results.awards.map((award) => ({
      interval: award.interval,
      clearingPriceKrwPerKwh: award.clearingPriceKrwPerKwh,
      awardedSellKw: award.awardedSellKw,
      awardedBuyKw: award.awardedBuyKw,
    }));
    const outcome = await this.commands.execute(
      new ClearBidCommand(key, awards, results.publishedAt, meta),
    );
    return {
      status: 'cleared',
      publishedAt: results.publishedAt,
      submissionId: live.submissionId,
      awards,
      uncleared: results.uncleared,
      outcome,
    };
  }

  private load(streamId: string) {
    return this.reader.load(streamId, bidDecider);
  }
}

/** The last submission's id while it still waits for the exchange's answer. */
const unanswered = (state: Awaited<ReturnType<BidSubmissionService['load']>>) => {
  if (!bidExists(state) || state.status !== 'submitted') return undefined;
  return state.submissions.at(-1)?.submissionId;
};

const mustBeDrafted = (
  state: Awaited<ReturnType<BidSubmissionService['load']>>,
  key: BidKeyRequest,
): ExistingBid => {
  if (!bidExists(state))
    throw new DomainError(
      'BID.NOT_FOUND',
      `no bid of ${key.portfolioId} in ${key.market} on ${key.tradingDay} has been drafted`,
      'tradingDay',
    );
  return state;
};

/**
 * What goes to the exchange: the curves and capacities as recorded in BidSubmitted, never read
 * again from elsewhere, so that a retry is the same request and the exchange answers it the same.
 * While a submission waits for its answer the bid's curves are the ones it sent (the decider
 * refuses amendments and drafts until then).
 */
const requestOf = (bid: ExistingBid, submission: Submission): SubmitBidRequest => ({
  submissionId: submission.submissionId,
  portfolioId: bid.portfolioId,
  market: bid.market,
  product: 'day_ahead',
  tradingDay: bid.tradingDay,
  intervals: bid.intervals,
  sellCapacityKw: submission.limits.sellCapacityKw,
  buyCapacityKw: submission.limits.buyCapacityKw,
});

/** The answer is caused by the submission and belongs to the same piece of work. */
const followUp = (meta: CommandMeta, causationId: string, commandId: string): CommandMeta => ({
  actor: meta.actor,
  commandId,
  correlationId: meta.correlationId ?? causationId,
  causationId,
});
