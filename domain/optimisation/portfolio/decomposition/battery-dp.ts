import type { EssAsset } from '../portfolio-case.js';

/**
 * A battery's own problem at given prices, solved exactly without an LP solver: the subproblem of
 * the decomposition (decomposed-solve.ts), solved thousands of times, where one glpk.js LP of a
 * single battery costs ~20 ms (measured: 50 single-battery LPs took 1.1 s on vpp-l).
 *
 * Maximise sum_t h [q(t) (d(t) - c(t)) - tieBreak (c + d) - degradation (eta_c c + d / eta_d)]
 * subject to the battery's own constraints (ess.model.ts) and, optionally, a box on its net power
 * d(t) - c(t). By dynamic programming on the state of charge: with F_t(s) the best value of
 * intervals t.. from SoC s, F_t = sup-convolution of F_{t+1} with the interval's gain as a
 * function of the SoC change. Every F_t is concave and piecewise linear (a supremum-convolution of
 * concave piecewise-linear functions is one: its slopes are the merged slopes), so the recursion
 * is exact, O(T^2) per battery.
 *
 * The interval's gain g(delta) is the upper concave envelope of the (charge, discharge) corners:
 * - `relaxed` (the LP relaxation, charge and discharge at once allowed): corners (0,0), (C,0),
 *   (0,D), (C,D) — exactly what the monolithic relaxation allows, so its value bounds the battery;
 * - `exclusive` (never both at once): points on the charge-only and discharge-only lines within
 *   the box. The envelope of these is the gain itself when it is concave, i.e. unless the price
 *   is so negative that burning energy pays; then `solve` reports `exclusive: false`.
 */
export interface BatteryPrices {
  /** Price per kWh of net export (discharge - charge) in each interval. */
  readonly priceKrwPerKwh: ArrayLike<number>;
  readonly hours: number;
  readonly tieBreakKrwPerKwh: number;
  /**
   * Optional, `exclusive` mode only: above `kneeKw[t]` of net export a kW earns
   * `priceAboveKneeKrwPerKwh[t]` instead (at most the price: a concave revenue), e.g. 0 where
   * more export would only displace PV at a limit.
   */
  readonly knee?: {
    readonly kneeKw: ArrayLike<number>;
    readonly priceAboveKneeKrwPerKwh: ArrayLike<number>;
  };
}

export interface NetBox {
  /** Net power (discharge - charge) bounds per interval, kW. */
  readonly lowerKw: ArrayLike<number>;
  readonly upperKw: ArrayLike<number>;
}

export interface BatterySchedule {
  readonly chargeKw: Float64Array;
  readonly dischargeKw: Float64Array;
  readonly socKwh: Float64Array;
  /** Objective at the prices (tie-break and degradation included). */
  readonly value: number;
  /** False when an interval needs charge and discharge at once to reach `value`. */
  readonly exclusive: boolean;
}

interface Corner {
  readonly delta: number;
  readonly value: number;
  readonly chargeKw: number;
  readonly dischargeKw: number;
}

/** Concave piecewise-linear function on [lo, lo + sum of lengths]; slopes non-increasing. */
interface Concave {
  readonly lo: number;
  readonly valueAtLo: number;
  readonly lengths: number[];
  readonly slopes: number[];
}

const EPS = 1e-9;
const SNAP_KW = 1e-7;

/**
 * The best schedule of `asset` at `prices` (within `box` if given), or undefined when no schedule
 * satisfies the battery's limits (and the box).
 */
export const solveBattery = (
  asset: EssAsset,
  prices: BatteryPrices,
  mode: 'relaxed' | 'exclusive',
  box?: NetBox,
): BatterySchedule | undefined => {
  const intervals = prices.priceKrwPerKwh.length;
  const gains: Corner[][] = [];
  for (let t = 0; t < intervals; t++) {
    const hull = gainHull(asset, prices, t, mode, box);
    if (hull === undefined) return undefined;
    gains.push(hull);
  }
  // F[t]: best value of intervals t.. from the SoC at the start of t; F[T] = 0 on the final range.
  const finalSoc = asset.finalSocKwh ?? asset.initialSocKwh;
  const lowest = Math.max(asset.minSocKwh, finalSoc);
  if (lowest > asset.maxSocKwh + EPS) return undefined;
  const values: Concave[] = new Array<Concave>(intervals + 1);
  values[intervals] = {
    lo: lowest,
    valueAtLo: 0,
    lengths: [Math.max(0, asset.maxSocKwh - lowest)],
    slopes: [0],
  };
  for (let t = intervals - 1; t >= 0; t--) {
    const next = supConvolve(values[t + 1]!, mirrored(gains[t]!));
    const clipped = t === 0 ? next : clip(next, asset.minSocKwh, asset.maxSocKwh);
    if (clipped === undefined) return undefined;
    values[t] = clipped;
  }
  const start = values[0]!;
  const s0 = asset.initialSocKwh;
  if (s0 < start.lo - EPS || s0 > end(start) + EPS) return undefined;
  const chargeKw = new Float64Array(intervals);
  const dischargeKw = new Float64Array(intervals);
  const socKwh = new Float64Array(intervals);
  let soc = s0;
  let value = 0;
  let exclusive = true;
  for (let t = 0; t < intervals; t++) {
    const gain = gains[t]!;
    const future = values[t + 1]!;
    const lo = Math.max(future.lo, soc + gain[0]!.delta);
    const hi = Math.min(end(future), soc + gain[gain.length - 1]!.delta);
    const nextSoc = argmaxSum(future, gain, soc, lo, Math.max(lo, hi));
    const step = decode(gain, nextSoc - soc);
    chargeKw[t] = step.chargeKw;
    dischargeKw[t] = step.dischargeKw;
    if (step.chargeKw > SNAP_KW && step.dischargeKw > SNAP_KW) exclusive = false;
    value += step.value;
    soc = nextSoc;
    socKwh[t] = soc;
  }
  return { chargeKw, dischargeKw, socKwh, value, exclusive };
};

/** The interval's gain as a function of the SoC change: its concave envelope, by delta. */
const gainHull = (
  asset: EssAsset,
  prices: BatteryPrices,
  t: number,
  mode: 'relaxed' | 'exclusive',
  box: NetBox | undefined,
): Corner[] | undefined => {
  const h = prices.hours;
  const q = prices.priceKrwPerKwh[t]!;
  const etaC = asset.chargeEfficiency;
  const etaD = asset.dischargeEfficiency;
  const knee = prices.knee?.kneeKw[t] ?? Infinity;
  const above = prices.knee?.priceAboveKneeKrwPerKwh[t] ?? q;
  const revenue = (net: number) => (net <= knee ? q * net : q * knee + above * (net - knee));
  const corner = (chargeKw: number, dischargeKw: number): Corner => ({
    delta: h * (etaC * chargeKw - dischargeKw / etaD),
    value:
      h *
      (revenue(dischargeKw - chargeKw) -
        prices.tieBreakKrwPerKwh * (chargeKw + dischargeKw) -
        asset.degradationCostKrwPerKwh * (etaC * chargeKw + dischargeKw / etaD)),
    chargeKw,
    dischargeKw,
  });
  const points: Corner[] = [];
  if (mode === 'relaxed') {
    points.push(
      corner(0, 0),
      corner(asset.chargeKw, 0),
      corner(0, asset.dischargeKw),
      corner(asset.chargeKw, asset.dischargeKw),
    );
  } else {
    // Box bounds within round-off of 0 are 0: a 1e-9 kW "discharge" bound next to the idle
    // point would otherwise replace it in the envelope and mix charge and discharge.
    const snap = (kw: number) => (Math.abs(kw) < SNAP_KW ? 0 : kw);
    const lower =
      box === undefined ? -asset.chargeKw : Math.max(-asset.chargeKw, snap(box.lowerKw[t]!));
    const upper =
      box === undefined ? asset.dischargeKw : Math.min(asset.dischargeKw, snap(box.upperKw[t]!));
    if (lower > upper + EPS) return undefined;
    const net = (kw: number) => (kw >= 0 ? corner(0, kw) : corner(-kw, 0));
    points.push(net(lower), net(Math.max(lower, upper)));
    if (lower < 0 && upper > 0) points.push(net(0));
    if (lower < knee && knee < upper) points.push(net(knee));
  }
  return upperHull(points);
};

/** Upper concave envelope of points, sorted by delta (duplicates by delta keep the best). */
const upperHull = (points: Corner[]): Corner[] => {
  const sorted = [...points].sort((a, b) => a.delta - b.delta || b.value - a.value);
  const hull: Corner[] = [];
  for (const p of sorted) {
    if (hull.length > 0 && Math.abs(hull[hull.length - 1]!.delta - p.delta) <= EPS) continue;
    while (hull.length >= 2) {
      const a = hull[hull.length - 2]!;
      const b = hull[hull.length - 1]!;
      // b lies on or below the chord from a to p: drop it.
      const cross =
        (b.delta - a.delta) * (p.value - a.value) - (b.value - a.value) * (p.delta - a.delta);
      if (cross >= 0) hull.pop();
      else break;
    }
    hull.push(p);
  }
  return hull;
};

/** g(-w) as a concave function of w (the SoC before minus after). */
const mirrored = (gain: readonly Corner[]): Concave => {
  const last = gain[gain.length - 1]!;
  const lengths: number[] = [];
  const slopes: number[] = [];
  for (let k = gain.length - 1; k > 0; k--) {
    const a = gain[k - 1]!;
    const b = gain[k]!;
    const length = b.delta - a.delta;
    if (length <= EPS) continue;
    lengths.push(length);
    slopes.push(-(b.value - a.value) / length);
  }
  return { lo: -last.delta, valueAtLo: last.value, lengths, slopes };
};

const end = (f: Concave): number => f.lengths.reduce((sum, length) => sum + length, f.lo);

/** (f □ g)(s) = max over x + y = s of f(x) + g(y): the merged slopes. */
const supConvolve = (f: Concave, g: Concave): Concave => {
  const lengths: number[] = [];
  const slopes: number[] = [];
  let i = 0;
  let j = 0;
  while (i < f.slopes.length || j < g.slopes.length) {
    const takeF = j >= g.slopes.length || (i < f.slopes.length && f.slopes[i]! >= g.slopes[j]!);
    const slope = takeF ? f.slopes[i]! : g.slopes[j]!;
    const length = takeF ? f.lengths[i++]! : g.lengths[j++]!;
    const k = slopes.length - 1;
    if (k >= 0 && Math.abs(slopes[k]! - slope) <= 1e-12 * Math.max(1, Math.abs(slope)))
      lengths[k] = lengths[k]! + length;
    else {
      lengths.push(length);
      slopes.push(slope);
    }
  }
  return { lo: f.lo + g.lo, valueAtLo: f.valueAtLo + g.valueAtLo, lengths, slopes };
};

/** f restricted to [a, b]; undefined when that is empty. */
const clip = (f: Concave, a: number, b: number): Concave | undefined => {
  const lo = Math.max(f.lo, a);
  const hi = Math.min(end(f), b);
  if (lo > hi + EPS) return undefined;
  const lengths: number[] = [];
  const slopes: number[] = [];
  let x = f.lo;
  let value = f.valueAtLo;
  let valueAtLo = f.lo >= lo ? f.valueAtLo : NaN;
  for (let k = 0; k < f.slopes.length; k++) {
    const from = x;
    const to = x + f.lengths[k]!;
    const slope = f.slopes[k]!;
    if (Number.isNaN(valueAtLo) && to >= lo) valueAtLo = value + slope * (lo - from);
    const left = Math.max(from, lo);
    const right = Math.min(to, hi);
    if (right - left > EPS) {
      lengths.push(right - left);
      slopes.push(slope);
    }
    value += slope * f.lengths[k]!;
    x = to;
  }
  if (Number.isNaN(valueAtLo)) valueAtLo = value;
  return { lo, valueAtLo, lengths, slopes };
};

/**
 * The next SoC in [lo, hi] maximising F(next) + g(next - soc). The sum is concave: walk up from lo
 * over both functions' breakpoints while its slope is positive (the lowest maximiser).
 */
const argmaxSum = (
  future: Concave,
  gain: readonly Corner[],
  soc: number,
  lo: number,
  hi: number,
): number => {
  let k = 0; // segment of `future` containing the current point
  let segmentEnd = future.lo + (future.lengths[0] ?? 0);
  let g = 1; // gain segment [gain[g-1], gain[g]] containing the current point
  let at = lo;
  while (at < hi - EPS) {
    while (k < future.lengths.length - 1 && segmentEnd <= at + EPS)
      segmentEnd += future.lengths[++k]!;
    while (g < gain.length - 1 && soc + gain[g]!.delta <= at + EPS) g++;
    const fSlope = future.slopes[k] ?? 0;
    const a = gain[g - 1];
    const b = gain[g];
    const gSlope =
      a === undefined || b === undefined ? 0 : (b.value - a.value) / (b.delta - a.delta);
    if (fSlope + gSlope <= 1e-12) break;
    const gainEnd = b === undefined ? hi : soc + b.delta;
    const to = Math.min(
      hi,
      segmentEnd > at + EPS ? segmentEnd : hi,
      gainEnd > at + EPS ? gainEnd : hi,
    );
    if (to <= at) break;
    at = to;
  }
  return Math.min(Math.max(at, lo), hi);
};

/** Charge and discharge realising a SoC change: interpolated between the envelope's corners. */
const decode = (gain: readonly Corner[], delta: number): Corner => {
  if (gain.length === 1 || delta <= gain[0]!.delta) return gain[0]!;
  for (let k = 1; k < gain.length; k++) {
    const a = gain[k - 1]!;
    const b = gain[k]!;
    if (delta <= b.delta + EPS) {
      const w = Math.min(1, Math.max(0, (delta - a.delta) / (b.delta - a.delta)));
      const mix = (x: number, y: number) => x + w * (y - x);
      return {
        delta,
        value: mix(a.value, b.value),
        chargeKw: mix(a.chargeKw, b.chargeKw),
        dischargeKw: mix(a.dischargeKw, b.dischargeKw),
      };
    }
  }
  return gain[gain.length - 1]!;
};
