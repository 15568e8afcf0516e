import type { EssParameters } from '../ders/der-parameters.js';
import type { Kw, Kwh } from '../shared/units.js';
import { withGridReason, type AssetPlan, type IntervalContext } from './asset-plan.js';
import { storageEnergyAfterKwh, storagePowerKw, type StorageLimits } from './storage.twin.js';
import type { DeviationReason } from './twin-actuals.types.js';
import type { TwinAsset } from './twin-setup.types.js';
import type { EssState } from './twin-state.js';

const limitsOf = (p: EssParameters): StorageLimits => ({
  chargeKw: p.chargeKw,
  dischargeKw: p.dischargeKw,
  chargeEfficiency: p.chargeEfficiency,
  dischargeEfficiency: p.dischargeEfficiency,
  minKwh: p.minSocKwh,
  maxKwh: p.maxSocKwh,
});

/** A stationary battery: `setpointKw` is signed, positive = discharge (OpenEMS, ASSUME). */
export const planEss = (
  { derId, parameters }: TwinAsset<EssParameters>,
  state: EssState,
  setpointKw: number,
  ctx: IntervalContext,
): AssetPlan => {
  const limits = limitsOf(parameters);
  const reasons: DeviationReason[] = [];
  const plannedKw = storagePowerKw(setpointKw, limits, state.socKwh, ctx.hours, reasons);
  return {
    derId,
    kind: 'ess',
    plannedKw,
    baselineKw: 0,
    exportReliefKw: Math.max(0, plannedKw),
    importReliefKw: Math.max(0, -plannedKw),
    settle: (finalKw) => {
      const socKwh = storageEnergyAfterKwh(state.socKwh, finalKw, limits, ctx.hours) as Kwh;
      return {
        actual: {
          derId,
          kind: 'ess',
          setpointKw: setpointKw as Kw,
          actualKw: finalKw as Kw,
          energyKwh: (finalKw * ctx.hours) as Kwh,
          reasons: withGridReason(reasons, plannedKw, finalKw),
          chargeKw: Math.max(0, -finalKw) as Kw,
          dischargeKw: Math.max(0, finalKw) as Kw,
          socKwh,
        },
        state: { kind: 'ess', socKwh },
      };
    },
  };
};
