import { describe, expect, it } from '@jest/globals';
import { bidDecider, bidMarketOn } from '../../../domain/bids/index.js';
import type { BidRuleViolation } from '../../../domain/market/bid-curve.validation.js';
import { kw } from '../../../domain/shared/units.js';
import { deciderSpec } from '../../support/decider-spec.js';
import {
  AFTER_GATE,
  AT_GATE_KST,
  GATE,
  JUST_BEFORE_GATE,
  acknowledged,
  amendedCurves,
  bidAmended,
  bidDrafted,
  bidSubmitted,
  cleared,
  drafted,
  point,
  rejected,
  submitBid,
  submitted,
  withdrawn,
} from './bid.builders.js';

const { given } = deciderSpec(bidDecider);

describe('submitting a bid', () => {
  it('sends the current curves under our submission id, held to the gate', () => {
    const state = given(drafted).when(submitBid()).then([bidSubmitted()]);
    expect(state).toMatchObject({
      status: 'submitted',
      submissions: [{ submissionId: 'sub-1', gateAt: GATE }],
    });
  });

  it('sends the amended curves after an amendment', () => {
    given([...drafted, bidAmended()])
      .when(submitBid())
      .then([bidSubmitted('sub-1', amendedCurves)]);
  });

  it('takes the gate from the market calendar: D-1 10:00 KST on the mainland', () => {
    expect(bidMarketOn('mainland', '2025-06-03', {}).gateAt).toBe(GATE);
    expect(bidMarketOn('jeju', '2025-06-03', { dayAheadGateKst: '09:00' }).gateAt).toBe(
      '2025-06-02T00:00:00.000Z',
    );
  });

  it('is closed at exactly the gate instant, and after it', () => {
    given(drafted)
      .when(submitBid({ at: AT_GATE_KST }))
      .thenThrows('BID.GATE_CLOSED', 'at');
    given(drafted)
      .when(submitBid({ at: GATE }))
      .thenThrows('BID.GATE_CLOSED', 'at');
    given(drafted)
      .when(submitBid({ at: AFTER_GATE }))
      .thenThrows('BID.GATE_CLOSED', 'at');
  });

  it('is open a millisecond before the gate', () => {
    const [event] = bidDecider.decide(
      submitBid({ at: JUST_BEFORE_GATE }),
      drafted.reduce(bidDecider.evolve, bidDecider.initialState()),
    );
    expect(event).toMatchObject({ type: 'BidSubmitted', data: { submittedAt: JUST_BEFORE_GATE } });
  });

  describe('is idempotent by submission id', () => {
    it.each([
      ['submitted', submitted],
      ['acknowledged', acknowledged],
      ['rejected', rejected],
      ['withdrawn', withdrawn],
      ['cleared', cleared],
    ])('records nothing for the same id again once %s, even after the gate', (_status, history) => {
      given(history).when(submitBid()).then([]);
      given(history)
        .when(submitBid({ at: AFTER_GATE }))
        .then([]);
    });

    it.each([
      ['submitted', submitted, 'BID.ALREADY_SUBMITTED'],
      ['acknowledged', acknowledged, 'BID.ALREADY_SUBMITTED'],
      ['cleared', cleared, 'BID.ALREADY_CLEARED'],
    ])('refuses another id while %s', (_status, history, code) => {
      given(history)
        .when(submitBid({ submissionId: 'sub-2' }))
        .thenThrows(code, code === 'BID.ALREADY_SUBMITTED' ? 'submissionId' : undefined);
    });

    it('refuses an id an earlier submission used, even for new curves', () => {
      given([
        ...rejected,
        bidAmended(),
        bidSubmitted('sub-2', amendedCurves),
        {
          type: 'BidRejected',
          data: { submissionId: 'sub-2', code: 'X', reason: 'no', rejectedAt: GATE },
        },
        bidAmended(),
      ])
        .when(submitBid({ submissionId: 'sub-1' }))
        .thenThrows('BID.SUBMISSION_ID_REUSED', 'submissionId');
    });
  });

  describe('after a rejection', () => {
    it('needs an amendment or a new draft first', () => {
      given(rejected)
        .when(submitBid({ submissionId: 'sub-2' }))
        .thenThrows('BID.AMEND_BEFORE_RESUBMIT', 'submissionId');
      given(withdrawn)
        .when(submitBid({ submissionId: 'sub-2' }))
        .thenThrows('BID.AMEND_BEFORE_RESUBMIT', 'submissionId');
    });

    it('submits the amended curves under a new submission id', () => {
      const state = given([...rejected, bidAmended()])
        .when(submitBid({ submissionId: 'sub-2' }))
        .then([bidSubmitted('sub-2', amendedCurves)]);
      expect(state).toMatchObject({ status: 'submitted' });
      expect(state.status !== 'none' && state.submissions.map((s) => s.submissionId)).toEqual([
        'sub-1',
        'sub-2',
      ]);
    });

    it('submits a new draft under a new submission id', () => {
      given([...rejected, bidDrafted({ bidId: 'draft-2' })])
        .when(submitBid({ submissionId: 'sub-2' }))
        .then([bidSubmitted('sub-2', undefined, 'draft-2')]);
    });
  });

  it('refuses to submit a bid never drafted', () => {
    given([]).when(submitBid()).thenThrows('BID.NOT_DRAFTED');
  });

  describe('validates the curves against the market rules', () => {
    const violationsOf = (
      history: Parameters<typeof given>[0],
      command = submitBid(),
    ): BidRuleViolation[] => {
      const error = given(history).when(command).thenThrows('BID.RULES_VIOLATED', 'intervals');
      return (error.details as { violations: BidRuleViolation[] }).violations;
    };

    it('lists every violation, each with its code and field', () => {
      const bad = [
        {
          interval: 2,
          sell: [point(-5, 1000), point(120, 950), point(110, 20050)],
          buy: [point(20, 500)],
        },
        { interval: 7, sell: [point(1200, 1050)], buy: [point(10, 2000), point(30, 2500)] },
      ];
      const violations = violationsOf([bidDrafted({ intervals: bad })]);
      expect(violations.map((v) => [v.code, v.field])).toEqual([
        ['BID.PRICE_OUT_OF_LIMITS', 'intervals[0].sell[0].priceKrwPerKwh'],
        ['BID.QUANTITY_BELOW_MINIMUM', 'intervals[0].sell[1].quantityKw'],
        ['BID.QUANTITY_OFF_STEP', 'intervals[0].sell[1].quantityKw'],
        ['BID.NOT_MONOTONE', 'intervals[0].sell[1]'],
        ['BID.QUANTITY_OFF_STEP', 'intervals[0].sell[2].quantityKw'],
        ['BID.QUANTITY_ABOVE_CAPACITY', 'intervals[0].sell[2].quantityKw'],
        ['BID.NOT_MONOTONE', 'intervals[0].sell[2]'],
        ['BID.QUANTITY_BELOW_MINIMUM', 'intervals[0].buy[0].quantityKw'],
        ['BID.PRICE_OUT_OF_LIMITS', 'intervals[1].sell[0].priceKrwPerKwh'],
        ['BID.QUANTITY_OFF_STEP', 'intervals[1].sell[0].quantityKw'],
        ['BID.NOT_MONOTONE', 'intervals[1].buy[1]'],
      ]);
    });

    it('refuses too many segments', () => {
      const steps = Array.from({ length: 11 }, (_, i) => point(10 * (i + 1), 1000 + 100 * i));
      const violations = violationsOf([
        bidDrafted({ intervals: [{ interval: 0, sell: steps, buy: [] }] }),
      ]);
      expect(violations.map((v) => v.code)).toEqual(['BID.TOO_MANY_SEGMENTS']);
    });

    it('holds quantities to the registered capacity the caller read from the portfolio', () => {
      const violations = violationsOf(drafted, submitBid({ sellCapacityKw: kw(1500) }));
      expect(violations).toEqual([
        expect.objectContaining({
          code: 'BID.QUANTITY_ABOVE_CAPACITY',
          field: 'intervals[0].sell[1].quantityKw',
        }),
      ]);
      given(drafted)
        .when(submitBid({ sellCapacityKw: kw(2000) }))
        .then([bidSubmitted('sub-1', undefined, undefined, 2000)]);
    });

    it('applies the configured curve limits', () => {
      const violations = violationsOf(drafted, submitBid({ ruleOverrides: { maxSegments: 1 } }));
      expect(violations.map((v) => [v.code, v.field])).toEqual([
        ['BID.TOO_MANY_SEGMENTS', 'intervals[0].sell'],
      ]);
      given([bidDrafted({ intervals: [{ interval: 0, sell: [point(50, 600)], buy: [] }] })])
        .when(submitBid({ ruleOverrides: { minQuantityKw: 500 } }))
        .then([
          bidSubmitted(
            'sub-1',
            [{ interval: 0, sell: [point(50, 600)], buy: [] }],
            'draft-1',
            5000,
            {
              minQuantityKw: 500,
            },
          ),
        ]);
    });

    it('checks the gate before the rules', () => {
      given([bidDrafted({ intervals: [{ interval: 0, sell: [point(5000, 1)], buy: [] }] })])
        .when(submitBid({ at: AFTER_GATE }))
        .thenThrows('BID.GATE_CLOSED');
    });
  });

  it.each<[string, string, Record<string, unknown>]>([
    ['submissionId', 'BID.INVALID_ID', { submissionId: 'sub 1' }],
    ['submittedBy', 'BID.INVALID_INPUT', { submittedBy: ' ' }],
    ['sellCapacityKw', 'BID.INVALID_INPUT', { sellCapacityKw: Number.NaN }],
    ['buyCapacityKw', 'BID.INVALID_INPUT', { buyCapacityKw: -1 }],
    ['at', 'BID.INVALID_INPUT', { at: 'tomorrow' }],
    [
      // A 16:00 gate would fall after the 15:00 results: the rules name the results time.
      'ruleOverrides.dayAheadResultsKst',
      'MARKET.INVALID_RULES',
      { ruleOverrides: { dayAheadGateKst: '16:00' } },
    ],
  ])('refuses a bad %s', (field, code, override) => {
    given(drafted)
      .when(submitBid(override as Parameters<typeof submitBid>[0]))
      .thenThrows(code, field);
  });

  it('refuses a submission for another stream', () => {
    given(drafted)
      .when(submitBid({ market: 'jeju' }))
      .thenThrows('BID.STREAM_MISMATCH', 'market');
  });
});
