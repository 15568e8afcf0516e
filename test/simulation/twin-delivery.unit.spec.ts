import { describe, expect, it } from '@jest/globals';
import type { DerParameters } from '../../domain/ders/index.js';
import type { ForecastSeries } from '../../domain/forecasting/forecast-series.js';
import type { CurvePoint, IntervalBid } from '../../domain/market/bid-curve.js';
import type { MicroSettings } from '../../domain/portfolios/index.js';
import { TradingDay } from '../../domain/shared/time/trading-day.js';
import { krwPerKwh, kw, kwh } from '../../domain/shared/units.js';
import { DEMO_DERS } from '../../src/fixtures/demo-ders.js';
import type { CompactSchedules } from '../../src/simulation/day-ahead-bid.js';
import { deliverDay, type DeliveryInputs } from '../../src/simulation/deliver-day.js';
import type { SimulatedMicro } from '../../src/simulation/portfolio-day.reader.js';
import { assessInTwin } from '../../src/simulation/twin-deliverability.js';

const DAY = TradingDay.parse('2024-06-03');
const N = 24;
const zeros = (): number[] => Array.from({ length: N }, () => 0);
const at = (t: number, value: number): number[] => zeros().map((_, i) => (i === t ? value : 0));

const parametersOf = (derId: string): DerParameters => {
  const der = DEMO_DERS.find((d) => d.derId === derId);
  if (der === undefined) throw new Error(derId);
  return der.parameters;
};

const settings = (importKw: number, exportKw: number): MicroSettings =>
  ({
    tier: 'micro',
    siteId: 'site',
    gridImportLimitKw: kw(importKw),
    gridExportLimitKw: kw(exportKw),
    tariff: { kind: 'flat', importKrwPerKwh: krwPerKwh(150), exportKrwPerKwh: krwPerKwh(100) },
  }) as MicroSettings;

const batterySite: SimulatedMicro = {
  microVppId: 'micro-ess',
  settings: settings(200, 200),
  ders: [{ derId: 'ess-1', parameters: parametersOf('v2x-ess'), evSessions: [] }],
};

const pvParameters = (curtailable: boolean): DerParameters => {
  const p = parametersOf('pv-yeongcheon');
  return p.kind === 'pv' ? { ...p, curtailable } : p;
};

const pvSite = (id: string, communityId?: string): SimulatedMicro => ({
  microVppId: id,
  settings: settings(30, 900),
  ...(communityId === undefined ? {} : { communityId }),
  ders: [{ derId: `${id}-pv`, parameters: pvParameters(true), evSessions: [] }],
});

const series = (microVppId: string, kind: 'pv' | 'load', values: number[]): ForecastSeries => ({
  microVppId,
  assetKind: kind,
  unit: 'kWh',
  levels: [0.5],
  values: [values],
});

/** Scenario 0 discharges the battery 50 kW at 10:00, scenario 1 keeps it idle. */
const batterySchedules: CompactSchedules = {
  scenarios: [
    {
      scenario: 0,
      probability: 0.5,
      objectiveKrw: 0,
      netPositionKw: at(10, 50),
      assetKw: { 'ess-1': at(10, 50) },
    },
    {
      scenario: 1,
      probability: 0.5,
      objectiveKrw: 0,
      netPositionKw: zeros(),
      assetKw: { 'ess-1': zeros() },
    },
  ],
};

const point = (price: number, quantity: number): CurvePoint => ({
  priceKrwPerKwh: krwPerKwh(price),
  quantityKw: kw(quantity),
});

const base: Omit<DeliveryInputs, 'awards'> = {
  dayStartMs: DAY.startMs,
  intervalMinutes: 60,
  micros: [batterySite],
  forecast: [],
  schedules: batterySchedules,
  initialSocKwh: { 'ess-1': 250 },
  noise: { seed: 's', pvRelativeStd: 0, loadRelativeStd: 0 },
};

describe('deliverDay', () => {
  it('records each battery SoC per interval and the energy per asset kind', () => {
    const { figures } = deliverDay({
      ...base,
      awards: [
        {
          interval: 10,
          clearingPriceKrwPerKwh: krwPerKwh(150),
          awardedSellKw: kw(50),
          awardedBuyKw: kw(0),
        },
      ],
    });
    expect(figures.essSocKwh['ess-1']).toHaveLength(N);
    expect(figures.essSocKwh['ess-1']?.[9]).toBe(250);
    // 50 kWh out of the inverter at 95 %: 52.632 kWh out of the cells.
    expect(figures.essSocKwh['ess-1']?.[10]).toBeCloseTo(250 - 50 / 0.95, 2);
    expect(figures.essFinalSocKwh['ess-1']).toBe(figures.essSocKwh['ess-1']?.[N - 1]);
    expect(figures.kindNetKwh.ess).toEqual(at(10, 50));
    expect(figures.deliveredNetKwh).toEqual(at(10, 50));
  });

  it('adds the sites\u2019 retail load to the market position and reports it as consumption', () => {
    const load = zeros().map(() => 20);
    const result = deliverDay({
      ...base,
      forecast: [series('micro-ess', 'load', load)],
      awards: [],
    });
    // The battery is idle (award 0, scenario 1): the market position is nothing, the meter 20 kWh.
    expect(result.figures.deliveredNetKwh).toEqual(zeros());
    expect(result.figures.kindNetKwh.load).toEqual(load.map((v) => -v));
    expect(result.siteConsumptionKwh['micro-ess']).toEqual(load);
  });

  it('plugs in the day\u2019s EV sessions and follows the scheduled charging', () => {
    const charger = parametersOf('v2x-ev-charger');
    const micro: SimulatedMicro = {
      microVppId: 'micro-ev',
      settings: settings(200, 0),
      ders: [
        {
          derId: 'ev-1',
          parameters: charger,
          evSessions: [
            {
              sessionId: 's1',
              arrival: '2024-06-03T00:00:00.000Z', // 09:00 KST
              departure: '2024-06-03T03:00:00.000Z', // 12:00 KST
              energyOnArrivalKwh: kwh(10),
              energyRequiredAtDepartureKwh: kwh(30),
              batteryKwh: kwh(60),
              status: 'planned',
            },
          ],
        },
      ],
    };
    const charge = zeros().map((_, t) => (t === 9 || t === 10 ? -12 : 0));
    const { figures } = deliverDay({
      ...base,
      micros: [micro],
      schedules: {
        scenarios: [
          {
            scenario: 0,
            probability: 1,
            objectiveKrw: 0,
            netPositionKw: charge,
            assetKw: { 'ev-1': charge },
          },
        ],
      },
      initialSocKwh: {},
      awards: [],
    });
    // Without the session the twin has no car to charge; with it, it charges as scheduled.
    expect(figures.kindNetKwh.ev_charger).toEqual(charge);
  });

  it('curtails PV where the schedule did, and keeps a community within its export limit', () => {
    const pv = zeros().map((_, t) => (t >= 10 && t <= 13 ? 600 : 0));
    const inputs = {
      ...base,
      micros: [pvSite('a', 'c'), pvSite('b', 'c')],
      communities: [{ id: 'c', exportLimitKw: 1000 }],
      forecast: [series('a', 'pv', pv), series('b', 'pv', pv)],
      // Site a's schedule curtails to 400 kW at 12:00; b exports its forecast.
      schedules: {
        scenarios: [
          {
            scenario: 0,
            probability: 1,
            objectiveKrw: 0,
            netPositionKw: pv.map((v, t) => (t === 12 ? 400 : v) + v),
            assetKw: { 'pv@a': pv.map((v, t) => (t === 12 ? 400 : v)), 'pv@b': pv },
          },
        ],
      },
      initialSocKwh: {},
      awards: [],
    };
    const { figures } = deliverDay(inputs);
    const delivered = figures.deliveredNetKwh;
    // 1,200 kW of forecast PV in a 1,000 kW community: never above the limit.
    for (let t = 0; t < N; t++) expect(delivered[t]).toBeLessThanOrEqual(1000 + 1e-6);
    expect(delivered[11]).toBeCloseTo(1000, 3);
    expect(figures.gridViolations).toBe(0);
    // Without the community limit, the schedule's curtailment at 12:00 alone is followed.
    const free = deliverDay({ ...inputs, communities: [] }).figures.deliveredNetKwh;
    expect(free[11]).toBeCloseTo(1200, 3);
    expect(free[12]).toBeCloseTo(1000, 3);
  });
});

describe('assessInTwin (deliverability in the digital twin)', () => {
  const curves = (sellKw: number): IntervalBid[] => [
    { interval: 10, sell: [point(100, sellKw)], buy: [] },
  ];
  const flat = (price: number): number[] => zeros().map(() => price);
  const delivery = { ...base };

  it('finds no shortfall when the awards are the schedules\u2019 positions', () => {
    const assessment = assessInTwin({
      delivery,
      curves: curves(50),
      priceSequences: [flat(150), flat(50), flat(150)],
    });
    expect(assessment).toMatchObject({ samples: 3, expectedShortfallKwh: 0, worstShortfallKwh: 0 });
    // Two distinct dispatches (discharge, idle) for three samples.
    expect(assessment.twinRuns).toBe(2);
  });

  it('reports, not hides, what a curve promises beyond the battery', () => {
    const assessment = assessInTwin({
      delivery,
      curves: curves(120),
      priceSequences: [flat(150), flat(50)],
    });
    // Awarded 120 kWh at 150 KRW, the battery's inverter gives 50: 70 kWh short; none at 50 KRW.
    expect(assessment.worstShortfallKwh).toBeCloseTo(70, 3);
    expect(assessment.expectedShortfallKwh).toBeCloseTo(35, 3);
    expect(assessment.expectedUnderKwh).toBeCloseTo(35, 3);
  });

  it('is deterministic and runs each site group once per distinct dispatch', () => {
    const pv = zeros().map((_, t) => (t >= 10 && t <= 13 ? 300 : 0));
    const input = {
      delivery: {
        ...delivery,
        micros: [batterySite, pvSite('p')],
        forecast: [series('p', 'pv', pv)],
        schedules: {
          scenarios: batterySchedules.scenarios.map((s) => ({
            ...s,
            netPositionKw: s.netPositionKw.map((v, t) => v + (pv[t] ?? 0)),
            assetKw: { ...s.assetKw, 'pv@p': pv },
          })),
        },
      },
      // 350 kW (battery and PV) at 10:00 when the price clears at 100 or more.
      curves: curves(350),
      priceSequences: Array.from({ length: 50 }, (_, i) => flat(i % 2 === 0 ? 150 : 50)),
    };
    const first = assessInTwin(input);
    expect(assessInTwin(input)).toEqual(first);
    // The PV site dispatches alike in both scenarios: 1 run; the battery site: 2.
    expect(first.twinRuns).toBe(3);
    // PV delivered outside the award is shortfall the curves cause: 3 x 300 kWh when 10:00 clears,
    // 4 x 300 kWh when it does not.
    expect(first.worstShortfallKwh).toBeCloseTo(1200, 3);
    expect(first.expectedShortfallKwh).toBeCloseTo(1050, 3);
  });
});
