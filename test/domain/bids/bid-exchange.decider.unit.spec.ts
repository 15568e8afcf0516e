import { describe, expect, it } from '@jest/globals';
import { bidDecider, type BidEvent } from '../../../domain/bids/index.js';
import { deciderSpec } from '../../support/decider-spec.js';
import {
  AFTER_GATE,
  AT_GATE_KST,
  BEFORE_GATE,
  JUST_BEFORE_GATE,
  acknowledgeBid,
  acknowledged,
  amendedCurves,
  award,
  bidAcknowledged,
  bidAmended,
  bidCleared,
  bidRejected,
  bidSubmitted,
  bidWithdrawn,
  clearBid,
  cleared,
  drafted,
  rejectBid,
  rejected,
  submitted,
  withdrawBid,
  withdrawn,
} from './bid.builders.js';

const { given } = deciderSpec(bidDecider);

const resubmitted: BidEvent[] = [...rejected, bidAmended(), bidSubmitted('sub-2', amendedCurves)];

describe('the exchange acknowledging a submission', () => {
  it('records the exchange bid id', () => {
    const state = given(submitted).when(acknowledgeBid()).then([bidAcknowledged()]);
    expect(state).toMatchObject({
      status: 'acknowledged',
      submissions: [{ submissionId: 'sub-1', exchangeBidId: 'KPX-778812' }],
    });
  });

  it('is not held to the gate: the answer is a fact reported by the adapter', () => {
    const [event] = bidDecider.decide(
      acknowledgeBid({ at: AFTER_GATE }),
      submitted.reduce(bidDecider.evolve, bidDecider.initialState()),
    );
    expect(event?.type).toBe('BidAcknowledged');
  });

  it('records nothing for the same acknowledgement again', () => {
    given(acknowledged).when(acknowledgeBid()).then([]);
    given(withdrawn).when(acknowledgeBid()).then([]);
  });

  it('refuses another exchange id, or an acknowledgement of a rejected submission', () => {
    given(acknowledged)
      .when(acknowledgeBid({ exchangeBidId: 'KPX-1' }))
      .thenThrows('BID.EXCHANGE_ANSWER_CONFLICT', 'submissionId');
    given(rejected)
      .when(acknowledgeBid())
      .thenThrows('BID.EXCHANGE_ANSWER_CONFLICT', 'submissionId');
  });

  it('refuses an answer to a submission never made', () => {
    given(drafted).when(acknowledgeBid()).thenThrows('BID.NOT_SUBMITTED', 'submissionId');
    given(submitted)
      .when(acknowledgeBid({ submissionId: 'sub-9' }))
      .thenThrows('BID.SUBMISSION_MISMATCH', 'submissionId');
    given([]).when(acknowledgeBid()).thenThrows('BID.NOT_DRAFTED');
  });

  it('acknowledges the new submission after a rejected one', () => {
    given(resubmitted)
      .when(acknowledgeBid({ submissionId: 'sub-2' }))
      .then([bidAcknowledged('sub-2')]);
  });

  it.each<[string, Record<string, unknown>]>([
    ['exchangeBidId', { exchangeBidId: '' }],
    ['at', { at: 'now' }],
  ])('refuses a bad %s', (field, override) => {
    given(submitted).when(acknowledgeBid(override)).thenThrows('BID.INVALID_INPUT', field);
  });
});

describe('the exchange rejecting a submission', () => {
  it('records its code and reason as a bid-rejected event', () => {
    const state = given(submitted).when(rejectBid()).then([bidRejected()]);
    expect(state).toMatchObject({
      status: 'rejected',
      submissions: [{ rejection: { code: 'E-QTY-STEP' } }],
    });
  });

  it('needs a clear reason', () => {
    given(submitted)
      .when(rejectBid({ reason: ' ' }))
      .thenThrows('BID.REASON_REQUIRED', 'reason');
    given(submitted)
      .when(rejectBid({ code: '' }))
      .thenThrows('BID.INVALID_INPUT', 'code');
  });

  it('records nothing for the same rejection again, and refuses a different answer', () => {
    given(rejected).when(rejectBid()).then([]);
    given(rejected)
      .when(rejectBid({ code: 'E-OTHER' }))
      .thenThrows('BID.EXCHANGE_ANSWER_CONFLICT', 'submissionId');
    given(acknowledged)
      .when(rejectBid())
      .thenThrows('BID.EXCHANGE_ANSWER_CONFLICT', 'submissionId');
  });

  it('refuses a rejection of an old submission once a new one is out', () => {
    given(resubmitted)
      .when(rejectBid({ submissionId: 'sub-1', code: 'E-LATE' }))
      .thenThrows('BID.EXCHANGE_ANSWER_CONFLICT');
  });
});

describe('withdrawing a bid', () => {
  it('takes back the acknowledged submission, with the trader and reason', () => {
    const state = given(acknowledged).when(withdrawBid()).then([bidWithdrawn()]);
    expect(state).toMatchObject({ status: 'withdrawn' });
  });

  it('needs a reason', () => {
    given(acknowledged)
      .when(withdrawBid({ reason: '' }))
      .thenThrows('BID.REASON_REQUIRED', 'reason');
  });

  it('records nothing for a withdrawal again, even after the gate', () => {
    given(withdrawn).when(withdrawBid()).then([]);
    given(withdrawn)
      .when(withdrawBid({ at: AFTER_GATE }))
      .then([]);
  });

  it('is closed at exactly the gate instant, and after it', () => {
    given(acknowledged)
      .when(withdrawBid({ at: AT_GATE_KST }))
      .thenThrows('BID.GATE_CLOSED', 'at');
    given(acknowledged)
      .when(withdrawBid({ at: AFTER_GATE }))
      .thenThrows('BID.GATE_CLOSED', 'at');
    const [event] = bidDecider.decide(
      withdrawBid({ at: JUST_BEFORE_GATE }),
      acknowledged.reduce(bidDecider.evolve, bidDecider.initialState()),
    );
    expect(event?.type).toBe('BidWithdrawn');
  });

  it.each([
    ['drafted', drafted, 'BID.NOT_ACKNOWLEDGED'],
    ['submitted (no answer yet)', submitted, 'BID.NOT_ACKNOWLEDGED'],
    ['rejected', rejected, 'BID.NOT_ACKNOWLEDGED'],
    ['cleared', cleared, 'BID.ALREADY_CLEARED'],
    ['never drafted', [], 'BID.NOT_DRAFTED'],
  ])('refuses to withdraw a bid that is %s', (_status, history, code) => {
    given(history).when(withdrawBid()).thenThrows(code);
  });
});

describe('clearing a bid', () => {
  const awards = [award(18, 160, 1500, 0), award(10, 100, 1000, 0)];
  const sorted = [award(10, 100, 1000, 0), award(18, 160, 1500, 0)];

  it('records the awards per interval, sorted, for the acknowledged submission', () => {
    const state = given(acknowledged)
      .when(clearBid(awards))
      .then([bidCleared(sorted)]);
    expect(state).toMatchObject({ status: 'cleared', awards: sorted });
  });

  it('allows an award below what the curve offers at the clearing price (pro rata margin)', () => {
    given(acknowledged)
      .when(clearBid([award(10, 120, 1300)]))
      .then([bidCleared([award(10, 120, 1300)])]);
  });

  it('allows buy awards up to the buy curve, and nothing awarded at all', () => {
    given(acknowledged)
      .when(clearBid([award(18, 40, 0, 1200)]))
      .then([bidCleared([award(18, 40, 0, 1200)])]);
    given(acknowledged)
      .when(clearBid([]))
      .then([bidCleared([])]);
  });

  it.each([
    [
      'more than the sell curve offers at the price',
      award(10, 100, 1100),
      'awards[0].awardedSellKw',
    ],
    ['any sell below the lowest sell price', award(10, 79.99, 100), 'awards[0].awardedSellKw'],
    [
      'more than the buy curve takes at the price',
      award(18, 40, 0, 1300),
      'awards[0].awardedBuyKw',
    ],
    ['a buy above the highest buy price', award(18, 40.01, 0, 100), 'awards[0].awardedBuyKw'],
    ['anything in an interval not bid', award(3, 100, 1000), 'awards[0].awardedSellKw'],
  ])('refuses an award of %s', (_case, bad, field) => {
    given(acknowledged)
      .when(clearBid([bad]))
      .thenThrows('BID.AWARD_EXCEEDS_OFFER', field);
  });

  it('names the award at fault by its position as given', () => {
    given(acknowledged)
      .when(clearBid([award(18, 160, 1500), award(10, 100, 5000)]))
      .thenThrows('BID.AWARD_EXCEEDS_OFFER', 'awards[1].awardedSellKw');
  });

  it.each<[string, string, unknown]>([
    ['awards[0].interval', 'BID.INTERVAL_OUT_OF_GRID', [award(24, 100, 0)]],
    ['awards[1].interval', 'BID.DUPLICATE_INTERVAL', [award(10, 100, 0), award(10, 90, 0)]],
    [
      'awards[0].clearingPriceKrwPerKwh',
      'BID.INVALID_INPUT',
      [{ ...award(10, 100, 0), clearingPriceKrwPerKwh: Number.NaN }],
    ],
    ['awards[0].awardedSellKw', 'BID.INVALID_INPUT', [{ ...award(10, 100, 0), awardedSellKw: -1 }]],
    ['awards', 'BID.INVALID_INPUT', 'none'],
  ])('refuses a bad %s', (field, code, bad) => {
    given(acknowledged)
      .when(clearBid(bad as never))
      .thenThrows(code, field);
  });

  it('records nothing for the same result again, and refuses another', () => {
    given(cleared)
      .when(clearBid([award(10, 100, 1000)]))
      .then([]);
    given(cleared)
      .when(clearBid([award(10, 100, 900)]))
      .thenThrows('BID.ALREADY_CLEARED', 'awards');
  });

  it.each([
    ['drafted', drafted],
    ['submitted', submitted],
    ['rejected', rejected],
    ['withdrawn', withdrawn],
  ])('clears only an acknowledged bid, not a %s one', (_status, history) => {
    given(history).when(clearBid(awards)).thenThrows('BID.NOT_ACKNOWLEDGED');
  });

  it('refuses a result dated before the gate the submission was held to', () => {
    given(acknowledged)
      .when(clearBid(awards, { at: BEFORE_GATE }))
      .thenThrows('BID.CLEARED_BEFORE_GATE', 'at');
  });
});
