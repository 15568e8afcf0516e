import { describe, expect, it } from '@jest/globals';
import { bidDecider, bidStreamId, withoutMeasurements } from '../../../domain/bids/index.js';
import { deciderSpec } from '../../support/decider-spec.js';
import { expectDomainError } from '../../support/expect-domain-error.js';
import {
  AFTER_GATE,
  AT_GATE_KST,
  JUST_BEFORE_GATE,
  acknowledged,
  amendedCurves,
  bidAmended,
  bidDrafted,
  cleared,
  curves,
  draftBid,
  drafted,
  point,
  provenance,
  rejected,
  submitted,
  withdrawn,
} from './bid.builders.js';

const { given } = deciderSpec(bidDecider);

describe('bid stream ids', () => {
  it('is bid-{portfolioId}-{market}-{tradingDay}', () => {
    expect(bidStreamId('p-1', 'jeju', '2025-06-03')).toBe('bid-p-1-jeju-2025-06-03');
  });

  it.each([
    ['portfolioId', 'BID.INVALID_ID', () => bidStreamId('a b', 'mainland', '2025-06-03')],
    ['portfolioId', 'BID.INVALID_ID', () => bidStreamId('x'.repeat(177), 'mainland', '2025-06-03')],
    ['market', 'BID.UNKNOWN_MARKET', () => bidStreamId('p-1', 'iceland', '2025-06-03')],
    ['tradingDay', 'BID.INVALID_INPUT', () => bidStreamId('p-1', 'mainland', '2025-02-30')],
  ])('refuses a bad %s (%s)', (field, code, make) => {
    expect(expectDomainError(make, code).field).toBe(field);
  });

  it('fits the longest portfolio id in a 200-character stream id', () => {
    expect(bidStreamId('x'.repeat(176), 'mainland', '2025-06-03')).toHaveLength(200);
  });
});

describe('drafting a bid', () => {
  it('records the curves, provenance, schedules, shortfall and solve times', () => {
    const state = given([]).when(draftBid()).then([bidDrafted()]);
    expect(state).toMatchObject({ status: 'drafted', market: 'mainland', amendments: 0 });
  });

  it('sorts the intervals, so that the same curves in another order are the same draft', () => {
    const reversed = [...curves()].reverse();
    given([])
      .when(draftBid({ intervals: reversed }))
      .then([bidDrafted()]);
    given(drafted)
      .when(draftBid({ intervals: reversed }))
      .then([]);
  });

  it('takes the same bidId and content again as a retry, even with other solve times', () => {
    given(drafted).when(draftBid()).then([]);
    given(drafted)
      .when(
        draftBid({ measurements: { solveSeconds: 9.9, buildSeconds: 1 }, at: JUST_BEFORE_GATE }),
      )
      .then([]);
  });

  it('refuses the same bidId with other content', () => {
    given(drafted)
      .when(draftBid({ provenance: provenance({ forecastVersion: 3 }) }))
      .thenThrows('BID.ID_CONFLICT', 'bidId');
  });

  it.each([
    ['drafted', drafted],
    ['amended', [...drafted, bidAmended()]],
    ['rejected', rejected],
    ['withdrawn', withdrawn],
  ])('replaces a %s bid with a new draft, resetting amendments', (_status, history) => {
    const state = given(history)
      .when(draftBid({ bidId: 'draft-2', intervals: amendedCurves }))
      .then([bidDrafted({ bidId: 'draft-2', intervals: amendedCurves })]);
    expect(state).toMatchObject({ status: 'drafted', amendments: 0, intervals: amendedCurves });
  });

  it.each([
    ['submitted', submitted, 'BID.ALREADY_SUBMITTED'],
    ['acknowledged', acknowledged, 'BID.ALREADY_SUBMITTED'],
    ['cleared', cleared, 'BID.ALREADY_CLEARED'],
  ])('refuses a new draft while the bid is %s', (_status, history, code) => {
    given(history)
      .when(draftBid({ bidId: 'draft-2' }))
      .thenThrows(code);
  });

  it('refuses a draft at or after the gate, and accepts one a millisecond before', () => {
    given([])
      .when(draftBid({ at: AT_GATE_KST }))
      .thenThrows('BID.GATE_CLOSED', 'at');
    given([])
      .when(draftBid({ at: AFTER_GATE }))
      .thenThrows('BID.GATE_CLOSED', 'at');
    given([])
      .when(draftBid({ at: JUST_BEFORE_GATE }))
      .then([bidDrafted({ draftedAt: JUST_BEFORE_GATE })]);
  });

  it('takes the gate from the configured rules', () => {
    // A 10:30 KST gate leaves 10:00 KST open.
    given([])
      .when(draftBid({ at: AT_GATE_KST, ruleOverrides: { dayAheadGateKst: '10:30' } }))
      .then([bidDrafted({ draftedAt: '2025-06-02T01:00:00.000Z' })]);
  });

  it('refuses a draft for another stream', () => {
    given(drafted)
      .when(draftBid({ bidId: 'draft-2', tradingDay: '2025-06-04' }))
      .thenThrows('BID.STREAM_MISMATCH', 'tradingDay');
    given(drafted)
      .when(draftBid({ bidId: 'draft-2', market: 'jeju' }))
      .thenThrows('BID.STREAM_MISMATCH', 'market');
  });

  it('refuses curves made on another grid than the market day-ahead one', () => {
    given([])
      .when(draftBid({ intervalMinutes: 15 }))
      .thenThrows('BID.GRID_MISMATCH', 'intervalMinutes');
  });

  it.each<[string, string, Record<string, unknown>]>([
    ['bidId', 'BID.INVALID_ID', { bidId: '' }],
    ['portfolioId', 'BID.INVALID_ID', { portfolioId: 'p 1' }],
    ['market', 'BID.UNKNOWN_MARKET', { market: 'iceland' }],
    ['tradingDay', 'BID.INVALID_INPUT', { tradingDay: '03/06/2025' }],
    ['at', 'BID.INVALID_INPUT', { at: '2025-06-02 09:00' }],
    ['intervalMinutes', 'BID.INVALID_INPUT', { intervalMinutes: Number.NaN }],
    ['ruleOverrides', 'BID.INVALID_INPUT', { ruleOverrides: null }],
    ['ruleOverrides.maxSegments', 'MARKET.INVALID_RULES', { ruleOverrides: { maxSegments: 0 } }],
    ['intervals', 'BID.INVALID_INPUT', { intervals: [] }],
    ['intervals', 'BID.INVALID_INPUT', { intervals: 'all of them' }],
    ['intervals[0]', 'BID.INVALID_INPUT', { intervals: [null] }],
    [
      'intervals[0].interval',
      'BID.INTERVAL_OUT_OF_GRID',
      { intervals: [{ interval: 24, sell: [], buy: [] }] },
    ],
    [
      'intervals[0].interval',
      'BID.INTERVAL_OUT_OF_GRID',
      { intervals: [{ interval: 1.5, sell: [], buy: [] }] },
    ],
    [
      'intervals[1].interval',
      'BID.DUPLICATE_INTERVAL',
      {
        intervals: [
          { interval: 3, sell: [], buy: [] },
          { interval: 3, sell: [], buy: [] },
        ],
      },
    ],
    ['intervals[0].buy', 'BID.INVALID_INPUT', { intervals: [{ interval: 3, sell: [] }] }],
    [
      'intervals[0].sell[1].quantityKw',
      'BID.INVALID_INPUT',
      {
        intervals: [
          { interval: 3, sell: [point(1, 1000), { priceKrwPerKwh: 2, quantityKw: -100 }], buy: [] },
        ],
      },
    ],
    [
      'intervals[0].sell[0].priceKrwPerKwh',
      'BID.INVALID_INPUT',
      {
        intervals: [
          { interval: 3, sell: [{ priceKrwPerKwh: Number.NaN, quantityKw: 1000 }], buy: [] },
        ],
      },
    ],
    [
      'intervals[0].buy[0].quantityKw',
      'BID.INVALID_INPUT',
      { intervals: [{ interval: 3, sell: [], buy: [{ priceKrwPerKwh: 5, quantityKw: '1000' }] }] },
    ],
    ['provenance', 'BID.INVALID_INPUT', { provenance: undefined }],
    [
      'provenance.forecastVersion',
      'BID.INVALID_INPUT',
      { provenance: provenance({ forecastVersion: 0 }) },
    ],
    [
      'provenance.scenarioSeed',
      'BID.INVALID_INPUT',
      { provenance: provenance({ scenarioSeed: 1.5 }) },
    ],
    [
      'provenance.scenarioCount',
      'BID.INVALID_INPUT',
      { provenance: provenance({ scenarioCount: 0 }) },
    ],
    [
      'provenance.solver.name',
      'BID.INVALID_INPUT',
      { provenance: provenance({ solver: { name: '', version: '1' } }) },
    ],
    [
      'provenance.status',
      'BID.INVALID_INPUT',
      { provenance: { ...provenance(), status: 'infeasible' } },
    ],
    ['provenance.gapPct', 'BID.INVALID_INPUT', { provenance: { ...provenance(), gapPct: -1 } }],
    [
      'provenance.objectiveKrw',
      'BID.INVALID_INPUT',
      { provenance: { ...provenance(), objectiveKrw: 1.5 } },
    ],
    [
      'provenance.boundKrw',
      'BID.INVALID_INPUT',
      { provenance: { ...provenance(), boundKrw: Number.NaN } },
    ],
    [
      'provenance.modelSize.binaries',
      'BID.INVALID_INPUT',
      { provenance: provenance({ modelSize: { variables: 10, constraints: 5, binaries: 11 } }) },
    ],
    ['scenarioSchedules', 'BID.INVALID_INPUT', { scenarioSchedules: undefined }],
    [
      'scenarioSchedules.p50[1]',
      'BID.INVALID_INPUT',
      { scenarioSchedules: { p50: [1, Number.POSITIVE_INFINITY] } },
    ],
    [
      'shortfall.expectedKwh',
      'BID.INVALID_INPUT',
      { shortfall: { expectedKwh: -1, worstKwh: 2, samples: 5 } },
    ],
    [
      'shortfall.worstKwh',
      'BID.INVALID_INPUT',
      { shortfall: { expectedKwh: 3, worstKwh: 2, samples: 5 } },
    ],
    [
      'shortfall.samples',
      'BID.INVALID_INPUT',
      { shortfall: { expectedKwh: 1, worstKwh: 2, samples: 0 } },
    ],
    [
      'measurements.solveSeconds',
      'BID.INVALID_INPUT',
      { measurements: { solveSeconds: Number.NaN, buildSeconds: 0 } },
    ],
  ])('refuses a bad %s (%s)', (field, code, override) => {
    given([])
      .when(draftBid(override as Parameters<typeof draftBid>[0]))
      .thenThrows(code, field);
  });

  it('keeps only the known fields of the input', () => {
    const extra = { ...curves()[0], note: 'dropped' };
    const [event] = bidDecider.decide(draftBid({ intervals: [extra as never] }), {
      status: 'none',
    });
    expect(event?.type === 'BidDrafted' && event.data.intervals[0]).toEqual(curves()[0]);
  });

  it('keeps the solve times in one field that determinism checks leave out', () => {
    const a = bidDrafted();
    const b = bidDrafted({ measurements: { solveSeconds: 7, buildSeconds: 2 } });
    expect(a).not.toEqual(b);
    expect(withoutMeasurements(a)).toEqual(withoutMeasurements(b));
    expect(JSON.stringify(withoutMeasurements(a))).not.toMatch(/Seconds/);
  });
});
