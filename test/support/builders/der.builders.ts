import type {
  AssignDerToPortfolio,
  DerParameters,
  DrLoadParameters,
  EssParameters,
  EvChargerParameters,
  EvSessionSpec,
  FuelCellParameters,
  PvParameters,
  RegisterDer,
} from '../../../domain/ders/index.js';
import type { DerEvent } from '../../../domain/ders/der.events.js';
import { kw, kwh, krw, krwPerKwh } from '../../../domain/shared/units.js';

/** 10:00 KST on Monday 2025-03-10: today is 03-10, so 03-11 is the first day not yet bid. */
export const NOW = '2025-03-10T01:00:00.000Z';
export const TODAY = '2025-03-10';
export const FIRST_OPEN_DAY = '2025-03-11';
export const LATER = '2025-03-12T00:00:00.000Z';

export const pv = (o: Partial<PvParameters> = {}): PvParameters => ({
  kind: 'pv',
  capacityKwp: kw(100),
  inverterKw: kw(90),
  siteId: 'v2x-testbed',
  curtailable: true,
  ...o,
});

export const ess = (o: Partial<EssParameters> = {}): EssParameters => ({
  kind: 'ess',
  chargeKw: kw(50),
  dischargeKw: kw(50),
  energyKwh: kwh(500),
  chargeEfficiency: 0.95,
  dischargeEfficiency: 0.95,
  minSocKwh: kwh(50),
  maxSocKwh: kwh(475),
  degradationCostKrwPerKwh: krwPerKwh(30),
  ...o,
});

export const drLoad = (o: Partial<DrLoadParameters> = {}): DrLoadParameters => ({
  kind: 'dr_load',
  maxReductionKw: kw(300),
  minDurationMinutes: 60,
  maxDurationMinutes: 240,
  maxActivationsPerDay: 2,
  maxHoursPerDay: 4,
  noticeMinutes: 60,
  activationCostKrw: krw(50_000),
  energyCostKrwPerKwh: krwPerKwh(120),
  allOrNothing: false,
  cblMethod: 'kpx_mid_6_10',
  ...o,
});

export const evCharger = (o: Partial<EvChargerParameters> = {}): EvChargerParameters => ({
  kind: 'ev_charger',
  maxChargeKw: kw(11),
  maxDischargeKw: kw(11),
  efficiency: 0.9,
  ...o,
});

export const fuelCell = (o: Partial<FuelCellParameters> = {}): FuelCellParameters => ({
  kind: 'fuel_cell',
  ratedKw: kw(25),
  minStableKw: kw(5),
  rampKwPerMinute: 2.5,
  fuelCostKrwPerKwh: krwPerKwh(180),
  startCostKrw: krw(10_000),
  ...o,
});

export const registerDer = (
  parameters: DerParameters,
  o: Partial<RegisterDer['data']> = {},
): RegisterDer => ({ type: 'RegisterDer', data: { derId: 'der-1', parameters, now: NOW, ...o } });

export const derRegistered = (parameters: DerParameters, derId = 'der-1'): DerEvent => ({
  type: 'DerRegistered',
  data: { derId, parameters, registeredAt: NOW },
});

export const assignDer = (o: Partial<AssignDerToPortfolio['data']> = {}): AssignDerToPortfolio => ({
  type: 'AssignDerToPortfolio',
  data: {
    derId: 'der-1',
    microPortfolioId: 'micro-a',
    portfolioTier: 'micro',
    portfolioStatus: 'open',
    fromDay: FIRST_OPEN_DAY,
    firstOpenDay: FIRST_OPEN_DAY,
    now: NOW,
    ...o,
  },
});

export const derAssigned = (
  microPortfolioId: string,
  fromDay: string,
  derId = 'der-1',
): DerEvent => ({
  type: 'DerAssignedToPortfolio',
  data: { derId, microPortfolioId, fromDay, assignedAt: NOW },
});

/** Arrives 18:00 KST, leaves 08:00 KST: 14 h at 11 kW x 0.9 can add 138.6 kWh. */
export const evSession = (o: Partial<EvSessionSpec> = {}): EvSessionSpec => ({
  sessionId: 'session-1',
  arrival: '2025-03-10T09:00:00.000Z',
  departure: '2025-03-10T23:00:00.000Z',
  energyOnArrivalKwh: kwh(20),
  energyRequiredAtDepartureKwh: kwh(60),
  batteryKwh: kwh(77),
  ...o,
});
