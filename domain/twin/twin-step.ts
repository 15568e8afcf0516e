import type { Kw, Kwh } from '../shared/units.js';
import type { AssetPlan, IntervalContext } from './asset-plan.js';
import { planDrLoad } from './dr-load.twin.js';
import { planEss } from './ess.twin.js';
import { planEvCharger } from './ev-charger.twin.js';
import { heldFuelCellKw, planFuelCell } from './fuel-cell.twin.js';
import { enforceGridLimits } from './grid-limit.twin.js';
import { planPv, pvForecastKw } from './pv.twin.js';
import type { TwinIntervalActuals } from './twin-actuals.types.js';
import type { TwinIntervalInputs, TwinIntervalSetpoints } from './twin-inputs.types.js';
import {
  readIntervalValues,
  type IntervalValues,
  type PathAt,
} from './twin-interval.validation.js';
import { withNoise } from './twin-noise.js';
import type { TwinAsset } from './twin-setup.types.js';
import { assetStateOf, dayOf, hoursOf, type AssetState, type TwinState } from './twin-state.js';
import { twinError } from './twin.errors.js';

export interface TwinStep {
  readonly state: TwinState;
  readonly actuals: TwinIntervalActuals;
}

/**
 * Simulates the interval `state.index`: each asset answers its setpoint within its own limits,
 * then the site's grid limit takes back what it must (see grid-limit.twin.ts). Pure: the same state,
 * inputs and setpoints give the same step. A real-time balancer calls it once per interval.
 */
export const stepTwin = (
  state: TwinState,
  inputs: TwinIntervalInputs,
  setpoints: TwinIntervalSetpoints,
): TwinStep => advanceTwin(state, inputs, setpoints, (field) => field);

/** `stepTwin` with error paths mapped by `at` (a whole-horizon run names the interval). */
export const advanceTwin = (
  state: TwinState,
  inputs: TwinIntervalInputs,
  setpoints: TwinIntervalSetpoints,
  at: PathAt,
): TwinStep => {
  const { config, index } = state;
  if (index >= config.intervalCount)
    throw twinError(
      'TWIN.HORIZON_EXCEEDED',
      `the horizon has ${config.intervalCount} intervals; interval ${index} is beyond it`,
      'state.index',
      { index, intervalCount: config.intervalCount },
    );
  const values = readIntervalValues(config, inputs, setpoints, at);
  const ctx: IntervalContext = {
    index,
    minutes: config.intervalMinutes,
    hours: hoursOf(config),
    day: dayOf(config, index),
  };
  const { noise } = config;
  const buildingLoadKw = withNoise(
    values.buildingLoadKw,
    noise.loadRelativeStd,
    noise.seed,
    'load',
    index,
  );
  const plans = config.site.assets.map((asset) => planAsset(asset, state, values, ctx));
  const grid = enforceGridLimits(plans, buildingLoadKw, config.site);
  const assets: Record<string, AssetState> = { ...state.assets };
  const actuals = plans.map((plan, i) => {
    const settled = plan.settle(grid.finalKw[i] ?? plan.plannedKw);
    assets[plan.derId] = settled.state;
    return settled.actual;
  });
  return {
    state: { config, index: index + 1, assets },
    actuals: {
      index,
      interval: config.intervals?.[index] ?? null,
      buildingLoadKw: buildingLoadKw as Kw,
      assets: actuals,
      netExportKw: grid.netExportKw as Kw,
      netExportKwh: (grid.netExportKw * ctx.hours) as Kwh,
      gridViolation: grid.violation,
    },
  };
};

const planAsset = (
  { derId, parameters }: TwinAsset,
  state: TwinState,
  values: IntervalValues,
  ctx: IntervalContext,
): AssetPlan => {
  switch (parameters.kind) {
    case 'pv': {
      const resource = values.pv.get(derId);
      const forecastKw = resource === undefined ? 0 : pvForecastKw(parameters, resource);
      const { noise } = state.config;
      const availableKw = withNoise(
        forecastKw,
        noise.pvRelativeStd,
        noise.seed,
        `pv:${derId}`,
        ctx.index,
      );
      return planPv({ derId, parameters }, availableKw, values.pvCapKw.get(derId) ?? null, ctx);
    }
    case 'ess':
      return planEss(
        { derId, parameters },
        assetStateOf(state, derId, 'ess'),
        values.essKw.get(derId) ?? 0,
        ctx,
      );
    case 'ev_charger':
      return planEvCharger(
        { derId, parameters },
        assetStateOf(state, derId, 'ev_charger'),
        values.evKw.get(derId) ?? 0,
        ctx,
      );
    case 'fuel_cell': {
      const fuelCell = assetStateOf(state, derId, 'fuel_cell');
      const setpointKw = values.fuelCellKw.get(derId) ?? heldFuelCellKw(fuelCell);
      return planFuelCell({ derId, parameters }, fuelCell, setpointKw, ctx);
    }
    case 'dr_load':
      return planDrLoad(
        { derId, parameters },
        assetStateOf(state, derId, 'dr_load'),
        values.drReductionKw.get(derId) ?? 0,
        values.drBaselineKw.get(derId) ?? 0,
        ctx,
      );
  }
};
