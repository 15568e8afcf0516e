import type { DerKind } from '../ders/der-parameters.js';
import type { Kw } from '../shared/units.js';
import type { AssetPlan } from './asset-plan.js';
import type { GridViolation } from './twin-actuals.types.js';
import type { TwinSite } from './twin-setup.types.js';
import { TOLERANCE_KW } from './twin-tolerance.js';

/**
 * The order in which the site's limit protection takes power back. Over the export limit: storage
 * discharge first (the energy stays stored for later), then V2G, then the fuel cell down to what it
 * can reach this interval (saving fuel), and curtailable PV last (curtailed sun is lost for good).
 * Over the import limit: ESS charging, then EV charging (cars last: they have a departure to meet).
 * Like a real site controller it only curtails; it never dispatches an asset upwards, so what it
 * cannot absorb is reported as a violation.
 */
export const EXPORT_RELIEF_ORDER: readonly DerKind[] = ['ess', 'ev_charger', 'fuel_cell', 'pv'];
export const IMPORT_RELIEF_ORDER: readonly DerKind[] = ['ess', 'ev_charger'];

export interface GridLimitOutcome {
  /** Final power of each plan, in the plans' order. */
  readonly finalKw: readonly number[];
  readonly netExportKw: number;
  readonly violation: GridViolation | null;
}

export const netExportKw = (
  plans: readonly AssetPlan[],
  powersKw: readonly number[],
  buildingLoadKw: number,
): number =>
  plans.reduce((net, plan, i) => net + (powersKw[i] ?? 0) - plan.baselineKw, -buildingLoadKw);

export const enforceGridLimits = (
  plans: readonly AssetPlan[],
  buildingLoadKw: number,
  site: Pick<TwinSite, 'gridImportLimitKw' | 'gridExportLimitKw'>,
): GridLimitOutcome => {
  const finalKw = plans.map((plan) => plan.plannedKw);
  const planned = netExportKw(plans, finalKw, buildingLoadKw);
  const release = (excessKw: number, order: readonly DerKind[], sign: -1 | 1) => {
    let left = excessKw;
    for (const kind of order)
      plans.forEach((plan, i) => {
        if (plan.kind !== kind || left <= 0) return;
        const takenKw = Math.min(left, sign < 0 ? plan.exportReliefKw : plan.importReliefKw);
        finalKw[i] = (finalKw[i] ?? 0) + sign * takenKw;
        left -= takenKw;
      });
  };
  if (planned > site.gridExportLimitKw + TOLERANCE_KW)
    release(planned - site.gridExportLimitKw, EXPORT_RELIEF_ORDER, -1);
  else if (-planned > site.gridImportLimitKw + TOLERANCE_KW)
    release(-planned - site.gridImportLimitKw, IMPORT_RELIEF_ORDER, 1);
  const net = netExportKw(plans, finalKw, buildingLoadKw);
  return { finalKw, netExportKw: net, violation: violationOf(net, site) };
};

const violationOf = (
  net: number,
  site: Pick<TwinSite, 'gridImportLimitKw' | 'gridExportLimitKw'>,
): GridViolation | null => {
  if (net > site.gridExportLimitKw + TOLERANCE_KW)
    return { direction: 'export', excessKw: (net - site.gridExportLimitKw) as Kw };
  if (-net > site.gridImportLimitKw + TOLERANCE_KW)
    return { direction: 'import', excessKw: (-net - site.gridImportLimitKw) as Kw };
  return null;
};
