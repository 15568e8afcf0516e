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
    case 'dr_load': {
      let wasActive = false;
      for (const p of powerKw) {
        const active = p > RUNNING_KW;
        if (active && !wasActive) cost += asset.activationCostKrw;
        wasActive = active;
        cost += hours * asset.energyCostKrwPerKwh * Math.max(0, p);
      }
      return cost;
    }
    case 'fuel_cell': {
      let wasRunning = asset.initialOutputKw > RUNNING_KW;
      for (const p of powerKw) {
        const running = p > RUNNING_KW;
        if (running && !wasRunning) cost += asset.startCostKrw;
        wasRunning = running;
        cost += hours * asset.fuelCostKrwPerKwh * Math.max(0, p);
      }
      return cost;
    }
    default:
      return 0;
  }
};
