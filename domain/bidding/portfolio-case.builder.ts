import { DateTime } from 'luxon';
import type { DerParameters } from '../ders/der-parameters.js';
import type { EvSession } from '../ders/der.state.js';
import type {
  CaseAsset,
  CaseCommunity,
  CaseSite,
  PortfolioCase,
  PriceScenario,
} from '../optimisation/portfolio/portfolio-case.js';
import type { MicroSettings } from '../portfolios/portfolio-settings.js';
import { DomainError } from '../shared/domain-error.js';
import { MINUTE_MS } from '../shared/time/kst.js';
import type { TradingDay } from '../shared/time/trading-day.js';

/** One DER of a micro-VPP as it stands at the start of the trading day. */
export interface DerOnDay {
  readonly derId: string;
  readonly parameters: DerParameters;
  /** EV sessions of a charger (any status except cancelled); ignored for other kinds. */
  readonly evSessions?: readonly EvSession[];
  /** Battery state at the start of the day; default the middle of its SoC window. */
  readonly initialSocKwh?: number;
}

export interface MicroVppOnDay {
  readonly microVppId: string;
  readonly settings: MicroSettings;
  /** The community the micro-VPP belongs to on the day, if any. */
  readonly communityId?: string;
  readonly ders: readonly DerOnDay[];
  /** Forecast energy per interval of the forecast's grid (P50), summed over the site's PV. */
  readonly pvForecastKwh?: readonly number[];
  /** Whether every PV DER of the site accepts curtailment. */
  readonly pvCurtailable?: boolean;
  /** Forecast consumption per interval of the forecast's grid (P50). */
  readonly loadForecastKwh?: readonly number[];
}

export interface PortfolioDayInputs {
  readonly day: TradingDay;
  /** The market's day-ahead grid, e.g. 60. */
  readonly intervalMinutes: number;
  /** The grid of the PV and load forecasts; a divisor of `intervalMinutes` (e.g. 15 or 60). */
  readonly forecastIntervalMinutes: number;
  readonly micros: readonly MicroVppOnDay[];
  readonly communities?: readonly CaseCommunity[];
  /** Equally likely (or weighted) SMP paths on the market grid, KRW/kWh. */
  readonly priceScenarios: readonly {
    readonly probability: number;
    readonly smpKrwPerKwh: readonly number[];
  }[];
  /**
   * Added to the SMP for energy the portfolio buys. 0 by default: the wholesale VPP buys and
   * sells its net position at the SMP, so both sides of its curves price at the SMP.
   */
  readonly importAdderKrwPerKwh?: number;
  readonly gridImportLimitKw?: number;
  readonly gridExportLimitKw?: number;
}

const fail = (field: string, message: string): DomainError =>
  new DomainError('BIDDING.INVALID_INPUT', `${field}: ${message}`, field);

/** Sums a finer forecast grid into the market grid and turns energy into average power. */
const toMarketKw = (
  energyKwh: readonly number[],
  inputs: PortfolioDayInputs,
  field: string,
): number[] => {
  const ratio = inputs.intervalMinutes / inputs.forecastIntervalMinutes;
  const intervals = (24 * 60) / inputs.intervalMinutes;
  if (!Number.isInteger(ratio) || ratio < 1)
    throw fail(
      'forecastIntervalMinutes',
      `${inputs.forecastIntervalMinutes} does not divide the market interval of ${inputs.intervalMinutes} minutes`,
    );
  if (energyKwh.length !== intervals * ratio)
    throw fail(field, `expected ${intervals * ratio} values, got ${energyKwh.length}`);
  const hours = inputs.intervalMinutes / 60;
  return Array.from({ length: intervals }, (_, t) => {
    let sum = 0;
    for (let k = 0; k < ratio; k++) {
      const value = energyKwh[t * ratio + k] ?? Number.NaN;
      if (!Number.isFinite(value))
        throw fail(`${field}[${t * ratio + k}]`, `not a finite number: ${value}`);
      sum += value;
    }
    return Math.max(0, sum) / hours;
  });
};

/** The first interval starting at or after `instantMs` (clamped to the day). */
const intervalAtOrAfter = (
  instantMs: number,
  day: TradingDay,
  minutes: number,
  intervals: number,
): number =>
  Math.min(intervals, Math.max(0, Math.ceil((instantMs - day.startMs) / (minutes * MINUTE_MS))));

/** Sessions on the market grid: only whole intervals the car is plugged in for count. */
const evSessions = (
  sessions: readonly EvSession[],
  inputs: PortfolioDayInputs,
  intervals: number,
) =>
  sessions
    .filter((s) => s.status !== 'cancelled' && s.status !== 'unplugged')
    .map((s) => ({
      arrivalInterval: intervalAtOrAfter(
        DateTime.fromISO(s.arrival).toMillis(),
        inputs.day,
        inputs.intervalMinutes,
        intervals,
      ),
      departureInterval: Math.min(
        intervals,
        Math.floor(
          (DateTime.fromISO(s.departure).toMillis() - inputs.day.startMs) /
            (inputs.intervalMinutes * MINUTE_MS),
        ),
      ),
      energyOnArrivalKwh: s.energyOnArrivalKwh,
      energyRequiredKwh: s.energyRequiredAtDepartureKwh,
      batteryKwh: s.batteryKwh,
    }))
    // A session wholly outside the day, or too short for one whole interval, cannot be scheduled.
    .filter((s) => s.departureInterval > s.arrivalInterval)
    .sort((a, b) => a.arrivalInterval - b.arrivalInterval);

const derAsset = (
  der: DerOnDay,
  siteId: string,
  inputs: PortfolioDayInputs,
  intervals: number,
): CaseAsset | undefined => {
  const p = der.parameters;
  switch (p.kind) {
    case 'ess':
      return {
        kind: 'ess',
        id: der.derId,
        siteId,
        chargeKw: p.chargeKw,
        dischargeKw: p.dischargeKw,
        energyKwh: p.energyKwh,
        chargeEfficiency: p.chargeEfficiency,
        dischargeEfficiency: p.dischargeEfficiency,
        initialSocKwh: der.initialSocKwh ?? (p.minSocKwh + p.maxSocKwh) / 2,
        minSocKwh: p.minSocKwh,
        maxSocKwh: p.maxSocKwh,
        degradationCostKrwPerKwh: p.degradationCostKrwPerKwh,
      };
    case 'dr_load':
      return {
        kind: 'dr_load',
        id: der.derId,
        siteId,
        reductionKw: p.maxReductionKw,
        minDurationHours: p.minDurationMinutes / 60,
        maxDurationHours: p.maxDurationMinutes / 60,
        maxActivationsPerDay: p.maxActivationsPerDay,
        maxHoursPerDay: p.maxHoursPerDay,
        noticeMinutes: p.noticeMinutes,
        activationCostKrw: p.activationCostKrw,
        energyCostKrwPerKwh: p.energyCostKrwPerKwh,
        allOrNothing: p.allOrNothing,
      };
    case 'ev_charger':
      return {
        kind: 'ev_charger',
        id: der.derId,
        siteId,
        maxChargeKw: p.maxChargeKw,
        maxDischargeKw: p.maxDischargeKw,
        efficiency: p.efficiency,
        sessions: evSessions(der.evSessions ?? [], inputs, intervals),
      };
    case 'fuel_cell':
      return {
        kind: 'fuel_cell',
        id: der.derId,
        siteId,
        ratedKw: p.ratedKw,
        minStableKw: p.minStableKw,
        rampKwPerInterval: p.rampKwPerMinute * inputs.intervalMinutes,
        fuelCostKrwPerKwh: p.fuelCostKrwPerKwh,
        startCostKrw: p.startCostKrw,
        initialOutputKw: 0,
      };
    case 'pv':
      // PV enters per site, from the site's forecast (forecasts are stored per micro-VPP).
      return undefined;
  }
};

/**
 * The optimiser case of a portfolio for one trading day: one meter per micro-VPP with its grid
 * limits, its flexible DERs one by one, its PV and inflexible load as one forecast each (that is
 * how forecasts are stored), and the SMP scenarios as the price of both directions.
 */
export const buildPortfolioCase = (inputs: PortfolioDayInputs): PortfolioCase => {
  const intervals = (24 * 60) / inputs.intervalMinutes;
  if (!Number.isInteger(intervals))
    throw fail('intervalMinutes', `${inputs.intervalMinutes} does not divide a day`);
  if (inputs.priceScenarios.length === 0)
    throw fail('priceScenarios', 'at least one price scenario is needed');
  const adder = inputs.importAdderKrwPerKwh ?? 0;
  const scenarios: PriceScenario[] = inputs.priceScenarios.map((s, i) => {
    if (s.smpKrwPerKwh.length !== intervals)
      throw fail(
        `priceScenarios[${i}].smpKrwPerKwh`,
        `expected ${intervals} prices, got ${s.smpKrwPerKwh.length}`,
      );
    return {
      probability: s.probability,
      importPricesKrwPerKwh: s.smpKrwPerKwh.map((p) => p + adder),
      exportPricesKrwPerKwh: [...s.smpKrwPerKwh],
    };
  });
  const sites: CaseSite[] = [];
  const assets: CaseAsset[] = [];
  inputs.micros.forEach((micro, m) => {
    const siteId = micro.microVppId;
    sites.push({
      id: siteId,
      importLimitKw: micro.settings.gridImportLimitKw,
      exportLimitKw: micro.settings.gridExportLimitKw,
      ...(micro.communityId !== undefined &&
      (inputs.communities ?? []).some((c) => c.id === micro.communityId)
        ? { communityId: micro.communityId }
        : {}),
    });
    if (micro.pvForecastKwh !== undefined)
      assets.push({
        kind: 'pv',
        id: `pv@${siteId}`,
        siteId,
        forecastKw: toMarketKw(micro.pvForecastKwh, inputs, `micros[${m}].pvForecastKwh`),
        curtailable: micro.pvCurtailable ?? false,
      });
    if (micro.loadForecastKwh !== undefined)
      assets.push({
        kind: 'load',
        id: `load@${siteId}`,
        siteId,
        forecastKw: toMarketKw(micro.loadForecastKwh, inputs, `micros[${m}].loadForecastKwh`),
      });
    for (const der of micro.ders) {
      const asset = derAsset(der, siteId, inputs, intervals);
      if (asset) assets.push(asset);
    }
  });
  return {
    intervalMinutes: inputs.intervalMinutes,
    intervals,
    scenarios,
    ...(inputs.gridImportLimitKw === undefined
      ? {}
      : { gridImportLimitKw: inputs.gridImportLimitKw }),
    ...(inputs.gridExportLimitKw === undefined
      ? {}
      : { gridExportLimitKw: inputs.gridExportLimitKw }),
    sites,
    communities: inputs.communities ?? [],
    assets,
  };
};
