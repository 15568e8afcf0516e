import type { CaseAsset } from '../portfolio/portfolio-case.js';

/** What a DER can move, kW: the scale of the round-off tolerance on summed positions. */
export const ratingKw = (asset: CaseAsset): number => {
  switch (asset.kind) {
    case 'ess':
      return Math.max(asset.chargeKw, asset.dischargeKw);
    case 'ev_charger':
      return Math.max(asset.maxChargeKw, asset.maxDischargeKw);
    case 'pv':
    case 'load':
      return Math.max(0, ...asset.forecastKw);
    case 'dr_load':
      return asset.reductionKw;
    case 'fuel_cell':
      return asset.ratedKw;
  }
};
