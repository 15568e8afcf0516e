import { text } from '../shared/input-parsing.js';
import type { BidKey } from './bid.commands.js';
import { bidError, invalidBidInput } from './bid.errors.js';
import { bidDayOf, bidMarketOf, bidPortfolioIdOf } from './bid-ids.js';
import { bidExists, type BidState, type ExistingBid } from './bid.state.js';

/** The stream key of a command, checked. */
export const keyOf = (data: BidKey): BidKey => ({
  portfolioId: bidPortfolioIdOf(data.portfolioId),
  market: bidMarketOf(data.market),
  tradingDay: bidDayOf(data.tradingDay),
});

/** A command for another portfolio, market or day than the stream holds is a routing mistake. */
export const mustMatchStream = (bid: ExistingBid, key: BidKey): void => {
  for (const field of ['portfolioId', 'market', 'tradingDay'] as const)
    if (bid[field] !== key[field])
      throw bidError(
        'BID.STREAM_MISMATCH',
        `this stream holds the bid of ${bid.portfolioId} in ${bid.market} on ${bid.tradingDay}, ` +
          `not of ${key.portfolioId} in ${key.market} on ${key.tradingDay}`,
        field,
      );
};

export const mustExist = (state: BidState, key: BidKey): ExistingBid => {
  if (!bidExists(state))
    throw bidError(
      'BID.NOT_DRAFTED',
      `no bid of ${key.portfolioId} in ${key.market} on ${key.tradingDay} has been drafted`,
      'tradingDay',
    );
  mustMatchStream(state, key);
  return state;
};

/** A trader's change or the exchange's refusal must say why; blank text is no reason. */
export const reasonOf = (value: unknown): string => {
  if (typeof value !== 'string' || value.trim() === '')
    throw bidError('BID.REASON_REQUIRED', 'a reason is required, in words', 'reason', { value });
  return text(value, 'reason', invalidBidInput, 1000);
};

export const clearedError = (bid: ExistingBid) =>
  bidError(
    'BID.ALREADY_CLEARED',
    `the bid of ${bid.portfolioId} in ${bid.market} on ${bid.tradingDay} has cleared; it is final`,
    'tradingDay',
    { clearedAt: bid.clearedAt },
  );

/** `field` names the input at fault: `submissionId` for a second submission, else the day. */
export const liveSubmissionError = (bid: ExistingBid, field: string) => {
  const live = bid.submissions.at(-1);
  return bidError(
    'BID.ALREADY_SUBMITTED',
    `submission ${live?.submissionId ?? ''} is ${bid.status}; withdraw it (once acknowledged) ` +
      'before changing the bid',
    field,
    { submissionId: live?.submissionId, status: bid.status },
  );
};
