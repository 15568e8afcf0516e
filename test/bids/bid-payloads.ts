import { dayIndexOf, valueAt } from '../../domain/forecasting/hourly-series.js';
import { sellQuantityAt, type IntervalBid } from '../../domain/market/bid-curve.js';
import { TradingDay } from '../../domain/shared/time/trading-day.js';
import type { KrwPerKwh, Kw } from '../../domain/shared/units.js';
import { readSharedKpxSeries } from '../support/shared-kpx-series.js';

export const point = (priceKrwPerKwh: number, quantityKw: number) => ({
  priceKrwPerKwh: priceKrwPerKwh as KrwPerKwh,
  quantityKw: quantityKw as Kw,
});

/**
 * Sell 1 MW from 100 KRW/kWh and 1.2 MW from 130 in every hour, buy nothing: on the rules'
 * 100 kW steps, above their 1 MW minimum and within the demo VPP's registered capacity.
 */
export const sellCurves = (hours = 24): IntervalBid[] =>
  Array.from({ length: hours }, (_, interval) => ({
    interval,
    sell: [point(100, 1_000), point(130, 1_200)],
    buy: [],
  }));

/** A DraftBid payload as the bid builder would send it. */
export const draftPayload = (overrides: Record<string, unknown> = {}) => ({
  bidId: 'draft-1',
  intervalMinutes: 60,
  intervals: sellCurves(),
  provenance: {
    forecastVersion: 1,
    scenarioSetId: 'smp-scenarios-1',
    scenarioSeed: 42,
    scenarioCount: 20,
    solver: { name: 'glpk.js', version: '5.0.0' },
    status: 'optimal',
    gapPct: 0,
    objectiveKrw: 1_234_567,
    modelSize: { variables: 480, constraints: 720, binaries: 24 },
  },
  scenarioSchedules: { scenarios: 20 },
  shortfall: { expectedKwh: 12.5, worstKwh: 80, samples: 20 },
  measurements: { solveSeconds: 0.4, buildSeconds: 0.1 },
  ...overrides,
});

// The demo bid of the bid tests. 09:00 KST on 2024-06-01: the demo's memberships start on 06-02.
// The bid is for 06-03 in the mainland market: gate 06-02 10:00 KST (01:00 UTC), results 06-02
// 15:00 KST (06:00 UTC).
export const START = '2024-06-01T00:00:00.000Z';
export const DAY = '2024-06-03';
export const GATE = '2024-06-02T01:00:00.000Z';
export const RESULTS_AT = '2024-06-02T06:00:00.000Z';
export const AFTER_RESULTS = '2024-06-02T06:00:01.000Z';
export const BID = `/portfolios/kt-vpp/bids/mainland/${DAY}`;
export const STREAM = `bid-kt-vpp-mainland-${DAY}`;

/** The historical SMP of each hour of DAY, and what `sellCurves()` sells at it. */
export const expectedAwards = () => {
  const smp = readSharedKpxSeries(
    'smp-hourly-2020-2024.csv',
    'smp_mainland_krw_per_kwh',
    'KRW/kWh',
  );
  const dayIndex = dayIndexOf(smp, TradingDay.parse(DAY));
  return sellCurves().map(({ interval, sell }) => {
    const price = valueAt(smp, dayIndex, interval + 1);
    return {
      interval,
      clearingPriceKrwPerKwh: price,
      awardedSellKw: sellQuantityAt(sell, price),
      awardedBuyKw: 0,
    };
  });
};
