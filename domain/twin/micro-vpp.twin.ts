import { evSessionReports } from './ev-charger.twin.js';
import type { EvSessionReport, TwinIntervalActuals } from './twin-actuals.types.js';
import { checkHorizon, intervalAt } from './twin-horizon.validation.js';
import type { TwinInputs, TwinSetpoints } from './twin-inputs.types.js';
import { createTwinState } from './twin-setup.js';
import {
  NO_NOISE,
  type TwinGrid,
  type TwinInitialState,
  type TwinNoise,
  type TwinSite,
} from './twin-setup.types.js';
import { hoursOf, type TwinState } from './twin-state.js';
import { advanceTwin } from './twin-step.js';
import { twinTotals, type TwinTotals } from './twin-totals.js';

export interface TwinResult {
  readonly intervals: readonly TwinIntervalActuals[];
  readonly totals: TwinTotals;
  /** Every session that arrived within the horizon, with its energy at departure. */
  readonly evSessions: readonly EvSessionReport[];
  /** The state after the last interval: ESS SoC, fuel-cell output, EV energies, DR counters. */
  readonly finalState: TwinState;
}

/**
 * The micro-VPP's actual delivery over a horizon for given setpoints: a fold of `stepTwin` over
 * the intervals, so a balancer stepping the twin itself gets the same result. Pure and
 * deterministic: noise comes only from `noise.seed`. Any invalid input throws a `TWIN.*`
 * DomainError naming the field (e.g. `setpoints.essKw["ess-1"][7]`) before anything is simulated.
 */
export const simulateMicroVpp = (
  site: TwinSite,
  grid: TwinGrid,
  initial: TwinInitialState,
  inputs: TwinInputs,
  setpoints: TwinSetpoints,
  noise: TwinNoise = NO_NOISE,
): TwinResult => {
  let state = createTwinState(site, grid, initial, noise);
  checkHorizon(state.config, inputs, setpoints);
  const intervals: TwinIntervalActuals[] = [];
  for (let t = 0; t < state.config.intervalCount; t++) {
    const slice = intervalAt(inputs, setpoints, t);
    const step = advanceTwin(state, slice.inputs, slice.setpoints, (field) => `${field}[${t}]`);
    state = step.state;
    intervals.push(step.actuals);
  }
  return {
    intervals,
    totals: twinTotals(intervals, hoursOf(state.config)),
    evSessions: evSessionReports(state),
    finalState: state,
  };
};
