import type { IntervalBid } from '../../domain/market/bid-curve.js';
import type { KrwPerKwh, Kw } from '../../domain/shared/units.js';

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
