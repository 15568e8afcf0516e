import type {
  AcknowledgeBid,
  AmendBid,
  BidAward,
  BidEvent,
  BidKey,
  BidProvenance,
  ClearBid,
  DraftBid,
  RejectBid,
  SubmitBid,
  WithdrawBid,
} from '../../../domain/bids/index.js';
import type { CurvePoint, IntervalBid } from '../../../domain/market/bid-curve.js';
import { marketRules, type MarketRuleOverrides } from '../../../domain/market/market-rules.js';
import { krw, krwPerKwh, kw, kwh } from '../../../domain/shared/units.js';

/** Trading day D; the mainland day-ahead gate for it is D-1 10:00 KST = D-1 01:00 UTC. */
export const DAY = '2025-06-03';
export const GATE = '2025-06-02T01:00:00.000Z';
export const BEFORE_GATE = '2025-06-02T00:30:00.000Z';
export const JUST_BEFORE_GATE = '2025-06-02T00:59:59.999Z';
/** The gate instant itself, in KST: offers are due *before* it. */
export const AT_GATE_KST = '2025-06-02T10:00:00+09:00';
export const AFTER_GATE = '2025-06-02T06:00:00.000Z';
export const KEY: BidKey = { portfolioId: 'p-1', market: 'mainland', tradingDay: DAY };

export const point = (priceKrwPerKwh: number, quantityKw: number): CurvePoint => ({
  priceKrwPerKwh: krwPerKwh(priceKrwPerKwh),
  quantityKw: kw(quantityKw),
});

/** Valid for the mainland defaults: 2 steps of whole 100 kW, at least 1000 kW, in 0..1000. */
export const curves = (sellTopKw = 2000): IntervalBid[] => [
  { interval: 10, sell: [point(80, 1000), point(120, sellTopKw)], buy: [] },
  { interval: 18, sell: [point(150, 1500)], buy: [point(40, 1200)] },
];

export const amendedCurves: IntervalBid[] = [
  { interval: 10, sell: [point(90, 1000), point(130, 1800)], buy: [] },
  { interval: 18, sell: [point(150, 1500)], buy: [point(40, 1200)] },
];

export const provenance = (o: Partial<BidProvenance> = {}): BidProvenance => ({
  forecastVersion: 2,
  scenarioSetId: 'scn-2025-06-03-a',
  scenarioSeed: 42,
  scenarioCount: 50,
  solver: { name: 'highs', version: '1.7.2' },
  status: 'optimal',
  gapPct: 0.01,
  boundKrw: krw(1_234_600),
  objectiveKrw: krw(1_234_500),
  modelSize: { variables: 4_800, constraints: 9_100, binaries: 240 },
  ...o,
});

const draftData = {
  bidId: 'draft-1',
  ...KEY,
  intervalMinutes: 60,
  intervals: curves(),
  provenance: provenance(),
  scenarioSchedules: { p50DischargeKwh: [0, 120.5], worstScenario: 'scn-17' },
  shortfall: { expectedKwh: kwh(12.5), worstKwh: kwh(80), samples: 50 },
  measurements: { solveSeconds: 3.2, buildSeconds: 0.4 },
};

export const draftBid = (o: Partial<DraftBid['data']> = {}): DraftBid => ({
  type: 'DraftBid',
  data: { ...draftData, ruleOverrides: {}, at: BEFORE_GATE, ...o },
});

export const bidDrafted = (
  o: Partial<typeof draftData & { draftedAt: string }> = {},
): BidEvent => ({
  type: 'BidDrafted',
  data: { ...draftData, draftedAt: BEFORE_GATE, ...o },
});

export const amendBid = (o: Partial<AmendBid['data']> = {}): AmendBid => ({
  type: 'AmendBid',
  data: {
    ...KEY,
    ruleOverrides: {},
    intervals: amendedCurves,
    reason: 'expected SMP spike at 11:00, raise the second step',
    amendedBy: 'trader-kim',
    at: BEFORE_GATE,
    ...o,
  },
});

export const bidAmended = (intervals: IntervalBid[] = amendedCurves): BidEvent => ({
  type: 'BidAmended',
  data: {
    intervals,
    reason: 'expected SMP spike at 11:00, raise the second step',
    amendedBy: 'trader-kim',
    amendedAt: BEFORE_GATE,
  },
});

export const submitBid = (o: Partial<SubmitBid['data']> = {}): SubmitBid => ({
  type: 'SubmitBid',
  data: {
    ...KEY,
    ruleOverrides: {},
    submissionId: 'sub-1',
    submittedBy: 'trader-kim',
    sellCapacityKw: kw(5000),
    buyCapacityKw: kw(3000),
    at: BEFORE_GATE,
    ...o,
  },
});

export const bidSubmitted = (
  submissionId = 'sub-1',
  intervals: IntervalBid[] = curves(),
  bidId = 'draft-1',
  sellCapacityKw = 5000,
  overrides: MarketRuleOverrides = {},
): BidEvent => ({
  type: 'BidSubmitted',
  data: {
    submissionId,
    bidId,
    intervals,
    limits: {
      curve: marketRules('mainland', overrides).curve,
      intervalsPerDay: 24,
      sellCapacityKw: kw(sellCapacityKw),
      buyCapacityKw: kw(3000),
    },
    gateAt: GATE,
    submittedBy: 'trader-kim',
    submittedAt: BEFORE_GATE,
  },
});

export const acknowledgeBid = (o: Partial<AcknowledgeBid['data']> = {}): AcknowledgeBid => ({
  type: 'AcknowledgeBid',
  data: { ...KEY, submissionId: 'sub-1', exchangeBidId: 'KPX-778812', at: BEFORE_GATE, ...o },
});

export const bidAcknowledged = (
  submissionId = 'sub-1',
  exchangeBidId = 'KPX-778812',
): BidEvent => ({
  type: 'BidAcknowledged',
  data: { submissionId, exchangeBidId, acknowledgedAt: BEFORE_GATE },
});

export const rejectBid = (o: Partial<RejectBid['data']> = {}): RejectBid => ({
  type: 'RejectBid',
  data: {
    ...KEY,
    submissionId: 'sub-1',
    code: 'E-QTY-STEP',
    reason: 'quantity of interval 11 is not a multiple of 0.1 MW',
    at: BEFORE_GATE,
    ...o,
  },
});

export const bidRejected = (submissionId = 'sub-1'): BidEvent => ({
  type: 'BidRejected',
  data: {
    submissionId,
    code: 'E-QTY-STEP',
    reason: 'quantity of interval 11 is not a multiple of 0.1 MW',
    rejectedAt: BEFORE_GATE,
  },
});

export const withdrawBid = (o: Partial<WithdrawBid['data']> = {}): WithdrawBid => ({
  type: 'WithdrawBid',
  data: {
    ...KEY,
    ruleOverrides: {},
    reason: 'battery fault reported by site',
    withdrawnBy: 'trader-kim',
    at: BEFORE_GATE,
    ...o,
  },
});

export const bidWithdrawn = (submissionId = 'sub-1'): BidEvent => ({
  type: 'BidWithdrawn',
  data: {
    submissionId,
    reason: 'battery fault reported by site',
    withdrawnBy: 'trader-kim',
    withdrawnAt: BEFORE_GATE,
  },
});

export const award = (
  interval: number,
  clearingPriceKrwPerKwh: number,
  awardedSellKw: number,
  awardedBuyKw = 0,
): BidAward => ({
  interval,
  clearingPriceKrwPerKwh: krwPerKwh(clearingPriceKrwPerKwh),
  awardedSellKw: kw(awardedSellKw),
  awardedBuyKw: kw(awardedBuyKw),
});

/** Results are published D-1 15:00 KST, after the gate. */
export const RESULTS_AT = '2025-06-02T06:00:00.000Z';

export const clearBid = (awards: BidAward[], o: Partial<ClearBid['data']> = {}): ClearBid => ({
  type: 'ClearBid',
  data: { ...KEY, awards, at: RESULTS_AT, ...o },
});

export const bidCleared = (awards: BidAward[], submissionId = 'sub-1'): BidEvent => ({
  type: 'BidCleared',
  data: { submissionId, awards, clearedAt: RESULTS_AT },
});

/** Histories that reach each status. */
export const drafted = [bidDrafted()];
export const submitted = [bidDrafted(), bidSubmitted()];
export const acknowledged = [...submitted, bidAcknowledged()];
export const rejected = [...submitted, bidRejected()];
export const withdrawn = [...acknowledged, bidWithdrawn()];
export const cleared = [...acknowledged, bidCleared([award(10, 100, 1000)])];
