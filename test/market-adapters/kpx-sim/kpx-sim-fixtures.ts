import type { IntervalBid } from '../../../domain/market/bid-curve.js';
import type { MarketId } from '../../../domain/market/market-rules.js';
import type { TradingDay } from '../../../domain/shared/time/trading-day.js';
import type { KrwPerKwh, Kw } from '../../../domain/shared/units.js';
import type { SubmitBidRequest } from '../../../market-adapters/market-adapter.port.js';
import { openKpxSim, type KpxSim } from '../../../market-adapters/kpx-sim/open-kpx-sim.js';
import type { SmpHistory } from '../../../market-adapters/kpx-sim/smp-history.js';

/** Trading day D of most tests, and the instants of its timeline (KST wall times as UTC). */
export const DAY = '2024-06-03';
export const BEFORE_GATE = '2024-06-02T00:00:00.000Z'; // D-1 09:00 KST
export const GATE = '2024-06-02T01:00:00.000Z'; // D-1 10:00 KST
export const RESULTS = '2024-06-02T06:00:00.000Z'; // D-1 15:00 KST
export const FINAL_RT = '2024-06-04T09:00:00.000Z'; // D+1 18:00 KST

/** A history where the SMP of (market, day, hour-ending) is given by `price`; undefined = gap. */
export const syntheticHistory = (
  price: (market: MarketId, day: string, hourEnding: number) => number | undefined,
): SmpHistory => ({
  smpKrwPerKwh: (market, day: TradingDay, hourEnding) => price(market, day.toString(), hourEnding),
});

/** SMP = 100 + hour-ending on the mainland, 150 + hour-ending in Jeju, every day. */
export const rampHistory = syntheticHistory((market, _day, hourEnding) =>
  market === 'mainland' ? 100 + hourEnding : 150 + hourEnding,
);

export const openMemorySim = (
  options: { history?: SmpHistory; seed?: string; startAt?: string } = {},
): KpxSim =>
  openKpxSim({
    dbPath: ':memory:',
    history: options.history ?? rampHistory,
    seed: options.seed ?? 'test-seed',
    startAt: options.startAt ?? BEFORE_GATE,
  });

export const point = (priceKrwPerKwh: number, quantityKw: number) => ({
  priceKrwPerKwh: priceKrwPerKwh as KrwPerKwh,
  quantityKw: quantityKw as Kw,
});

/** A three-step sell curve and a two-step buy curve in every hour of the day. */
export const stepCurves = (hours = 24): IntervalBid[] =>
  Array.from({ length: hours }, (_, interval) => ({
    interval,
    sell: [point(90, 1_000), point(110, 2_000), point(120, 3_000)],
    buy: [point(50, 1_500), point(105, 1_000)],
  }));

export const bidRequest = (overrides: Partial<SubmitBidRequest> = {}): SubmitBidRequest => ({
  submissionId: 'sub-1',
  portfolioId: 'portfolio-a',
  market: 'mainland',
  tradingDay: DAY,
  intervals: stepCurves(),
  sellCapacityKw: 5_000 as Kw,
  buyCapacityKw: 5_000 as Kw,
  ...overrides,
});
