import type { PvParameters } from '../ders/der-parameters.js';
import type { Kw, Kwh } from '../shared/units.js';
import { withGridReason, type AssetPlan, type IntervalContext } from './asset-plan.js';
import type { DeviationReason } from './twin-actuals.types.js';
import type { PvResource } from './twin-inputs.types.js';
import type { TwinAsset } from './twin-setup.types.js';
import { TOLERANCE_KW } from './twin-tolerance.js';

/** Irradiance at standard test conditions, at which a module delivers its kWp. */
const STC_IRRADIANCE_W_PER_M2 = 1000;

/** Forecast available power: given directly, or capacityKwp x G / 1000 W/m2. */
export const pvForecastKw = (parameters: PvParameters, resource: PvResource): number =>
  'availableKw' in resource
    ? resource.availableKw
    : (parameters.capacityKwp * resource.irradianceWPerM2) / STC_IRRADIANCE_W_PER_M2;

/**
 * Output = min(available, inverterKw, cap). A plant that is not curtailable ignores its cap
 * (`not_curtailable`) and cannot be curtailed for the grid limit either.
 */
export const planPv = (
  { derId, parameters }: TwinAsset<PvParameters>,
  availableKw: number,
  capKw: number | null,
  ctx: IntervalContext,
): AssetPlan => {
  const reasons: DeviationReason[] = [];
  const potentialKw = Math.min(availableKw, parameters.inverterKw);
  let plannedKw = potentialKw;
  if (capKw !== null) {
    if (capKw > parameters.inverterKw + TOLERANCE_KW) reasons.push('clipped_by_rating');
    if (capKw > availableKw + TOLERANCE_KW && availableKw < parameters.inverterKw)
      reasons.push('resource_limit');
    if (parameters.curtailable) plannedKw = Math.min(potentialKw, capKw);
    else if (potentialKw > capKw + TOLERANCE_KW) reasons.push('not_curtailable');
  }
  return {
    derId,
    kind: 'pv',
    plannedKw,
    baselineKw: 0,
    exportReliefKw: parameters.curtailable ? plannedKw : 0,
    importReliefKw: 0,
    settle: (finalKw) => ({
      actual: {
        derId,
        kind: 'pv',
        setpointKw: capKw as Kw | null,
        actualKw: finalKw as Kw,
        energyKwh: (finalKw * ctx.hours) as Kwh,
        reasons: withGridReason(reasons, plannedKw, finalKw),
        availableKw: availableKw as Kw,
        curtailedKw: Math.max(0, potentialKw - finalKw) as Kw,
      },
      state: { kind: 'pv' },
    }),
  };
};
