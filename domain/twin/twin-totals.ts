import type { Kwh } from '../shared/units.js';
import type { TwinIntervalActuals } from './twin-actuals.types.js';

/** Energy over the horizon, kWh; every figure is a sum of per-interval energies. */
export interface TwinTotals {
  readonly importKwh: Kwh;
  readonly exportKwh: Kwh;
  /** export - import. */
  readonly netExportKwh: Kwh;
  readonly buildingLoadKwh: Kwh;
  readonly pvKwh: Kwh;
  readonly pvCurtailedKwh: Kwh;
  readonly essChargeKwh: Kwh;
  readonly essDischargeKwh: Kwh;
  readonly evChargeKwh: Kwh;
  readonly evDischargeKwh: Kwh;
  readonly drReductionKwh: Kwh;
  readonly fuelCellKwh: Kwh;
  readonly fuelCellStarts: number;
  /** Energy beyond the grid limits that no flexible asset could absorb. */
  readonly gridViolationKwh: Kwh;
  readonly intervalsWithGridViolation: number;
  /** Asset-intervals whose actual deviated from the setpoint. */
  readonly deviations: number;
  /** Energy towards the grid per asset (signed as `AssetActual.actualKw`). */
  readonly energyByAssetKwh: Readonly<Record<string, Kwh>>;
}

export const twinTotals = (
  intervals: readonly TwinIntervalActuals[],
  hours: number,
): TwinTotals => {
  const t = {
    importKwh: 0,
    exportKwh: 0,
    netExportKwh: 0,
    buildingLoadKwh: 0,
    pvKwh: 0,
    pvCurtailedKwh: 0,
    essChargeKwh: 0,
    essDischargeKwh: 0,
    evChargeKwh: 0,
    evDischargeKwh: 0,
    drReductionKwh: 0,
    fuelCellKwh: 0,
    fuelCellStarts: 0,
    gridViolationKwh: 0,
    intervalsWithGridViolation: 0,
    deviations: 0,
  };
  const byAsset: Record<string, number> = {};
  for (const interval of intervals) {
    t.importKwh += Math.max(0, -interval.netExportKwh);
    t.exportKwh += Math.max(0, interval.netExportKwh);
    t.netExportKwh += interval.netExportKwh;
    t.buildingLoadKwh += interval.buildingLoadKw * hours;
    if (interval.gridViolation !== null) {
      t.gridViolationKwh += interval.gridViolation.excessKw * hours;
      t.intervalsWithGridViolation += 1;
    }
    for (const asset of interval.assets) {
      byAsset[asset.derId] = (byAsset[asset.derId] ?? 0) + asset.energyKwh;
      if (asset.reasons.length > 0) t.deviations += 1;
      switch (asset.kind) {
        case 'pv':
          t.pvKwh += asset.energyKwh;
          t.pvCurtailedKwh += asset.curtailedKw * hours;
          break;
        case 'ess':
          t.essChargeKwh += asset.chargeKw * hours;
          t.essDischargeKwh += asset.dischargeKw * hours;
          break;
        case 'ev_charger':
          t.evChargeKwh += asset.chargeKw * hours;
          t.evDischargeKwh += asset.dischargeKw * hours;
          break;
        case 'dr_load':
          t.drReductionKwh += asset.energyKwh;
          break;
        case 'fuel_cell':
          t.fuelCellKwh += asset.energyKwh;
          if (asset.started) t.fuelCellStarts += 1;
          break;
      }
    }
  }
  return {
    ...(t as Omit<TwinTotals, 'energyByAssetKwh'>),
    energyByAssetKwh: byAsset as Record<string, Kwh>,
  };
};
