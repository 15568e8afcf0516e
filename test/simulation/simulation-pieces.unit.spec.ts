import { describe, expect, it } from '@jest/globals';
import type { CompactSchedules } from '../../src/simulation/day-ahead-bid.js';
import { scenarioPerInterval } from '../../src/simulation/deliver-day.js';
import {
  simulationDayDecider,
  type RecordDelivery,
} from '../../src/simulation/simulation-day.events.js';
import { summariseDay } from '../../src/simulation/simulation-summary.js';

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
    essSocKwh: {},
    kindNetKwh: {},
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
