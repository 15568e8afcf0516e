import { describe, expect, it } from '@jest/globals';
import { bidDecider } from '../../../domain/bids/index.js';
import { deciderSpec } from '../../support/decider-spec.js';
import {
  AFTER_GATE,
  AT_GATE_KST,
  JUST_BEFORE_GATE,
  acknowledged,
  amendBid,
  amendedCurves,
  bidAmended,
  cleared,
  curves,
  drafted,
  point,
  rejected,
  submitted,
  withdrawn,
} from './bid.builders.js';

const { given } = deciderSpec(bidDecider);

describe('amending a bid', () => {
  it('records the trader, the reason and the new curves', () => {
    const state = given(drafted).when(amendBid()).then([bidAmended()]);
    expect(state).toMatchObject({ status: 'amended', amendments: 1, intervals: amendedCurves });
  });

  it('counts amendment after amendment', () => {
    const third = [{ interval: 5, sell: [point(60, 1000)], buy: [] }];
    const state = given([...drafted, bidAmended()])
      .when(amendBid({ intervals: third }))
      .then([bidAmended(third)]);
    expect(state).toMatchObject({ status: 'amended', amendments: 2 });
  });

  it.each([
    ['rejected', rejected],
    ['withdrawn', withdrawn],
  ])('amends a %s bid, ready for a new submission', (_status, history) => {
    given(history).when(amendBid()).then([bidAmended()]);
  });

  it('records nothing when the curves already are these (a retry, or no change)', () => {
    given([...drafted, bidAmended()])
      .when(amendBid())
      .then([]);
    given(drafted)
      .when(amendBid({ intervals: curves() }))
      .then([]);
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['blank', '   '],
    ['not text', 42],
  ])('needs a reason (%s)', (_case, reason) => {
    given(drafted)
      .when(amendBid({ reason: reason as string }))
      .thenThrows('BID.REASON_REQUIRED', 'reason');
  });

  it('names who amended', () => {
    given(drafted)
      .when(amendBid({ amendedBy: '' }))
      .thenThrows('BID.INVALID_INPUT', 'amendedBy');
  });

  it.each([
    ['submitted', submitted, 'BID.ALREADY_SUBMITTED'],
    ['acknowledged', acknowledged, 'BID.ALREADY_SUBMITTED'],
    ['cleared', cleared, 'BID.ALREADY_CLEARED'],
  ])('refuses to amend a %s bid', (_status, history, code) => {
    given(history).when(amendBid()).thenThrows(code);
  });

  it('refuses to amend a bid never drafted', () => {
    given([]).when(amendBid()).thenThrows('BID.NOT_DRAFTED', 'tradingDay');
  });

  it('is closed at the gate instant and after it, open a millisecond before', () => {
    given(drafted)
      .when(amendBid({ at: AT_GATE_KST }))
      .thenThrows('BID.GATE_CLOSED', 'at');
    given(drafted)
      .when(amendBid({ at: AFTER_GATE }))
      .thenThrows('BID.GATE_CLOSED', 'at');
    const [event] = bidDecider.decide(
      amendBid({ at: JUST_BEFORE_GATE }),
      drafted.reduce(bidDecider.evolve, bidDecider.initialState()),
    );
    expect(event).toMatchObject({ type: 'BidAmended', data: { amendedAt: JUST_BEFORE_GATE } });
  });

  it('checks the new curves like a draft, naming the field', () => {
    given(drafted)
      .when(amendBid({ intervals: [{ interval: 30, sell: [], buy: [] }] }))
      .thenThrows('BID.INTERVAL_OUT_OF_GRID', 'intervals[0].interval');
    given(drafted)
      .when(
        amendBid({
          intervals: [
            { interval: 3, sell: [{ priceKrwPerKwh: Number.NaN, quantityKw: 1000 }], buy: [] },
          ] as never,
        }),
      )
      .thenThrows('BID.INVALID_INPUT', 'intervals[0].sell[0].priceKrwPerKwh');
  });

  it('refuses an amendment for another stream', () => {
    given(drafted)
      .when(amendBid({ portfolioId: 'p-2' }))
      .thenThrows('BID.STREAM_MISMATCH', 'portfolioId');
  });
});
