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

/**
 * Bids the exchange refuses, each with the code of its refusal and the JSON path it names:
 * `[what is wrong, the change to bidRequest(), code, field]`.
 */
export const BAD_BIDS: readonly (readonly [string, Partial<SubmitBidRequest>, string, string])[] = [
  [
    'a non-monotone sell curve',
    { intervals: [{ interval: 0, sell: [point(100, 2_000), point(110, 1_000)], buy: [] }] },
    'BID.NOT_MONOTONE',
    'intervals[0].sell[1]',
  ],
  [
    'more segments than allowed',
    {
      intervals: [
        {
          interval: 0,
          sell: Array.from({ length: 11 }, (_, k) => point(10 * k, 1_000 + 100 * k)),
          buy: [],
        },
      ],
    },
    'BID.TOO_MANY_SEGMENTS',
    'intervals[0].sell',
  ],
  [
    'a price beyond the cap',
    { intervals: [{ interval: 0, sell: [point(1_000.01, 1_000)], buy: [] }] },
    'BID.PRICE_OUT_OF_LIMITS',
    'intervals[0].sell[0].priceKrwPerKwh',
  ],
  [
    'an interval off the grid',
    { intervals: [{ interval: 24, sell: [point(100, 1_000)], buy: [] }] },
    'BID.INTERVAL_OUT_OF_GRID',
    'intervals[0].interval',
  ],
  ['an unknown market', { market: 'kyushu' as never }, 'BID.UNKNOWN_PRODUCT', 'market'],
  ['an unknown product', { product: 'capacity' as never }, 'BID.UNKNOWN_PRODUCT', 'product'],
  [
    'a quantity above the registered capacity',
    { sellCapacityKw: 2_000 as Kw },
    'BID.QUANTITY_ABOVE_CAPACITY',
    'intervals[0].sell[2].quantityKw',
  ],
];
