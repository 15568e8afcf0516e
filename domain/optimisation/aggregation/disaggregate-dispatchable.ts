import { drDurationIntervals } from '../portfolio/case-validation.js';
import { drMaxActiveIntervals } from '../portfolio/dr.model.js';
import type {
  DrLoadAsset,
  FuelCellAsset,
  LoadAsset,
  PvAsset,
} from '../portfolio/portfolio-case.js';
import { noSetpoints, type GroupSeries, type GroupSetpoints } from './disaggregate-storage.js';
import { fuelCellJumpKw } from './group-ders.js';

const ZERO_KW = 1e-6;
/** The least share of its reduction a divisible DR member gives while active. */
const ACTIVE_SHARE = 1e-4;

/** PV: every plant of a curtailable group keeps the group's share of its forecast (exact). */
export const disaggregatePv = (
  members: readonly PvAsset[],
  series: GroupSeries,
  intervals: number,
): GroupSetpoints => {
  const { powerKw, deficitKw } = noSetpoints(members.length, intervals);
  const total = new Float64Array(intervals);
  for (const m of members) {
    const forecast = m.forecastKw;
    for (let t = 0; t < intervals; t++) total[t]! += forecast[t]!;
  }
  const keep = Float64Array.from(total, (kw, t) =>
    kw > 0 ? Math.min(1, series.outputKw[t]! / kw) : 1,
  );
  deficitKw.set(series.outputKw);
  members.forEach((m, i) => {
    const forecast = m.forecastKw;
    const row = powerKw[i]!;
    for (let t = 0; t < intervals; t++) {
      const kw = m.curtailable ? forecast[t]! * keep[t]! : forecast[t]!;
      row[t] = kw;
      deficitKw[t]! -= kw;
    }
  });
  return { powerKw, deficitKw };
};

/** Inflexible load: its forecast, drawn from the grid. */
export const disaggregateLoad = (
  members: readonly LoadAsset[],
  intervals: number,
): GroupSetpoints => ({
  powerKw: members.map((m) =>
    Float64Array.from({ length: intervals }, (_, t) => -m.forecastKw[t]!),
  ),
  deficitKw: new Float64Array(intervals),
});

/** An activation window of a group's virtual DR load and the share of it the solution takes. */
export interface DrWindowShare {
  readonly start: number;
  readonly length: number;
  readonly share: number;
}

/**
 * Demand response (a group shares its timing rules). The group's windows come from its virtual
 * load's solution (each with the reduction-weighted share of the fleet that takes it), or, when
 * only its reductions are known, each run of reduction is one window. Windows are filled largest
 * share first: a member joins a window only where its own rules allow (notice, duration,
 * activations and hours left, no overlap or touching with its other windows), largest members
 * first, all-or-nothing ones where they fit whole within the window's share of the fleet's
 * reduction (more than was scheduled could break a meter's export limit), divisible ones up to it
 * (the last one in part). Divisible members then follow the
 * group's reduction interval by interval. What is left is the deficit.
 */
export const disaggregateDr = (
  members: readonly DrLoadAsset[],
  series: GroupSeries,
  intervals: number,
  intervalMinutes: number,
  windows?: readonly DrWindowShare[],
): GroupSetpoints => {
  const hours = intervalMinutes / 60;
  const powerKw = members.map(() => new Float64Array(intervals));
  const deficitKw = Float64Array.from(series.reductionKw);
  const first = members[0];
  if (first === undefined) return { powerKw, deficitKw };
  const { min, max } = drDurationIntervals(first.minDurationHours, first.maxDurationHours, hours);
  const firstStart = Math.ceil(first.noticeMinutes / intervalMinutes - 1e-9);
  let totalKw = 0;
  for (const m of members) totalKw += m.reductionKw;
  if (totalKw <= 0) return { powerKw, deficitKw };
  const chosen = (windows ?? runsOf(series.reductionKw, totalKw))
    .filter((w) => w.share > 1e-9 && w.start >= firstStart && w.length >= min)
    .map((w) => ({ ...w, length: Math.min(w.length, max) }))
    .sort((a, b) => b.share - a.share || a.start - b.start);
  const order = members
    .map((m, i) => ({ i, kw: m.reductionKw }))
    .sort((a, b) => b.kw - a.kw || a.i - b.i)
    .map(({ i }) => i);
  const activations = new Int32Array(members.length);
  const activeIntervals = new Int32Array(members.length);
  /** Per member, the fraction of its reduction it gives in each interval (0 = inactive). */
  const level = members.map(() => new Float64Array(intervals));
  const free = (i: number, start: number, length: number): boolean => {
    const row = level[i]!;
    for (let k = Math.max(0, start - 1); k < Math.min(intervals, start + length + 1); k++)
      if (row[k]! > 0) return false;
    return true;
  };
  for (const w of chosen) {
    const targetKw = w.share * totalKw;
    let filledKw = 0;
    for (const i of order) {
      const m = members[i]!;
      const room = targetKw - filledKw;
      if (room <= 1e-9) break;
      if (m.reductionKw <= 0 || activations[i]! >= m.maxActivationsPerDay) continue;
      if (activeIntervals[i]! + w.length > drMaxActiveIntervals(m, hours)) continue;
      // Never beyond the window's share: more reduction than scheduled could break a limit.
      if (m.allOrNothing && m.reductionKw > room + ZERO_KW) continue;
      if (!free(i, w.start, w.length)) continue;
      const fraction = m.allOrNothing ? 1 : Math.min(1, room / m.reductionKw);
      if (fraction < ACTIVE_SHARE * 10) continue;
      activations[i]!++;
      activeIntervals[i]! += w.length;
      for (let k = w.start; k < w.start + w.length; k++) level[i]![k] = fraction;
      filledKw += fraction * m.reductionKw;
    }
  }
  // Divisible members follow the group's reduction: the share of their full level it asks for.
  const fullKw = new Float64Array(intervals);
  members.forEach((m, i) => {
    for (let t = 0; t < intervals; t++) fullKw[t]! += level[i]![t]! * m.reductionKw;
  });
  members.forEach((m, i) => {
    const row = level[i]!;
    for (let t = 0; t < intervals; t++) {
      if (row[t]! <= 0) continue;
      const scale =
        m.allOrNothing || fullKw[t]! <= 0 ? 1 : Math.min(1, series.reductionKw[t]! / fullKw[t]!);
      // Kept visibly active through its window, so that the activation stays one run.
      const kw = Math.max(row[t]! * m.reductionKw * scale, ACTIVE_SHARE * m.reductionKw);
      powerKw[i]![t] = kw;
      deficitKw[t]! -= kw;
    }
  });
  return { powerKw, deficitKw };
};

/** Each run of reduction as one window, its share the run's mean over the fleet's total. */
const runsOf = (reductionKw: Float64Array, totalKw: number): DrWindowShare[] => {
  const runs: DrWindowShare[] = [];
  let t = 0;
  while (t < reductionKw.length) {
    if (reductionKw[t]! <= ZERO_KW) {
      t++;
      continue;
    }
    const start = t;
    let sum = 0;
    while (t < reductionKw.length && reductionKw[t]! > ZERO_KW) sum += reductionKw[t++]!;
    runs.push({ start, length: t - start, share: sum / (t - start) / totalKw });
  }
  return runs;
};

/**
 * Fuel cells, interval by interval: running members first hold their output (within ramp), then
 * move towards the group's output within their ramps; if that is not enough, idle members start
 * (at most their start jump), and if it is too much, members that may stop do so. What the
 * members cannot follow is the deficit. Running means output above zero.
 */
export const disaggregateFuelCells = (
  members: readonly FuelCellAsset[],
  series: GroupSeries,
  intervals: number,
): GroupSetpoints => {
  const n = members.length;
  const { powerKw, deficitKw } = noSetpoints(n, intervals);
  const column = (f: (m: FuelCellAsset) => number): Float64Array => Float64Array.from(members, f);
  const previous = column((m) => m.initialOutputKw);
  const rated = column((m) => m.ratedKw);
  const minStable = column((m) => m.minStableKw);
  const bindsRamp = (m: FuelCellAsset): boolean => m.rampKwPerInterval < m.ratedKw;
  const ramps = column((m) => (bindsRamp(m) ? m.rampKwPerInterval : Infinity));
  // The largest output a start may jump to, and the largest one it may stop from.
  const startTo = column((m) => Math.min(m.ratedKw, bindsRamp(m) ? fuelCellJumpKw(m) : m.ratedKw));
  const stopFrom = column((m) => (bindsRamp(m) ? fuelCellJumpKw(m) : Infinity));
  const p = new Float64Array(n);
  const lo = new Float64Array(n);
  const hi = new Float64Array(n);
  for (let t = 0; t < intervals; t++) {
    const target = series.outputKw[t]!;
    let total = 0;
    for (let i = 0; i < n; i++) {
      const q = previous[i]!;
      const ramp = ramps[i]!;
      if (q > ZERO_KW) {
        lo[i] = Math.max(minStable[i]!, q - ramp, 0);
        hi[i] = Math.min(rated[i]!, q + ramp);
      } else {
        lo[i] = 0;
        hi[i] = 0;
      }
      p[i] = Math.min(hi[i]!, Math.max(lo[i]!, q));
      total += p[i]!;
    }
    // Too little: raise the running ones, then start idle ones.
    if (total < target) {
      for (let i = 0; i < n && total < target - ZERO_KW; i++) {
        const raise = Math.min(hi[i]! - p[i]!, target - total);
        p[i]! += raise;
        total += raise;
      }
      for (let i = 0; i < n && total < target - ZERO_KW; i++) {
        if (previous[i]! > ZERO_KW || rated[i]! <= 0) continue;
        const most = startTo[i]!;
        const least = minStable[i]!;
        if (most < least || target - total < least - ZERO_KW) continue;
        p[i] = Math.min(most, Math.max(least, target - total));
        total += p[i]!;
      }
    }
    // Too much: lower the running ones, then stop those allowed to stop.
    if (total > target) {
      for (let i = 0; i < n && total > target + ZERO_KW; i++) {
        const lower = Math.min(p[i]! - lo[i]!, total - target);
        p[i]! -= lower;
        total -= lower;
      }
      for (let i = 0; i < n && total > target + ZERO_KW; i++) {
        const canStop = previous[i]! <= stopFrom[i]! + ZERO_KW;
        if (p[i]! <= 0 || !canStop || p[i]! > total - target + ZERO_KW) continue;
        total -= p[i]!;
        p[i] = 0;
      }
    }
    deficitKw[t] = target - total;
    for (let i = 0; i < n; i++) {
      powerKw[i]![t] = p[i]!;
      previous[i] = p[i]!;
    }
  }
  return { powerKw, deficitKw };
};
