import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { buyQuantityAt, sellQuantityAt, type IntervalBid } from '../../domain/market/bid-curve.js';
import { bidRuleViolations } from '../../domain/market/bid-curve.validation.js';
import { marketRules } from '../../domain/market/market-rules.js';
import type { KrwPerKwh, Kw } from '../../domain/shared/units.js';
import { fitCurvesToRules, type CompactSchedules } from '../../src/simulation/day-ahead-bid.js';
import { scenarioPerInterval } from '../../src/simulation/deliver-day.js';
import {
  simulationDayDecider,
  type RecordDelivery,
} from '../../src/simulation/simulation-day.events.js';
import { summariseDay } from '../../src/simulation/simulation-summary.js';

const rules = marketRules('mainland');
const { minQuantityKw, quantityStepKw } = rules.curve;

/** What the market rules make of a quantity: down to the step, nothing below the minimum. */
const fitted = (q: number): number => {
  const rounded = Math.floor(q / quantityStepKw + 1e-9) * quantityStepKw;
  return rounded < minQuantityKw ? 0 : rounded;
};

const curve = (side: 'sell' | 'buy') =>
  fc
    .array(
      fc.tuple(fc.integer({ min: 1, max: 400 }), fc.double({ min: 0, max: 5000, noNaN: true })),
      {
        maxLength: 10,
      },
    )
    .map((raw) => {
      const prices = [...new Set(raw.map(([p]) => p))].sort((a, b) => a - b);
      const quantities = raw
        .slice(0, prices.length)
        .map(([, q]) => q)
        .sort((a, b) => (side === 'sell' ? a - b : b - a));
      return prices.map((p, i) => ({
        priceKrwPerKwh: p as KrwPerKwh,
        quantityKw: (quantities[i] ?? 0) as Kw,
      }));
    });

describe('fitCurvesToRules', () => {
  it('makes any monotone curves submittable and offers fit(q) wherever q was offered', () => {
    fc.assert(
      fc.property(curve('sell'), curve('buy'), (sell, buy) => {
        const original: IntervalBid = { interval: 3, sell, buy };
        const result = fitCurvesToRules([original], rules.curve);
        expect(
          bidRuleViolations(result, {
            rules,
            intervalsPerDay: 24,
            sellCapacityKw: 5000 as Kw,
            buyCapacityKw: 5000 as Kw,
          }),
        ).toEqual([]);
        const bid = result[0] ?? { interval: 3, sell: [], buy: [] };
        // The step functions change only at the curves' own prices: probe at and between them.
        const probes = [
          0,
          401,
          ...[...sell, ...buy].flatMap((p) => [p.priceKrwPerKwh, p.priceKrwPerKwh + 0.5]),
        ];
        for (const price of probes) {
          expect(sellQuantityAt(bid.sell, price)).toBe(fitted(sellQuantityAt(sell, price)));
          expect(buyQuantityAt(bid.buy, price)).toBe(fitted(buyQuantityAt(buy, price)));
        }
      }),
    );
  });

  it('drops an interval left with nothing to offer', () => {
    const small: IntervalBid = {
      interval: 0,
      sell: [{ priceKrwPerKwh: 100 as KrwPerKwh, quantityKw: 999.9 as Kw }],
      buy: [],
    };
    expect(fitCurvesToRules([small], rules.curve)).toEqual([]);
  });
});

describe('scenarioPerInterval', () => {
  it('follows the scenario whose position is nearest the award, the first on ties', () => {
    const schedules: CompactSchedules = {
      scenarios: [
        { scenario: 0, probability: 0.5, objectiveKrw: 0, netPositionKw: [0, 1000], assetKw: {} },
        {
          scenario: 1,
          probability: 0.5,
          objectiveKrw: 0,
          netPositionKw: [1000, 2000],
          assetKw: {},
        },
      ],
    };
    expect(scenarioPerInterval(schedules, [900, 1500])).toEqual([1, 0]);
    expect(scenarioPerInterval(schedules, [0, 2500])).toEqual([0, 1]);
  });
});

const delivery = (deliveredNetKwh: number[]): RecordDelivery => ({
  type: 'RecordDelivery',
  data: {
    portfolioId: 'kt-vpp',
    market: 'mainland',
    tradingDay: '2024-06-03',
    intervalMinutes: 60,
    submissionId: 's-1',
    noiseSeed: 'seed',
    pvRelativeStd: 0.1,
    loadRelativeStd: 0.05,
    awardedNetKwh: [1000, 0],
    deliveredNetKwh,
    pvForecastKwh: [500, 0],
    pvActualKwh: [450, 0],
    pvCapacityKw: 1000,
    essFinalSocKwh: {},
    gridViolations: 0,
    dayAheadSmpKrwPerKwh: [100, 200],
    deliveredAt: '2024-06-03T15:00:00.000Z',
  },
});

describe('simulationDayDecider', () => {
  it('records a day once, appends nothing for the same delivery and refuses another', () => {
    const first = simulationDayDecider.decide(
      delivery([900, 10]),
      simulationDayDecider.initialState(),
    );
    expect(first).toHaveLength(1);
    const state = first.reduce(simulationDayDecider.evolve, simulationDayDecider.initialState());
    expect(simulationDayDecider.decide(delivery([900, 10]), state)).toEqual([]);
    expect(() => simulationDayDecider.decide(delivery([800, 10]), state)).toThrow(
      /already delivered/,
    );
  });
});

describe('summariseDay', () => {
  it('prices the awards, measures the deviation and the PV error by the KPX metric', () => {
    const data = delivery([900, 10]).data;
    const summary = summariseDay('2024-06-03', undefined, data);
    expect(summary.deviationKwh).toBe(110);
    expect(summary.meanSmpKrwPerKwh).toBe(150);
    // |500 - 450| / 1000 kW = 5 %; the second hour produced under 10 % of capacity: not counted.
    expect(summary.pvKpxErrorPct).toBe(5);
    expect(summary.pvQualifyingHours).toBe(1);
    expect(summary.status).toBe('delivered');
  });
});
