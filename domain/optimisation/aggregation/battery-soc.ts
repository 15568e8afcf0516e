import type { EssAsset } from '../portfolio/portfolio-case.js';

/**
 * A battery's state of charge at the end of each interval (kWh) after following its setpoints
 * (power towards the grid, kW: charging negative, at the grid side of its efficiencies).
 */
export const batterySocTrailKwh = (
  asset: EssAsset,
  powerKw: Float64Array,
  hours: number,
): Float64Array => {
  let soc = asset.initialSocKwh;
  return Float64Array.from(powerKw, (p) => {
    soc -= p < 0 ? p * asset.chargeEfficiency * hours : (p * hours) / asset.dischargeEfficiency;
    return soc;
  });
};
