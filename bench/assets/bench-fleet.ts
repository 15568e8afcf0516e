import type { DerParameters } from '../../domain/ders/index.js';
import type { PortfolioSettings } from '../../domain/portfolios/index.js';
import { krw, krwPerKwh, kw, kwh } from '../../domain/shared/units.js';

export const WHOLESALE_ID = 'bench-vpp';
const COMMUNITIES = 10;

/** One wholesale VPP over 10 communities over `micros` micro-VPPs of `dersPerMicro` DERs each. */
export interface FleetShape {
  readonly micros: number;
  readonly dersPerMicro: number;
}

export interface FleetPortfolio {
  readonly portfolioId: string;
  readonly settings: PortfolioSettings;
  readonly parentId?: string;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

export const microId = (m: number): string => `bench-m-${pad(m, 4)}`;
export const derIdOf = (m: number, d: number): string => `${microId(m)}-d${pad(d, 3)}`;
const communityId = (c: number): string => `bench-c-${pad(c, 2)}`;

/** Parents first, as attaching needs. */
export const fleetPortfolios = (shape: FleetShape): FleetPortfolio[] => [
  {
    portfolioId: WHOLESALE_ID,
    settings: { tier: 'wholesale', kpxParticipantId: 'KPX-BENCH-0001', market: 'mainland' },
  },
  ...Array.from({ length: COMMUNITIES }, (_, c) => ({
    portfolioId: communityId(c),
    settings: { tier: 'community', internalPrice: { kind: 'midpoint' } } as const,
    parentId: WHOLESALE_ID,
  })),
  ...Array.from({ length: shape.micros }, (_, m) => ({
    portfolioId: microId(m),
    settings: {
      tier: 'micro',
      siteId: `bench-site-${pad(m, 4)}`,
      gridImportLimitKw: kw(2_000),
      gridExportLimitKw: kw(1_000),
      tariff: { kind: 'flat', importKrwPerKwh: krwPerKwh(150), exportKrwPerKwh: krwPerKwh(90) },
    } as const,
    parentId: communityId(m % COMMUNITIES),
  })),
];

/**
 * The d-th DER of a micro-VPP, by share of a hundred: 40 PV plants, 20 ESS, 20 EV chargers,
 * 15 DR loads and 5 fuel cells: small sites, as the paper's fleet of buildings and car parks.
 */
export const derParametersOf = (m: number, d: number): DerParameters => {
  const slot = d % 100;
  if (slot < 40)
    return {
      kind: 'pv',
      capacityKwp: kw(30),
      inverterKw: kw(25),
      siteId: `bench-site-${pad(m, 4)}`,
      curtailable: slot % 2 === 0,
    };
  if (slot < 60)
    return {
      kind: 'ess',
      chargeKw: kw(50),
      dischargeKw: kw(50),
      energyKwh: kwh(200),
      chargeEfficiency: 0.95,
      dischargeEfficiency: 0.95,
      minSocKwh: kwh(20),
      maxSocKwh: kwh(190),
      degradationCostKrwPerKwh: krwPerKwh(30),
    };
  if (slot < 80)
    return { kind: 'ev_charger', maxChargeKw: kw(11), maxDischargeKw: kw(11), efficiency: 0.9 };
  if (slot < 95)
    return {
      kind: 'dr_load',
      maxReductionKw: kw(40),
      minDurationMinutes: 60,
      maxDurationMinutes: 240,
      maxActivationsPerDay: 2,
      maxHoursPerDay: 4,
      noticeMinutes: 60,
      activationCostKrw: krw(10_000),
      energyCostKrwPerKwh: krwPerKwh(120),
      allOrNothing: false,
      cblMethod: 'kpx_mid_6_10',
    };
  return {
    kind: 'fuel_cell',
    ratedKw: kw(25),
    minStableKw: kw(5),
    rampKwPerMinute: 2.5,
    fuelCostKrwPerKwh: krwPerKwh(180),
    startCostKrw: krw(10_000),
  };
};

export const derCount = (shape: FleetShape): number => shape.micros * shape.dersPerMicro;
