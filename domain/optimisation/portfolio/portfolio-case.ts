/**
 * The optimiser's input: a portfolio of assets behind one or more meters, and a horizon of
 * intervals on the market's grid with one or more price scenarios. Validated by
 * `parsePortfolioCase` (case-validation.ts), which also accepts the reference benchmark instances
 * (reference-instance.ts).
 *
 * Conventions:
 * - Powers are interval averages in kW; energy per interval is power x `intervalMinutes / 60` h.
 * - Interval indices are 0-based; the horizon is the length of the price arrays (a trading day has
 *   1440 / intervalMinutes intervals, shorter horizons are accepted for intraday use and tests).
 * - Storage levels (`socKwh`, EV energy) are at the END of an interval.
 * - Prices in KRW/kWh (any finite value, negative allowed); money in KRW.
 */
export interface PortfolioCase {
  readonly intervalMinutes: number;
  /** Number of intervals in the horizon. */
  readonly intervals: number;
  /** At least one; probabilities sum to 1. */
  readonly scenarios: readonly PriceScenario[];
  /** Limits on the portfolio's net position (all meters together), kW; absent = unlimited. */
  readonly gridImportLimitKw?: number;
  readonly gridExportLimitKw?: number;
  /** Meters. Absent: every asset sits behind one meter, `DEFAULT_SITE_ID`. */
  readonly sites: readonly CaseSite[];
  readonly communities: readonly CaseCommunity[];
  readonly assets: readonly CaseAsset[];
}

/** The id of the single meter of a case that names no sites. */
export const DEFAULT_SITE_ID = 'site';

export interface PriceScenario {
  readonly probability: number;
  /** Paid per kWh imported at a meter. */
  readonly importPricesKrwPerKwh: readonly number[];
  /**
   * Earned per kWh exported at a meter. This is also the price axis of the bid curves (the
   * market clearing price).
   */
  readonly exportPricesKrwPerKwh: readonly number[];
}

export interface CaseSite {
  readonly id: string;
  readonly importLimitKw?: number;
  readonly exportLimitKw?: number;
  /** The community (feeder, local grid) the site exports into, if its export is limited there. */
  readonly communityId?: string;
}

/** Several sites sharing a feeder: their combined net export is limited. */
export interface CaseCommunity {
  readonly id: string;
  readonly exportLimitKw: number;
}

interface AssetBase {
  readonly id: string;
  /** The meter the asset sits behind; `DEFAULT_SITE_ID` when the case names no sites. */
  readonly siteId: string;
}

export interface EssAsset extends AssetBase {
  readonly kind: 'ess';
  /** Grid-side power limits. */
  readonly chargeKw: number;
  readonly dischargeKw: number;
  readonly energyKwh: number;
  /** In (0, 1]: SoC gains chargeEfficiency x charged energy and loses discharged / dischargeEfficiency. */
  readonly chargeEfficiency: number;
  readonly dischargeEfficiency: number;
  readonly initialSocKwh: number;
  readonly minSocKwh: number;
  readonly maxSocKwh: number;
  /** The SoC at the end of the horizon is at least this; default `initialSocKwh`. */
  readonly finalSocKwh?: number;
  /** Wear cost per kWh moved in or out of the cells; default 0. */
  readonly degradationCostKrwPerKwh: number;
}

export interface PvAsset extends AssetBase {
  readonly kind: 'pv';
  readonly forecastKw: readonly number[];
  /** When false the output is the forecast; when true anything in [0, forecast]. */
  readonly curtailable: boolean;
}

/** Inflexible site consumption. */
export interface LoadAsset extends AssetBase {
  readonly kind: 'load';
  readonly forecastKw: readonly number[];
}

export interface DrLoadAsset extends AssetBase {
  readonly kind: 'dr_load';
  /** Reduction while active (all or nothing), or the most it can reduce (divisible). */
  readonly reductionKw: number;
  /** Each activation lasts between these (rounded to whole intervals: min up, max down). */
  readonly minDurationHours: number;
  readonly maxDurationHours: number;
  readonly maxActivationsPerDay: number;
  /** Total active hours in the horizon; default maxActivationsPerDay x maxDurationHours. */
  readonly maxHoursPerDay?: number;
  /**
   * Lead time the site needs. The schedule is the instruction and is issued at the start of the
   * horizon, so no activation starts within the first `noticeMinutes`. Default 0.
   */
  readonly noticeMinutes: number;
  readonly activationCostKrw: number;
  /** Paid per kWh reduced; default 0. */
  readonly energyCostKrwPerKwh: number;
  readonly allOrNothing: boolean;
}

export interface EvSession {
  /** First interval the vehicle is plugged in. */
  readonly arrivalInterval: number;
  /** First interval it is gone (exclusive end); at most the horizon length. */
  readonly departureInterval: number;
  readonly energyOnArrivalKwh: number;
  /** Energy in the vehicle when it leaves, at least. */
  readonly energyRequiredKwh: number;
  readonly batteryKwh: number;
}

export interface EvChargerAsset extends AssetBase {
  readonly kind: 'ev_charger';
  readonly maxChargeKw: number;
  /** Vehicle-to-grid limit; 0 for a charge-only charger. */
  readonly maxDischargeKw: number;
  /** Grid-to-battery and battery-to-grid efficiency, in (0, 1]. */
  readonly efficiency: number;
  /** Non-overlapping, in time order. */
  readonly sessions: readonly EvSession[];
}

export interface FuelCellAsset extends AssetBase {
  readonly kind: 'fuel_cell';
  readonly ratedKw: number;
  /** While running the output is at least this. */
  readonly minStableKw: number;
  /** Largest change of output between consecutive intervals while running. */
  readonly rampKwPerInterval: number;
  readonly fuelCostKrwPerKwh: number;
  readonly startCostKrw: number;
  /** Output in the interval before the horizon (0 = off); default 0. */
  readonly initialOutputKw: number;
}

export type CaseAsset =
  EssAsset | PvAsset | LoadAsset | DrLoadAsset | EvChargerAsset | FuelCellAsset;

export type CaseAssetKind = CaseAsset['kind'];

export const CASE_ASSET_KINDS: readonly CaseAssetKind[] = [
  'ess',
  'pv',
  'load',
  'dr_load',
  'ev_charger',
  'fuel_cell',
];

export const intervalHours = (portfolioCase: PortfolioCase): number =>
  portfolioCase.intervalMinutes / 60;
