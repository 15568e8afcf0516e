import type { EvChargerParameters } from '../ders/der-parameters.js';
import type { Kw, Kwh } from '../shared/units.js';
import { withGridReason, type AssetPlan, type IntervalContext } from './asset-plan.js';
import { storageEnergyAfterKwh, storagePowerKw, type StorageLimits } from './storage.twin.js';
import type { DeviationReason, EvSessionReport } from './twin-actuals.types.js';
import type { TwinAsset } from './twin-setup.types.js';
import type { EvChargerState, EvSessionState, TwinState } from './twin-state.js';
import { TOLERANCE_KW } from './twin-tolerance.js';

/** The car plugged in during interval `index`, if any: sessions cover [arrival, departure). */
export const pluggedSession = (state: EvChargerState, index: number): EvSessionState | undefined =>
  state.sessions.find((s) => s.arrivalIndex <= index && index < s.departureIndex);

/** The car's battery as the charger sees it: one efficiency each way, anywhere in [0, battery]. */
const limitsOf = (p: EvChargerParameters, session: EvSessionState): StorageLimits => ({
  chargeKw: p.maxChargeKw,
  dischargeKw: p.maxDischargeKw,
  chargeEfficiency: p.efficiency,
  dischargeEfficiency: p.efficiency,
  minKwh: 0,
  maxKwh: session.batteryKwh,
});

/**
 * A charger with its sessions: `setpointKw` is signed like an ESS (positive = V2G discharge).
 * Nothing flows without a car; the departure requirement is reported, never forced, so a
 * dispatcher that under-charges sees the shortfall.
 */
export const planEvCharger = (
  { derId, parameters }: TwinAsset<EvChargerParameters>,
  state: EvChargerState,
  setpointKw: number,
  ctx: IntervalContext,
): AssetPlan => {
  const reasons: DeviationReason[] = [];
  const session = pluggedSession(state, ctx.index);
  const limits = session && limitsOf(parameters, session);
  const energyKwh = session ? (session.energyKwh ?? session.energyOnArrivalKwh) : 0;
  let plannedKw = 0;
  if (session === undefined || limits === undefined) {
    if (Math.abs(setpointKw) > TOLERANCE_KW) reasons.push('not_plugged');
  } else {
    plannedKw = storagePowerKw(setpointKw, limits, energyKwh, ctx.hours, reasons);
  }
  return {
    derId,
    kind: 'ev_charger',
    plannedKw,
    baselineKw: 0,
    exportReliefKw: Math.max(0, plannedKw),
    importReliefKw: Math.max(0, -plannedKw),
    settle: (finalKw) => {
      const after =
        limits === undefined
          ? null
          : (storageEnergyAfterKwh(energyKwh, finalKw, limits, ctx.hours) as Kwh);
      const sessions =
        session === undefined
          ? state.sessions
          : state.sessions.map((s) => (s === session ? { ...s, energyKwh: after } : s));
      return {
        actual: {
          derId,
          kind: 'ev_charger',
          setpointKw: setpointKw as Kw,
          actualKw: finalKw as Kw,
          energyKwh: (finalKw * ctx.hours) as Kwh,
          reasons: withGridReason(reasons, plannedKw, finalKw),
          sessionId: session?.sessionId ?? null,
          chargeKw: Math.max(0, -finalKw) as Kw,
          dischargeKw: Math.max(0, finalKw) as Kw,
          batteryEnergyKwh: after,
        },
        state: { kind: 'ev_charger', sessions },
      };
    },
  };
};

/**
 * Every session that has started by `state.index`: the energy reached at departure (or so far,
 * for a car still plugged) against the energy required.
 */
export const evSessionReports = (state: TwinState): EvSessionReport[] =>
  state.config.site.assets.flatMap(({ derId }) => {
    const charger = state.assets[derId];
    if (charger?.kind !== 'ev_charger') return [];
    return charger.sessions
      .filter((s) => s.arrivalIndex < state.index)
      .map((s) => {
        const reached = s.energyKwh ?? s.energyOnArrivalKwh;
        return {
          derId,
          sessionId: s.sessionId,
          arrivalIndex: s.arrivalIndex,
          departureIndex: s.departureIndex,
          departed: s.departureIndex <= state.index,
          energyRequiredAtDepartureKwh: s.energyRequiredAtDepartureKwh as Kwh,
          energyReachedKwh: reached as Kwh,
          shortfallKwh: Math.max(0, s.energyRequiredAtDepartureKwh - reached) as Kwh,
        };
      });
  });
