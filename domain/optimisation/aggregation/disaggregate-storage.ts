import type { EssAsset, EvChargerAsset } from '../portfolio/portfolio-case.js';
import { allocate } from './allocate.js';

/** One group's virtual-asset schedule in one scenario, per interval (kW, kWh at the end). */
export interface GroupSeries {
  readonly chargeKw: Float64Array;
  readonly dischargeKw: Float64Array;
  readonly socKwh: Float64Array;
  readonly outputKw: Float64Array;
  readonly reductionKw: Float64Array;
}

/**
 * Member setpoints: per member, its power towards the grid per interval (kW; charging and
 * consumption negative), and per interval what the group should have delivered but its members
 * could not (target minus the members' sum, kW).
 */
export interface GroupSetpoints {
  readonly powerKw: readonly Float64Array[];
  readonly deficitKw: Float64Array;
}

/** Setpoints of `n` members, all zero, and no deficit yet. */
export const noSetpoints = (n: number, intervals: number): GroupSetpoints => ({
  powerKw: Array.from({ length: n }, () => new Float64Array(intervals)),
  deficitKw: new Float64Array(intervals),
});

/** Per-member scratch arrays of one group, reused interval after interval. */
interface Workspace {
  readonly n: number;
  readonly proposal: Float64Array;
  readonly lo: Float64Array;
  readonly hi: Float64Array;
  readonly out: Float64Array;
  /** Each member's claim on the interval's power (energy on the way to its bound). */
  readonly weight: Float64Array;
  readonly etaIn: Float64Array;
  readonly etaOut: Float64Array;
}

const workspace = (n: number, etaIn: Float64Array, etaOut: Float64Array): Workspace => ({
  n,
  proposal: new Float64Array(n),
  lo: new Float64Array(n),
  hi: new Float64Array(n),
  out: new Float64Array(n),
  weight: new Float64Array(n),
  etaIn,
  etaOut,
});

/**
 * One interval: the target shared in proportion to the weights (summing to `total`), then
 * within each member's [lo, hi] (allocate.ts); the setpoints recorded and each member's stored
 * energy moved (charge in at `etaIn`, discharge out at `etaOut`). Returns the deficit.
 */
const shareInterval = (
  work: Workspace,
  at: {
    readonly target: number;
    readonly total: number;
    readonly t: number;
    readonly hours: number;
  },
  powerKw: readonly Float64Array[],
  stored: Float64Array,
): number => {
  const { n, proposal, weight, out } = work;
  for (let i = 0; i < n; i++) proposal[i] = at.total > 0 ? (at.target * weight[i]!) / at.total : 0;
  const deficit = allocate(at.target, proposal, work.lo, work.hi, out, n);
  for (let i = 0; i < n; i++) {
    const p = out[i]!;
    powerKw[i]![at.t] = p;
    stored[i] =
      stored[i]! + (p < 0 ? -p * work.etaIn[i]! * at.hours : (-p * at.hours) / work.etaOut[i]!);
  }
  return deficit;
};

/**
 * Batteries: interval by interval, the group's net power (discharge minus charge) is shared in
 * proportion to each member's energy on the way: above its floor when discharging, below its
 * maximum when charging. Members then approach a bound together, no energy is passed between
 * members (which would lose it), and a group that reaches a bound leaves every member at its own.
 * Each member stays within what it can do now: its power limits, its SoC limits, and a floor that
 * keeps its final SoC reachable (it can always recharge to the floor's next value at full power,
 * so the floor never strands it); what power limits cut goes to members with room left. A member
 * never charges and discharges at once. Homothetic members get exactly their pro-rata share.
 */
export const disaggregateEss = (
  members: readonly EssAsset[],
  series: GroupSeries,
  intervals: number,
  hours: number,
): GroupSetpoints => {
  const n = members.length;
  const { powerKw, deficitKw } = noSetpoints(n, intervals);
  // The members' parameters as columns: the loop below runs members x intervals times.
  const column = (f: (m: EssAsset) => number): Float64Array => Float64Array.from(members, f);
  const soc = column((m) => m.initialSocKwh);
  const chargeKw = column((m) => m.chargeKw);
  const dischargeKw = column((m) => m.dischargeKw);
  const minSoc = column((m) => m.minSocKwh);
  const maxSoc = column((m) => m.maxSocKwh);
  const finalSoc = column((m) => m.finalSocKwh ?? m.initialSocKwh);
  const work = workspace(
    n,
    column((m) => m.chargeEfficiency),
    column((m) => m.dischargeEfficiency),
  );
  const { lo, hi, weight, etaIn, etaOut } = work;
  for (let t = 0; t < intervals; t++) {
    const target = series.dischargeKw[t]! - series.chargeKw[t]!;
    const remaining = intervals - 1 - t;
    let total = 0;
    for (let i = 0; i < n; i++) {
      const ec = etaIn[i]! * hours;
      const floor = Math.max(minSoc[i]!, finalSoc[i]! - remaining * ec * chargeKw[i]!);
      const s = soc[i]!;
      // Below the floor (it rose by at most a full charge since the last interval): charge up to it.
      const high =
        s >= floor
          ? Math.min(dischargeKw[i]!, ((s - floor) * etaOut[i]!) / hours)
          : -(floor - s) / ec;
      const low = -Math.min(chargeKw[i]!, (maxSoc[i]! - s) / ec);
      lo[i] = low;
      hi[i] = Math.max(low, high);
      weight[i] = Math.max(0, target > 0 ? s - floor : maxSoc[i]! - s);
      total += weight[i]!;
    }
    deficitKw[t] = shareInterval(work, { target, total, t, hours }, powerKw, soc);
  }
  return { powerKw, deficitKw };
};

/**
 * EVs (a group shares its session windows): while plugged in, each vehicle may take its share of
 * the group's net power within its power limits, its battery, and a floor that keeps its
 * departure energy reachable. The group's power is shared as for batteries: charging in
 * proportion to each battery's free space, vehicle-to-grid to its energy above the floor; what
 * limits cut (vehicles that must charge to stay above the floor included) goes to those with room.
 */
export const disaggregateEv = (
  members: readonly EvChargerAsset[],
  series: GroupSeries,
  intervals: number,
  hours: number,
): GroupSetpoints => {
  const n = members.length;
  const { powerKw, deficitKw } = noSetpoints(n, intervals);
  const energy = new Float64Array(n);
  const column = (f: (m: EvChargerAsset) => number): Float64Array => Float64Array.from(members, f);
  const chargeKw = column((m) => m.maxChargeKw);
  const dischargeKw = column((m) => m.maxDischargeKw);
  const efficiency = column((m) => m.efficiency);
  // The current session of each vehicle, as columns (-1: none left).
  const session = new Int32Array(n).fill(-1);
  const arrival = new Int32Array(n);
  const departure = new Int32Array(n);
  const required = new Float64Array(n);
  const battery = new Float64Array(n);
  const work = workspace(n, efficiency, efficiency);
  const { lo, hi, weight } = work;
  for (let t = 0; t < intervals; t++) {
    const target = series.dischargeKw[t]! - series.chargeKw[t]!;
    let total = 0;
    for (let i = 0; i < n; i++) {
      weight[i] = 0;
      lo[i] = 0;
      hi[i] = 0;
      if (departure[i]! <= t) {
        const m = members[i]!;
        let k = session[i]! + 1;
        while (k < m.sessions.length && m.sessions[k]!.departureInterval <= t) k++;
        const s = m.sessions[k];
        session[i] = k;
        arrival[i] = s?.arrivalInterval ?? intervals;
        departure[i] = s?.departureInterval ?? intervals + 1;
        required[i] = s?.energyRequiredKwh ?? 0;
        battery[i] = s?.batteryKwh ?? 0;
        if (s !== undefined) energy[i] = s.energyOnArrivalKwh;
      }
      if (t < arrival[i]!) continue;
      const ec = efficiency[i]! * hours;
      const floor = Math.max(0, required[i]! - (departure[i]! - 1 - t) * ec * chargeKw[i]!);
      const e = energy[i]!;
      const low = -Math.min(chargeKw[i]!, Math.max(0, battery[i]! - e) / ec);
      const high =
        e >= floor
          ? Math.min(dischargeKw[i]!, ((e - floor) * efficiency[i]!) / hours)
          : -(floor - e) / ec;
      lo[i] = low;
      hi[i] = Math.max(low, high);
      weight[i] = Math.max(0, target > 0 ? (high > 0 ? e - floor : 0) : battery[i]! - e);
      total += weight[i]!;
    }
    deficitKw[t] = shareInterval(work, { target, total, t, hours }, powerKw, energy);
  }
  return { powerKw, deficitKw };
};
