import { DomainError } from '../../shared/domain-error.js';
import type {
  CaseAsset,
  DrLoadAsset,
  EssAsset,
  EvChargerAsset,
  FuelCellAsset,
  LoadAsset,
  PortfolioCase,
  PvAsset,
} from '../portfolio/portfolio-case.js';

/**
 * Like DERs of one kind behind one meter, and the virtual asset that stands for all of them.
 * `members` are indices into the original case's `assets`.
 */
export interface DerGroup {
  readonly id: string;
  readonly kind: CaseAsset['kind'];
  readonly members: readonly number[];
}

export interface AggregatedCase {
  /** The original case with every group replaced by its virtual asset (sites, prices kept). */
  readonly aggregate: PortfolioCase;
  /** In the order of `aggregate.assets`. */
  readonly groups: readonly DerGroup[];
}

export interface GroupingOptions {
  /**
   * Batteries and EVs are grouped when their power/energy and SoC ratios agree within this
   * (default 0.05); fuel cells and DR loads when their costs agree within this share.
   * A coarser tolerance gives fewer groups and a smaller model, a finer one a tighter
   * disaggregation. The bound is valid at any tolerance (see `aggregateCase`).
   */
  readonly ratioTolerance?: number;
}

const DEFAULT_RATIO_TOLERANCE = 0.05;

/**
 * Replaces like DERs by virtual assets. Grouping never crosses a meter, so meter, community and
 * portfolio limits stay as they are, and the aggregate is a relaxation of the case: every
 * schedule of the members sums to a schedule of the virtual asset that is feasible for it and
 * costs no more. That holds kind by kind because
 * - batteries group only with equal efficiencies: the summed SoC then follows the same balance,
 *   within the summed bounds, from the summed initial to at least the summed final SoC; the
 *   degradation cost is the group's lowest;
 * - EVs group only with the same session windows and efficiency (same argument, per session);
 * - PV and inflexible load sum exactly (the model curtails a meter's plants with one column);
 * - DR loads group only with the same durations, activations, hours, notice and kind: the
 *   reduction-weighted mean of the members' window choices satisfies every (linear) window
 *   constraint; the activation cost is the sum of reductions x the lowest cost per kW;
 * - fuel cells: a fleet of summed rating whose commitment u is the rating-weighted share of
 *   members running, so in the LP relaxation (where u is continuous) output between
 *   u x rating x the lowest minimum-to-rating ratio and u x rating, start cost the summed rating
 *   x the lowest start cost per kW, ramp the summed start-or-ramp jumps, the lowest fuel cost.
 *   This holds for the LP relaxation only (a committed fleet must run its minimum as a whole),
 *   which is what `solveAggregated` bounds with; the members' own starts are counted when their
 *   setpoints are valued.
 * A group of one DER is that DER unchanged.
 * Its optimum is therefore at least the case's, and a proven bound of the aggregate (of its LP
 * relaxation in particular) is a proven bound of the case.
 */
export const aggregateCase = (
  portfolioCase: PortfolioCase,
  options: GroupingOptions = {},
): AggregatedCase => {
  const tolerance = options.ratioTolerance ?? DEFAULT_RATIO_TOLERANCE;
  if (!(tolerance > 0))
    throw new DomainError(
      'OPTIMISATION.INVALID_OPTIONS',
      `ratioTolerance must be positive, got ${tolerance}`,
      'ratioTolerance',
    );
  const byKey = new Map<string, number[]>();
  portfolioCase.assets.forEach((asset, a) => {
    const key = `${asset.siteId}|${asset.kind}|${groupKey(asset, tolerance)}`;
    const members = byKey.get(key);
    if (members === undefined) byKey.set(key, [a]);
    else members.push(a);
  });
  const groups: DerGroup[] = [];
  const assets: CaseAsset[] = [];
  let n = 0;
  for (const members of byKey.values()) {
    const first = portfolioCase.assets[members[0]!]!;
    const id = `agg${n++}-${first.kind}-${first.siteId}`;
    const of = <T extends CaseAsset>(): T[] => members.map((a) => portfolioCase.assets[a] as T);
    groups.push({ id, kind: first.kind, members });
    // A DER alone is its own virtual asset, exactly.
    assets.push(members.length === 1 ? { ...first, id } : virtualAsset(id, first, of));
  }
  return { aggregate: { ...portfolioCase, assets }, groups };
};

const bucket = (value: number, tolerance: number): number => Math.round(value / tolerance);
/** Costs agree within a share: buckets on a log scale. */
const costBucket = (value: number, tolerance: number): number =>
  Math.round(Math.log1p(Math.max(0, value)) / Math.log1p(tolerance));

const groupKey = (asset: CaseAsset, tolerance: number): string => {
  switch (asset.kind) {
    case 'ess': {
      const e = Math.max(asset.energyKwh, asset.maxSocKwh, 1e-9);
      return [
        asset.chargeEfficiency,
        asset.dischargeEfficiency,
        bucket(asset.chargeKw / e, tolerance),
        bucket(asset.dischargeKw / e, tolerance),
        bucket(asset.minSocKwh / e, tolerance),
        bucket(asset.maxSocKwh / e, tolerance),
        costBucket(asset.degradationCostKrwPerKwh, tolerance),
      ].join('|');
    }
    case 'ev_charger':
      return [
        asset.efficiency,
        asset.maxDischargeKw > 0,
        ...asset.sessions.map((s) => `${s.arrivalInterval}-${s.departureInterval}`),
      ].join('|');
    case 'pv':
      return String(asset.curtailable);
    case 'load':
      return '';
    case 'dr_load':
      return [
        asset.minDurationHours,
        asset.maxDurationHours,
        asset.maxActivationsPerDay,
        asset.maxHoursPerDay ?? asset.maxActivationsPerDay * asset.maxDurationHours,
        asset.noticeMinutes,
        asset.allOrNothing,
        asset.reductionKw > 0
          ? costBucket(asset.activationCostKrw / asset.reductionKw, tolerance)
          : 'idle',
        costBucket(asset.energyCostKrwPerKwh, tolerance),
      ].join('|');
    case 'fuel_cell':
      return [
        asset.minStableKw > 0 || asset.startCostKrw > 0,
        costBucket(asset.fuelCostKrwPerKwh, tolerance),
        costBucket(asset.startCostKrw, tolerance),
        bucket(asset.minStableKw / Math.max(asset.ratedKw, 1e-9), tolerance),
        bucket(Math.min(1, asset.rampKwPerInterval / Math.max(asset.ratedKw, 1e-9)), tolerance),
      ].join('|');
  }
};

const sum = <T>(items: readonly T[], f: (item: T) => number): number => {
  let total = 0;
  for (const item of items) total += f(item);
  return total;
};
const min = <T>(items: readonly T[], f: (item: T) => number): number => {
  let least = Infinity;
  for (const item of items) least = Math.min(least, f(item));
  return least;
};

const summedForecast = (members: readonly (PvAsset | LoadAsset)[], intervals: number): number[] => {
  const total = new Float64Array(intervals);
  for (const member of members) {
    const forecast = member.forecastKw;
    for (let t = 0; t < intervals; t++) total[t]! += forecast[t]!;
  }
  return Array.from(total);
};

/** The largest step a fuel cell's output can take between intervals (ramp, start or stop). */
export const fuelCellJumpKw = (asset: FuelCellAsset): number =>
  Math.max(asset.rampKwPerInterval, asset.minStableKw);

const virtualAsset = (
  id: string,
  first: CaseAsset,
  of: <T extends CaseAsset>() => T[],
): CaseAsset => {
  const base = { id, siteId: first.siteId };
  switch (first.kind) {
    case 'ess': {
      const m = of<EssAsset>();
      return {
        ...base,
        kind: 'ess',
        chargeKw: sum(m, (a) => a.chargeKw),
        dischargeKw: sum(m, (a) => a.dischargeKw),
        energyKwh: sum(m, (a) => a.energyKwh),
        chargeEfficiency: first.chargeEfficiency,
        dischargeEfficiency: first.dischargeEfficiency,
        initialSocKwh: sum(m, (a) => a.initialSocKwh),
        minSocKwh: sum(m, (a) => a.minSocKwh),
        maxSocKwh: sum(m, (a) => a.maxSocKwh),
        finalSocKwh: sum(m, (a) => a.finalSocKwh ?? a.initialSocKwh),
        degradationCostKrwPerKwh: min(m, (a) => a.degradationCostKrwPerKwh),
      };
    }
    case 'ev_charger': {
      const m = of<EvChargerAsset>();
      return {
        ...base,
        kind: 'ev_charger',
        maxChargeKw: sum(m, (a) => a.maxChargeKw),
        maxDischargeKw: sum(m, (a) => a.maxDischargeKw),
        efficiency: first.efficiency,
        sessions: first.sessions.map((s, k) => ({
          arrivalInterval: s.arrivalInterval,
          departureInterval: s.departureInterval,
          energyOnArrivalKwh: sum(m, (a) => a.sessions[k]!.energyOnArrivalKwh),
          energyRequiredKwh: sum(m, (a) => a.sessions[k]!.energyRequiredKwh),
          batteryKwh: sum(m, (a) => a.sessions[k]!.batteryKwh),
        })),
      };
    }
    case 'pv': {
      const forecastKw = summedForecast(of<PvAsset>(), first.forecastKw.length);
      return { ...base, kind: 'pv', forecastKw, curtailable: first.curtailable };
    }
    case 'load': {
      const forecastKw = summedForecast(of<LoadAsset>(), first.forecastKw.length);
      return { ...base, kind: 'load', forecastKw };
    }
    case 'dr_load': {
      const m = of<DrLoadAsset>();
      const reductionKw = sum(m, (a) => a.reductionKw);
      const perKw = min(
        m.filter((a) => a.reductionKw > 0),
        (a) => a.activationCostKrw / a.reductionKw,
      );
      return {
        ...base,
        kind: 'dr_load',
        reductionKw,
        minDurationHours: first.minDurationHours,
        maxDurationHours: first.maxDurationHours,
        maxActivationsPerDay: first.maxActivationsPerDay,
        maxHoursPerDay: first.maxHoursPerDay ?? first.maxActivationsPerDay * first.maxDurationHours,
        noticeMinutes: first.noticeMinutes,
        activationCostKrw: Number.isFinite(perKw) ? reductionKw * perKw : 0,
        energyCostKrwPerKwh: min(m, (a) => a.energyCostKrwPerKwh),
        allOrNothing: first.allOrNothing,
      };
    }
    case 'fuel_cell': {
      const m = of<FuelCellAsset>();
      const ratedKw = sum(m, (a) => a.ratedKw);
      return {
        ...base,
        kind: 'fuel_cell',
        ratedKw,
        minStableKw: ratedKw * min(m, (a) => (a.ratedKw > 0 ? a.minStableKw / a.ratedKw : 0)),
        rampKwPerInterval: Math.min(ratedKw, sum(m, fuelCellJumpKw)),
        fuelCostKrwPerKwh: min(m, (a) => a.fuelCostKrwPerKwh),
        startCostKrw: ratedKw * min(m, (a) => (a.ratedKw > 0 ? a.startCostKrw / a.ratedKw : 0)),
        initialOutputKw: sum(m, (a) => a.initialOutputKw),
      };
    }
  }
};
