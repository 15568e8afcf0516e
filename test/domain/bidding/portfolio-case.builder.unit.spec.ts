import { describe, expect, it } from '@jest/globals';
import {
  buildPortfolioCase,
  type MicroVppOnDay,
  type PortfolioDayInputs,
} from '../../../domain/bidding/portfolio-case.builder.js';
import type { DerParameters } from '../../../domain/ders/der-parameters.js';
import type { EvSession } from '../../../domain/ders/der.state.js';
import type { MicroSettings } from '../../../domain/portfolios/portfolio-settings.js';
import { TradingDay } from '../../../domain/shared/time/trading-day.js';
import { expectDomainError } from '../../support/expect-domain-error.js';

const day = TradingDay.parse('2024-06-03');
const settings = {
  tier: 'micro',
  siteId: 'site-a',
  gridImportLimitKw: 500,
  gridExportLimitKw: 300,
  tariff: { kind: 'flat', importKrwPerKwh: 150, exportKrwPerKwh: 90 },
} as unknown as MicroSettings;

const ess = {
  kind: 'ess',
  chargeKw: 100,
  dischargeKw: 100,
  energyKwh: 400,
  chargeEfficiency: 0.95,
  dischargeEfficiency: 0.95,
  minSocKwh: 40,
  maxSocKwh: 360,
  degradationCostKrwPerKwh: 5,
} as unknown as DerParameters;

const fuelCell = {
  kind: 'fuel_cell',
  ratedKw: 200,
  minStableKw: 60,
  rampKwPerMinute: 2,
  fuelCostKrwPerKwh: 120,
  startCostKrw: 30_000,
} as unknown as DerParameters;

const charger = {
  kind: 'ev_charger',
  maxChargeKw: 11,
  maxDischargeKw: 11,
  efficiency: 0.9,
} as unknown as DerParameters;

// 08:30 KST arrival, 17:00 KST departure on 2024-06-03.
const session = {
  sessionId: 's1',
  arrival: '2024-06-02T23:30:00.000Z',
  departure: '2024-06-03T08:00:00.000Z',
  energyOnArrivalKwh: 10,
  energyRequiredAtDepartureKwh: 40,
  batteryKwh: 60,
  status: 'planned',
} as unknown as EvSession;

const micro: MicroVppOnDay = {
  microVppId: 'micro-a',
  settings,
  communityId: 'comm-1',
  ders: [
    { derId: 'ess-1', parameters: ess },
    { derId: 'fc-1', parameters: fuelCell },
    { derId: 'ev-1', parameters: charger, evSessions: [session] },
  ],
  pvForecastKwh: Array.from({ length: 96 }, (_, i) => (i >= 40 && i < 44 ? 25 : 0)),
  pvCurtailable: true,
  loadForecastKwh: Array.from({ length: 96 }, () => 10),
};

const inputs: PortfolioDayInputs = {
  day,
  intervalMinutes: 60,
  forecastIntervalMinutes: 15,
  micros: [micro],
  communities: [{ id: 'comm-1', exportLimitKw: 250 }],
  priceScenarios: [
    { probability: 0.5, smpKrwPerKwh: Array.from({ length: 24 }, () => 100) },
    { probability: 0.5, smpKrwPerKwh: Array.from({ length: 24 }, () => 140) },
  ],
  importAdderKrwPerKwh: 8,
};

describe('portfolio case builder', () => {
  const built = buildPortfolioCase(inputs);

  it('makes one meter per micro-VPP with its grid limits and community', () => {
    expect(built.sites).toEqual([
      { id: 'micro-a', importLimitKw: 500, exportLimitKw: 300, communityId: 'comm-1' },
    ]);
    expect(built.communities).toEqual([{ id: 'comm-1', exportLimitKw: 250 }]);
    expect(built.intervals).toBe(24);
  });

  it('sums 15-minute forecast energy into hourly average power', () => {
    const pv = built.assets.find((a) => a.id === 'pv@micro-a');
    const load = built.assets.find((a) => a.id === 'load@micro-a');
    expect(pv?.kind === 'pv' && pv.forecastKw[10]).toBe(100);
    expect(pv?.kind === 'pv' && pv.forecastKw[9]).toBe(0);
    expect(pv?.kind === 'pv' && pv.curtailable).toBe(true);
    expect(load?.kind === 'load' && load.forecastKw.every((kw) => kw === 40)).toBe(true);
  });

  it('prices exports at the SMP and imports at the SMP plus the adder, per scenario', () => {
    expect(
      built.scenarios.map((s) => [
        s.probability,
        s.exportPricesKrwPerKwh[0],
        s.importPricesKrwPerKwh[0],
      ]),
    ).toEqual([
      [0.5, 100, 108],
      [0.5, 140, 148],
    ]);
  });

  it('maps DER parameters onto the case, starting a battery mid-window by default', () => {
    const battery = built.assets.find((a) => a.id === 'ess-1');
    expect(battery).toMatchObject({
      kind: 'ess',
      initialSocKwh: 200,
      minSocKwh: 40,
      maxSocKwh: 360,
    });
    expect(built.assets.find((a) => a.id === 'fc-1')).toMatchObject({
      rampKwPerInterval: 120,
      initialOutputKw: 0,
    });
  });

  it('puts an EV session on the whole hours it is plugged in for', () => {
    const ev = built.assets.find((a) => a.id === 'ev-1');
    expect(ev?.kind === 'ev_charger' && ev.sessions).toEqual([
      {
        arrivalInterval: 9,
        departureInterval: 17,
        energyOnArrivalKwh: 10,
        energyRequiredKwh: 40,
        batteryKwh: 60,
      },
    ]);
  });

  it('rejects a forecast of the wrong length and a price path of the wrong length, naming them', () => {
    const shortPv = { ...inputs, micros: [{ ...micro, pvForecastKwh: [1, 2, 3] }] };
    expect(
      expectDomainError(() => buildPortfolioCase(shortPv), 'BIDDING.INVALID_INPUT').field,
    ).toBe('micros[0].pvForecastKwh');
    const shortPrices = { ...inputs, priceScenarios: [{ probability: 1, smpKrwPerKwh: [1] }] };
    expect(
      expectDomainError(() => buildPortfolioCase(shortPrices), 'BIDDING.INVALID_INPUT').field,
    ).toBe('priceScenarios[0].smpKrwPerKwh');
  });
});
