import type { Krw, KrwPerKwh, Kw, Kwh } from '../shared/units.js';

export const DER_KINDS = ['pv', 'ess', 'dr_load', 'ev_charger', 'fuel_cell'] as const;
export type DerKind = (typeof DER_KINDS)[number];

/** Customer baseline load methods of KPX demand response: Mid(6/10) and Max(4/5). */
export const CBL_METHODS = ['kpx_mid_6_10', 'kpx_max_4_5'] as const;
export type CblMethod = (typeof CBL_METHODS)[number];

export interface PvParameters {
  readonly kind: 'pv';
  /** DC nameplate of the modules. */
  readonly capacityKwp: Kw;
  /** AC limit of the inverter: the most the plant can export, whatever the sun. */
  readonly inverterKw: Kw;
  readonly siteId: string;
  /** Degrees, WGS 84. */
  readonly latitude?: number;
  readonly longitude?: number;
  /** Module tilt from horizontal, 0..90 degrees. */
  readonly tiltDeg?: number;
  /** Module azimuth, degrees clockwise from north, [0, 360): 180 faces south. */
  readonly azimuthDeg?: number;
  /** Whether output may be curtailed on instruction (e.g. Jeju output control). */
  readonly curtailable: boolean;
}

export interface EssParameters {
  readonly kind: 'ess';
  /** AC power limits at the grid side of the inverter. */
  readonly chargeKw: Kw;
  readonly dischargeKw: Kw;
  /** Usable capacity. */
  readonly energyKwh: Kwh;
  /** Grid-to-cell and cell-to-grid efficiencies, each in (0, 1]. */
  readonly chargeEfficiency: number;
  readonly dischargeEfficiency: number;
  /** State-of-charge window: 0 <= minSocKwh <= maxSocKwh <= energyKwh. */
  readonly minSocKwh: Kwh;
  readonly maxSocKwh: Kwh;
  /** Wear cost per kWh of throughput (charged or discharged at the cells). */
  readonly degradationCostKrwPerKwh: KrwPerKwh;
}

export interface DrLoadParameters {
  readonly kind: 'dr_load';
  /** Largest reduction below the customer baseline load. */
  readonly maxReductionKw: Kw;
  readonly minDurationMinutes: number;
  readonly maxDurationMinutes: number;
  readonly maxActivationsPerDay: number;
  readonly maxHoursPerDay: number;
  /** Lead time the site needs between instruction and reduction. */
  readonly noticeMinutes: number;
  /** Paid per activation, whatever its energy. */
  readonly activationCostKrw: Krw;
  /** Paid per kWh reduced (lost production, comfort). */
  readonly energyCostKrwPerKwh: KrwPerKwh;
  /** True when the load can only drop by the full maxReductionKw or not at all. */
  readonly allOrNothing: boolean;
  readonly cblMethod: CblMethod;
}

export interface EvChargerParameters {
  readonly kind: 'ev_charger';
  readonly maxChargeKw: Kw;
  /** Vehicle-to-grid when greater than 0; 0 for a charge-only charger. */
  readonly maxDischargeKw: Kw;
  /** Grid-to-battery (and battery-to-grid) efficiency, in (0, 1]. */
  readonly efficiency: number;
}

export interface FuelCellParameters {
  readonly kind: 'fuel_cell';
  readonly ratedKw: Kw;
  /** Lowest output it can hold while running; below that it must stop. */
  readonly minStableKw: Kw;
  readonly rampKwPerMinute: number;
  /** Fuel cost per kWh of electricity produced. */
  readonly fuelCostKrwPerKwh: KrwPerKwh;
  readonly startCostKrw: Krw;
}

export type DerParameters =
  PvParameters | EssParameters | DrLoadParameters | EvChargerParameters | FuelCellParameters;

export type DerParametersOf<K extends DerKind> = Extract<DerParameters, { kind: K }>;

/**
 * The most power the DER can move in its main direction: the ceiling for a declared availability.
 * For two-way assets (ESS, V2G) it is the larger direction; a declaration caps both.
 */
export const ratedKw = (parameters: DerParameters): Kw => {
  switch (parameters.kind) {
    case 'pv':
      return parameters.inverterKw;
    case 'ess':
      return Math.max(parameters.chargeKw, parameters.dischargeKw) as Kw;
    case 'dr_load':
      return parameters.maxReductionKw;
    case 'ev_charger':
      return Math.max(parameters.maxChargeKw, parameters.maxDischargeKw) as Kw;
    case 'fuel_cell':
      return parameters.ratedKw;
  }
};
