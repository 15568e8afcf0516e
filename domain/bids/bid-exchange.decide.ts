import { buyQuantityAt, sellQuantityAt } from '../market/bid-curve.js';
import { sameJson, text } from '../shared/input-parsing.js';
import { isoInstant } from '../shared/iso-instant.js';
import { IntervalGrid } from '../shared/time/interval-grid.js';
import type { AcknowledgeBid, ClearBid, RejectBid } from './bid.commands.js';
import { bidError, invalidBidInput } from './bid.errors.js';
import type { BidAward, BidEvent } from './bid.events.js';
import { keyOf, mustExist, reasonOf } from './bid.guards.js';
import { bidEntityIdOf, externalIdOf } from './bid-ids.js';
import { byInterval, checkAwards } from './bid-input.validation.js';
import { type ExistingBid, type Submission, type BidState } from './bid.state.js';

/*
 * The exchange's side of a bid: its answer to a submission, and the day-ahead result. These are
 * facts reported by the market adapter, so they are not held to the gate; they must fit what was
 * sent, and the same answer reported again is a retry.
 */

// Quantities from the exchange and the solver are floating point: judged to a micro-kW.
const QUANTITY_TOLERANCE_KW = 1e-6;

const submissionAnswered = (bid: ExistingBid, submissionId: string): Submission => {
  const submission = bid.submissions.find((s) => s.submissionId === submissionId);
  if (submission !== undefined) return submission;
  if (bid.submissions.length === 0)
    throw bidError('BID.NOT_SUBMITTED', 'the bid has not been submitted yet', 'submissionId');
  throw bidError(
    'BID.SUBMISSION_MISMATCH',
    `${submissionId} is not a submission of this bid (last: ${bid.submissions.at(-1)?.submissionId ?? ''})`,
    'submissionId',
  );
};

const answerConflict = (submission: Submission, answer: string) =>
  bidError(
    'BID.EXCHANGE_ANSWER_CONFLICT',
    `submission ${submission.submissionId} was already ` +
      (submission.rejection === undefined
        ? `acknowledged as ${submission.exchangeBidId ?? ''}`
        : `rejected (${submission.rejection.code})`) +
      `; it cannot now be ${answer}`,
    'submissionId',
    {
      exchangeBidId: submission.exchangeBidId,
      rejectionCode: submission.rejection?.code,
    },
  );

export const acknowledgeBid = ({ data }: AcknowledgeBid, state: BidState): BidEvent[] => {
  const bid = mustExist(state, keyOf(data));
  const submissionId = bidEntityIdOf(data.submissionId, 'submissionId');
  const exchangeBidId = externalIdOf(data.exchangeBidId, 'exchangeBidId');
  const acknowledgedAt = isoInstant(data.at, 'at', invalidBidInput);
  const submission = submissionAnswered(bid, submissionId);
  if (submission.exchangeBidId === exchangeBidId) return []; // reported again
  if (submission.exchangeBidId !== undefined || submission.rejection !== undefined)
    throw answerConflict(submission, `acknowledged as ${exchangeBidId}`);
  return [{ type: 'BidAcknowledged', data: { submissionId, exchangeBidId, acknowledgedAt } }];
};

export const rejectBid = ({ data }: RejectBid, state: BidState): BidEvent[] => {
  const bid = mustExist(state, keyOf(data));
  const submissionId = bidEntityIdOf(data.submissionId, 'submissionId');
  const code = text(data.code, 'code', invalidBidInput);
  const reason = reasonOf(data.reason);
  const rejectedAt = isoInstant(data.at, 'at', invalidBidInput);
  const submission = submissionAnswered(bid, submissionId);
  const { rejection } = submission;
  if (rejection?.code === code && rejection.reason === reason) return []; // reported again
  if (submission.exchangeBidId !== undefined || rejection !== undefined)
    throw answerConflict(submission, `rejected (${code})`);
  return [{ type: 'BidRejected', data: { submissionId, code, reason, rejectedAt } }];
};

/**
 * Awards fit the submitted curves when neither side exceeds what the curve offers at the
 * interval's clearing price. Less is allowed: pay-as-clear accepts the marginal step pro rata.
 */
const mustFitCurves = (bid: ExistingBid, awards: readonly BidAward[]): void =>
  awards.forEach((award, index) => {
    const curves = bid.intervals.find((bidOf) => bidOf.interval === award.interval);
    const price = award.clearingPriceKrwPerKwh;
    const sides = [
      ['awardedSellKw', award.awardedSellKw, sellQuantityAt(curves?.sell ?? [], price)],
      ['awardedBuyKw', award.awardedBuyKw, buyQuantityAt(curves?.buy ?? [], price)],
    ] as const;
    for (const [name, awardedKw, offeredKw] of sides)
      if (awardedKw > offeredKw + QUANTITY_TOLERANCE_KW)
        throw bidError(
          'BID.AWARD_EXCEEDS_OFFER',
          `interval ${award.interval}: ${awardedKw} kW awarded, but the curve offers ` +
            `${offeredKw} kW at ${price} KRW/kWh`,
          `awards[${index}].${name}`,
          { interval: award.interval, awardedKw, offeredKw, clearingPriceKrwPerKwh: price },
        );
  });

export const clearBid = ({ data }: ClearBid, state: BidState): BidEvent[] => {
  const bid = mustExist(state, keyOf(data));
  const clearedAt = isoInstant(data.at, 'at', invalidBidInput);
  const given = checkAwards(data.awards, IntervalGrid.of(bid.intervalMinutes).intervalsPerDay);
  const awards = [...given].sort(byInterval);
  if (bid.status === 'cleared') {
    if (sameJson(awards, bid.awards)) return []; // reported again
    throw bidError(
      'BID.ALREADY_CLEARED',
      'the bid has already cleared with other awards',
      'awards',
      { clearedAt: bid.clearedAt },
    );
  }
  const submission = bid.submissions.at(-1);
  if (bid.status !== 'acknowledged' || submission === undefined)
    throw bidError(
      'BID.NOT_ACKNOWLEDGED',
      `only a bid the exchange has acknowledged can clear; this one is ${bid.status}`,
      'tradingDay',
      { status: bid.status },
    );
  if (clearedAt < submission.gateAt)
    throw bidError(
      'BID.CLEARED_BEFORE_GATE',
      `the market clears after the gate (${submission.gateAt}), not at ${clearedAt}`,
      'at',
      { gateAt: submission.gateAt, at: clearedAt },
    );
  mustFitCurves(bid, given);
  return [
    { type: 'BidCleared', data: { submissionId: submission.submissionId, awards, clearedAt } },
  ];
};
