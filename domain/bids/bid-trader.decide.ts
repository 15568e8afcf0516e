import { bidRuleViolations } from '../market/bid-curve.validation.js';
import { IntervalGrid } from '../shared/time/interval-grid.js';
import { atLeastZero, finiteNumber, sameJson, text } from '../shared/input-parsing.js';
import { isoInstant } from '../shared/iso-instant.js';
import type { Kw } from '../shared/units.js';
import type { AmendBid, DraftBid, SubmitBid, WithdrawBid } from './bid.commands.js';
import { bidError, invalidBidInput } from './bid.errors.js';
import type { BidEvent } from './bid.events.js';
import {
  clearedError,
  keyOf,
  liveSubmissionError,
  mustExist,
  mustMatchStream,
  reasonOf,
} from './bid.guards.js';
import { bidEntityIdOf } from './bid-ids.js';
import {
  checkCurves,
  checkJson,
  checkMeasurements,
  checkProvenance,
  checkShortfall,
} from './bid-input.validation.js';
import { bidMarketOn, mustBeBeforeGate } from './bid-market.js';
import { bidExists, type BidState, type Draft } from './bid.state.js';

/*
 * The trader's side of a bid: drafting (from the solver), amending, submitting and withdrawing.
 * Each is refused from the day-ahead gate on, but a retry of something already recorded is
 * recognised first and appends nothing, whenever it arrives.
 */

/** Two drafts are the same when all but their wall-clock figures and timestamps agree. */
const sameDraft = (a: Draft, b: Draft): boolean => {
  const { measurements: _ma, draftedAt: _ta, ...contentA } = a;
  const { measurements: _mb, draftedAt: _tb, ...contentB } = b;
  return sameJson(contentA, contentB);
};

export const draftBid = ({ data }: DraftBid, state: BidState): BidEvent[] => {
  const key = keyOf(data);
  const bidId = bidEntityIdOf(data.bidId, 'bidId');
  const draftedAt = isoInstant(data.at, 'at', invalidBidInput);
  const market = bidMarketOn(key.market, key.tradingDay, data.ruleOverrides);
  const intervalMinutes = finiteNumber(data.intervalMinutes, 'intervalMinutes', invalidBidInput);
  if (intervalMinutes !== market.intervalMinutes)
    throw bidError(
      'BID.GRID_MISMATCH',
      `the ${key.market} day-ahead market trades ${market.intervalMinutes}-minute intervals, ` +
        `the curves were made on ${intervalMinutes}-minute ones`,
      'intervalMinutes',
      { expected: market.intervalMinutes, value: intervalMinutes },
    );
  const draft: Draft = {
    bidId,
    ...key,
    intervalMinutes: market.intervalMinutes,
    intervals: checkCurves(data.intervals, market.intervalsPerDay),
    provenance: checkProvenance(data.provenance),
    scenarioSchedules: checkJson(data.scenarioSchedules, 'scenarioSchedules'),
    shortfall: checkShortfall(data.shortfall),
    measurements: checkMeasurements(data.measurements),
    draftedAt,
  };
  if (bidExists(state)) {
    mustMatchStream(state, key);
    const known = state.drafts.find((d) => d.bidId === bidId);
    if (known !== undefined) {
      if (sameDraft(known, draft)) return []; // a retried draft
      throw bidError(
        'BID.ID_CONFLICT',
        `draft ${bidId} was already recorded with other content; a new solve needs a new bidId`,
        'bidId',
      );
    }
    if (state.status === 'submitted' || state.status === 'acknowledged')
      throw liveSubmissionError(state, 'tradingDay');
    if (state.status === 'cleared') throw clearedError(state);
  }
  mustBeBeforeGate(draftedAt, market, 'drafted');
  return [{ type: 'BidDrafted', data: draft }];
};

export const amendBid = ({ data }: AmendBid, state: BidState): BidEvent[] => {
  const bid = mustExist(state, keyOf(data));
  const reason = reasonOf(data.reason);
  const amendedBy = text(data.amendedBy, 'amendedBy', invalidBidInput);
  const amendedAt = isoInstant(data.at, 'at', invalidBidInput);
  const market = bidMarketOn(bid.market, bid.tradingDay, data.ruleOverrides);
  const intervals = checkCurves(
    data.intervals,
    IntervalGrid.of(bid.intervalMinutes).intervalsPerDay,
  );
  // The curves already are these (a retried amendment, or no change at all): nothing to record.
  if (sameJson(intervals, bid.intervals)) return [];
  if (bid.status === 'submitted' || bid.status === 'acknowledged')
    throw liveSubmissionError(bid, 'tradingDay');
  if (bid.status === 'cleared') throw clearedError(bid);
  mustBeBeforeGate(amendedAt, market, 'amended');
  return [{ type: 'BidAmended', data: { intervals, reason, amendedBy, amendedAt } }];
};

export const submitBid = ({ data }: SubmitBid, state: BidState): BidEvent[] => {
  const bid = mustExist(state, keyOf(data));
  const submissionId = bidEntityIdOf(data.submissionId, 'submissionId');
  const submittedBy = text(data.submittedBy, 'submittedBy', invalidBidInput);
  const submittedAt = isoInstant(data.at, 'at', invalidBidInput);
  const sellCapacityKw = atLeastZero(data.sellCapacityKw, 'sellCapacityKw', invalidBidInput) as Kw;
  const buyCapacityKw = atLeastZero(data.buyCapacityKw, 'buyCapacityKw', invalidBidInput) as Kw;
  const market = bidMarketOn(bid.market, bid.tradingDay, data.ruleOverrides);

  // Our submission id is the exchange's idempotency key: the same id again is a retry.
  if (bid.submissions.at(-1)?.submissionId === submissionId) return [];
  if (bid.submissions.some((s) => s.submissionId === submissionId))
    throw bidError(
      'BID.SUBMISSION_ID_REUSED',
      `submission ${submissionId} was an earlier submission of this bid; the exchange would ` +
        'take new curves under it for a retry of the old ones, so use a new id',
      'submissionId',
    );
  switch (bid.status) {
    case 'submitted':
    case 'acknowledged':
      throw liveSubmissionError(bid, 'submissionId');
    case 'cleared':
      throw clearedError(bid);
    case 'rejected':
    case 'withdrawn':
      throw bidError(
        'BID.AMEND_BEFORE_RESUBMIT',
        `the last submission was ${bid.status}; amend the curves or draft a new bid before ` +
          'submitting again',
        'submissionId',
        { status: bid.status },
      );
    case 'drafted':
    case 'amended':
      break;
  }
  mustBeBeforeGate(submittedAt, market, 'submitted');
  const limits = {
    curve: market.rules.curve,
    intervalsPerDay: market.intervalsPerDay,
    sellCapacityKw,
    buyCapacityKw,
  };
  const violations = bidRuleViolations(bid.intervals, {
    rules: market.rules,
    intervalsPerDay: market.intervalsPerDay,
    sellCapacityKw,
    buyCapacityKw,
  });
  if (violations.length > 0)
    throw bidError(
      'BID.RULES_VIOLATED',
      `the curves break ${violations.length} market rule(s): ` +
        violations.map((v) => `${v.field}: ${v.message}`).join('; '),
      'intervals',
      { violations },
    );
  return [
    {
      type: 'BidSubmitted',
      data: {
        submissionId,
        bidId: bid.draft.bidId,
        intervals: bid.intervals,
        limits,
        gateAt: market.gateAt,
        submittedBy,
        submittedAt,
      },
    },
  ];
};

export const withdrawBid = ({ data }: WithdrawBid, state: BidState): BidEvent[] => {
  const bid = mustExist(state, keyOf(data));
  const reason = reasonOf(data.reason);
  const withdrawnBy = text(data.withdrawnBy, 'withdrawnBy', invalidBidInput);
  const withdrawnAt = isoInstant(data.at, 'at', invalidBidInput);
  const market = bidMarketOn(bid.market, bid.tradingDay, data.ruleOverrides);
  if (bid.status === 'withdrawn') return []; // a retried withdrawal
  if (bid.status === 'cleared') throw clearedError(bid);
  const submission = bid.submissions.at(-1);
  if (bid.status !== 'acknowledged' || submission === undefined)
    throw bidError(
      'BID.NOT_ACKNOWLEDGED',
      `only a bid the exchange has acknowledged can be withdrawn; this one is ${bid.status}`,
      'tradingDay',
      { status: bid.status },
    );
  mustBeBeforeGate(withdrawnAt, market, 'withdrawn');
  return [
    {
      type: 'BidWithdrawn',
      data: { submissionId: submission.submissionId, reason, withdrawnBy, withdrawnAt },
    },
  ];
};
