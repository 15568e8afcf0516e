import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  bidDecider,
  type BidCommand,
  type BidEvent,
  type BidState,
} from '../../../domain/bids/index.js';
import { sellQuantityAt, type IntervalBid } from '../../../domain/market/bid-curve.js';
import { foldEvents } from '../../../domain/shared/decider.js';
import { isDomainError } from '../../../domain/shared/domain-error.js';
import { instantMs } from '../../../domain/shared/iso-instant.js';
import { instantFromMillis } from '../../../domain/shared/time/kst.js';
import {
  GATE,
  amendBid,
  amendedCurves,
  award,
  acknowledgeBid,
  clearBid,
  curves,
  draftBid,
  point,
  rejectBid,
  submitBid,
  withdrawBid,
} from './bid.builders.js';

const GATE_MS = instantMs(GATE);
const MINUTE = 60_000;
/** Offsets from the gate, with the gate instant itself and its neighbours weighted in. */
const OFFSETS_MS = [
  -180 * MINUTE,
  -120 * MINUTE,
  -60 * MINUTE,
  -30 * MINUTE,
  -1,
  0,
  0,
  1,
  60 * MINUTE,
  300 * MINUTE,
];
const CURVES = {
  a: curves(),
  b: amendedCurves,
  // Breaks the 100 kW step: drafts and amendments take it, submissions refuse it.
  offStep: [{ interval: 4, sell: [point(70, 1050)], buy: [] }],
};

type Kind = 'draft' | 'amend' | 'submit' | 'ack' | 'reject' | 'withdraw' | 'clear';
type Step = {
  readonly kind: Kind;
  readonly offsetMs: number;
  readonly id: 1 | 2 | 3;
  readonly curves: keyof typeof CURVES;
  readonly price: number;
  readonly sellKw: number;
};

const stepArb = fc.record<Step>({
  kind: fc.constantFrom<Kind>(
    'draft',
    'amend',
    'submit',
    'submit',
    'ack',
    'ack',
    'reject',
    'withdraw',
    'clear',
    'clear',
  ),
  offsetMs: fc.constantFrom(...OFFSETS_MS),
  id: fc.constantFrom<Step['id']>(1, 1, 1, 2, 3),
  curves: fc.constantFrom<Step['curves']>('a', 'b', 'offStep'),
  price: fc.constantFrom(79, 100, 100, 130),
  sellKw: fc.constantFrom(0, 1000, 1000, 2000),
});

/** Most sequences start with a draft well before the gate, so that they get somewhere. */
const stepsArb = fc
  .tuple(fc.boolean(), fc.array(stepArb, { maxLength: 40, size: 'max' }))
  .map(([startDrafted, steps]): Step[] =>
    startDrafted || steps.length === 0
      ? [
          { kind: 'draft', offsetMs: -180 * MINUTE, id: 1, curves: 'a', price: 0, sellKw: 0 },
          ...steps,
        ]
      : steps,
  );

const commandOf = (step: Step): BidCommand => {
  const at = instantFromMillis(GATE_MS + step.offsetMs).toISO() ?? '';
  const intervals = CURVES[step.curves];
  switch (step.kind) {
    case 'draft':
      return draftBid({ bidId: `draft-${step.id}`, intervals, at });
    case 'amend':
      return amendBid({ intervals, reason: `step ${step.id}`, at });
    case 'submit':
      return submitBid({ submissionId: `sub-${step.id}`, at });
    case 'ack':
      return acknowledgeBid({
        submissionId: `sub-${step.id}`,
        exchangeBidId: `KPX-${step.id}`,
        at,
      });
    case 'reject':
      return rejectBid({ submissionId: `sub-${step.id}`, code: `E-${step.id}`, at });
    case 'withdraw':
      return withdrawBid({ at });
    case 'clear':
      return clearBid([award(10, step.price, step.sellKw)], { at });
  }
};

/** Commands bound by the gate: none of them may append anything from the gate on. */
const GATED = new Set<BidCommand['type']>(['DraftBid', 'AmendBid', 'SubmitBid', 'WithdrawBid']);

interface Run {
  readonly live: BidState;
  readonly events: BidEvent[];
  readonly problems: string[];
}

const run = (steps: readonly Step[]): Run => {
  let live = bidDecider.initialState();
  const events: BidEvent[] = [];
  const problems: string[] = [];
  for (const step of steps) {
    const command = commandOf(step);
    let produced: readonly BidEvent[];
    try {
      produced = bidDecider.decide(command, live);
    } catch (error) {
      if (isDomainError(error)) continue;
      throw error;
    }
    if (GATED.has(command.type) && step.offsetMs >= 0 && produced.length > 0)
      problems.push(
        `${command.type} at gate${step.offsetMs >= 0 ? '+' : ''}${step.offsetMs} ms appended ${produced.length} event(s)`,
      );
    live = produced.reduce(bidDecider.evolve, live);
    events.push(...produced);
    // A retried command appends nothing.
    if (bidDecider.decide(command, live).length > 0)
      problems.push(`${command.type} retried appended events`);
  }
  return { live, events, problems };
};

const reached = new Set<string>();

describe('the bid aggregate over any command sequence', () => {
  it('replays its stored events to the state built live, and appends nothing from the gate on', () => {
    fc.assert(
      fc.property(stepsArb, (steps) => {
        const { live, events, problems } = run(steps);
        expect(problems).toEqual([]);
        // Stored as JSON, read back and folded from scratch.
        const stored = JSON.parse(JSON.stringify(events)) as BidEvent[];
        expect(foldEvents(bidDecider, stored)).toEqual(live);
        for (const event of events) reached.add(event.type);
      }),
      { numRuns: 200 },
    );
    // The sequences did reach every kind of event, so the property was not vacuous.
    expect([...reached].sort()).toEqual([
      'BidAcknowledged',
      'BidAmended',
      'BidCleared',
      'BidDrafted',
      'BidRejected',
      'BidSubmitted',
      'BidWithdrawn',
    ]);
  });

  it('keeps the history consistent: submissions before their gate, answers and awards fitting them', () => {
    fc.assert(
      fc.property(stepsArb, (steps) => {
        const { events } = run(steps);
        const submissionIds = new Set<string>();
        let sent: readonly IntervalBid[] = [];
        let lastSubmissionId = '';
        let status = 'none';
        for (const { type, data } of events) {
          switch (type) {
            case 'BidDrafted':
              expect(['none', 'drafted', 'amended', 'rejected', 'withdrawn']).toContain(status);
              expect(data.draftedAt < GATE).toBe(true);
              status = 'drafted';
              break;
            case 'BidAmended':
              expect(['drafted', 'amended', 'rejected', 'withdrawn']).toContain(status);
              expect(data.amendedAt < GATE).toBe(true);
              status = 'amended';
              break;
            case 'BidSubmitted':
              expect(['drafted', 'amended']).toContain(status);
              expect(submissionIds.has(data.submissionId)).toBe(false);
              expect(data.submittedAt < data.gateAt).toBe(true);
              submissionIds.add(data.submissionId);
              lastSubmissionId = data.submissionId;
              sent = data.intervals;
              status = 'submitted';
              break;
            case 'BidAcknowledged':
            case 'BidRejected':
              expect(status).toBe('submitted');
              expect(data.submissionId).toBe(lastSubmissionId);
              status = type === 'BidAcknowledged' ? 'acknowledged' : 'rejected';
              break;
            case 'BidWithdrawn':
              expect(status).toBe('acknowledged');
              expect(data.withdrawnAt < GATE).toBe(true);
              status = 'withdrawn';
              break;
            case 'BidCleared':
              expect(status).toBe('acknowledged');
              expect(data.clearedAt >= GATE).toBe(true);
              expect(data.submissionId).toBe(lastSubmissionId);
              for (const a of data.awards) {
                const offered = sent.find((bid) => bid.interval === a.interval);
                expect(a.awardedSellKw).toBeLessThanOrEqual(
                  sellQuantityAt(offered?.sell ?? [], a.clearingPriceKrwPerKwh),
                );
              }
              status = 'cleared';
              break;
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
