import type { FuelCellParameters } from '../ders/der-parameters.js';
import type { Kw, Kwh } from '../shared/units.js';
import { withGridReason, type AssetPlan, type IntervalContext } from './asset-plan.js';
import type { DeviationReason } from './twin-actuals.types.js';
import type { TwinAsset } from './twin-setup.types.js';
import type { FuelCellState } from './twin-state.js';
import { TOLERANCE_KW, capAt, clamp } from './twin-tolerance.js';

/** With no setpoint a running fuel cell holds its output (it is a base-load generator). */
export const heldFuelCellKw = (state: FuelCellState): number => (state.on ? state.outputKw : 0);

/**
 * Output is held for the whole interval. A positive setpoint keeps the unit on within
 * [minStableKw, ratedKw] and within rampKwPerMinute x interval minutes of the last output; a start
 * reaches at least minStableKw in its first interval (a unit cannot run below it). A setpoint of 0
 * switches it off at once: stopping is a protective action no ramp limit delays.
 */
export const planFuelCell = (
  { derId, parameters: p }: TwinAsset<FuelCellParameters>,
  state: FuelCellState,
  setpointKw: number,
  ctx: IntervalContext,
): AssetPlan => {
  const reasons: DeviationReason[] = [];
  const on = setpointKw > 0;
  const rampKw = p.rampKwPerMinute * ctx.minutes;
  const [lowKw, highKw] = state.on
    ? [
        Math.max(p.minStableKw, state.outputKw - rampKw),
        Math.min(p.ratedKw, state.outputKw + rampKw),
      ]
    : [p.minStableKw, Math.min(p.ratedKw, Math.max(p.minStableKw, rampKw))];
  let plannedKw = 0;
  if (on) {
    const ratedKw = capAt(setpointKw, p.ratedKw, 'clipped_by_rating', reasons);
    if (ratedKw < p.minStableKw - TOLERANCE_KW) reasons.push('min_stable');
    const targetKw = Math.max(ratedKw, p.minStableKw);
    plannedKw = clamp(targetKw, lowKw, highKw);
    if (Math.abs(plannedKw - targetKw) > TOLERANCE_KW) reasons.push('ramp_limit');
  }
  return {
    derId,
    kind: 'fuel_cell',
    plannedKw,
    baselineKw: 0,
    // The grid limit may turn it down to what it can reach this interval, never switch it off.
    exportReliefKw: on ? Math.max(0, plannedKw - lowKw) : 0,
    importReliefKw: 0,
    settle: (finalKw) => ({
      actual: {
        derId,
        kind: 'fuel_cell',
        setpointKw: setpointKw as Kw,
        actualKw: finalKw as Kw,
        energyKwh: (finalKw * ctx.hours) as Kwh,
        reasons: withGridReason(reasons, plannedKw, finalKw),
        on,
        started: on && !state.on,
      },
      state: { kind: 'fuel_cell', outputKw: finalKw as Kw, on },
    }),
  };
};
