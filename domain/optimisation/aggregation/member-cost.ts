import type { CaseAsset } from '../portfolio/portfolio-case.js';

const RUNNING_KW = 1e-6;

/**
 * A DER's own costs over the horizon from its setpoints (power towards the grid per interval),
 * KRW, as the model counts them (read-schedule.ts): battery degradation on cell-side throughput,
 * DR activation and energy costs, fuel-cell fuel and starts (a start is output rising from zero).
 */
export const memberCostKrw = (asset: CaseAsset, powerKw: Float64Array, hours: number): number => {
  let cost = 0;
  switch (asset.kind) {
    case 'ess':
      for (const p of powerKw)
        cost +=
          hours *
          asset.degradationCostKrwPerKwh *
          (p < 0 ? -p * asset.chargeEfficiency : p / asset.dischargeEfficiency);
      return cost;
    case 'dr_load':
      return startsAndEnergyKrw(powerKw, hours, {
        runningBefore: false,
        startKrw: asset.activationCostKrw,
        energyKrwPerKwh: asset.energyCostKrwPerKwh,
      });
    case 'fuel_cell':
      return startsAndEnergyKrw(powerKw, hours, {
        runningBefore: asset.initialOutputKw > RUNNING_KW,
        startKrw: asset.startCostKrw,
        energyKrwPerKwh: asset.fuelCostKrwPerKwh,
      });
    default:
      return 0;
  }
};

/**
 * A DER that costs something each time it starts (a DR activation, a fuel-cell start: power
 * rising from zero) and per kWh while it runs, KRW.
 */
const startsAndEnergyKrw = (
  powerKw: Float64Array,
  hours: number,
  costs: {
    readonly runningBefore: boolean;
    readonly startKrw: number;
    readonly energyKrwPerKwh: number;
  },
): number => {
  let cost = 0;
  let wasRunning = costs.runningBefore;
  for (const p of powerKw) {
    const running = p > RUNNING_KW;
    if (running && !wasRunning) cost += costs.startKrw;
    wasRunning = running;
    cost += hours * costs.energyKrwPerKwh * Math.max(0, p);
  }
  return cost;
};
