import { HOURS_PER_DAY } from '../../shared/time/kpx-numbering.js';

/** Balance temperatures below which heating and above which cooling load appears (°C). */
export interface DegreeBases {
  readonly heatingBaseC: number;
  readonly coolingBaseC: number;
}

/** Heating and cooling degrees of one hour: [max(0, base_h − t), max(0, t − base_c)]. */
export const degrees = (temperatureC: number, bases: DegreeBases): readonly [number, number] => [
  Math.max(0, bases.heatingBaseC - temperatureC),
  Math.max(0, temperatureC - bases.coolingBaseC),
];

/**
 * One training sample of the temperature term: how far the target hour's heating and cooling
 * degrees are from those the similar-day forecast already carries (the level days'), and the
 * relative error of that forecast, actual / forecast − 1.
 */
export interface TemperatureSample {
  readonly hourIndex: number;
  readonly heatingDelta: number;
  readonly coolingDelta: number;
  readonly relativeError: number;
}

/** Relative load change per degree of heating and of cooling, per hour of the day. */
export interface TemperatureResponse {
  readonly heatingPerDegree: Float64Array;
  readonly coolingPerDegree: Float64Array;
  readonly samples: number;
}

/** Below this many samples the term is left out: a slope from a day or two of data is noise. */
export const MIN_TEMPERATURE_SAMPLES = 72;
/** Keeps the pooled 2×2 system solvable when one kind of degree never occurs (mild months). */
const POOLED_RIDGE = 1;

interface Normal {
  xx: number;
  xy: number;
  yy: number;
  xr: number;
  yr: number;
  n: number;
}

const emptyNormal = (): Normal => ({ xx: 0, xy: 0, yy: 0, xr: 0, yr: 0, n: 0 });

/** Solves (A + λI)β = b + λ·prior for the 2×2 normal equations A, b. */
const solve = (
  normal: Normal,
  lambda: number,
  prior: readonly [number, number],
): [number, number] => {
  const a = normal.xx + lambda;
  const b = normal.xy;
  const d = normal.yy + lambda;
  const r1 = normal.xr + lambda * prior[0];
  const r2 = normal.yr + lambda * prior[1];
  const det = a * d - b * b;
  if (!(Math.abs(det) > 1e-12)) return [prior[0], prior[1]];
  return [(d * r1 - b * r2) / det, (a * r2 - b * r1) / det];
};

/**
 * Least squares of the relative error on the two degree deltas, per hour of the day. Each hour's
 * slopes are shrunk toward the slopes pooled over all hours by a ridge worth `hourPriorDays` days
 * of that hour's own data, so the hourly pattern shows where the data supports it and a short
 * history still gets the pooled (stable) response.
 */
export const fitTemperatureResponse = (
  samples: readonly TemperatureSample[],
  hourPriorDays: number,
): TemperatureResponse => {
  const heatingPerDegree = new Float64Array(HOURS_PER_DAY);
  const coolingPerDegree = new Float64Array(HOURS_PER_DAY);
  if (samples.length < MIN_TEMPERATURE_SAMPLES)
    return { heatingPerDegree, coolingPerDegree, samples: samples.length };
  const pooled = emptyNormal();
  const hourly = Array.from({ length: HOURS_PER_DAY }, emptyNormal);
  for (const s of samples) {
    for (const normal of [pooled, hourly[s.hourIndex]]) {
      if (normal === undefined) continue;
      normal.xx += s.heatingDelta * s.heatingDelta;
      normal.xy += s.heatingDelta * s.coolingDelta;
      normal.yy += s.coolingDelta * s.coolingDelta;
      normal.xr += s.heatingDelta * s.relativeError;
      normal.yr += s.coolingDelta * s.relativeError;
      normal.n++;
    }
  }
  const pooledSlopes = solve(pooled, POOLED_RIDGE, [0, 0]);
  for (let h = 0; h < HOURS_PER_DAY; h++) {
    const normal = hourly[h] ?? emptyNormal();
    // The ridge is "hourPriorDays samples of average spread": it scales with the data's units.
    const spread = normal.n > 0 ? (normal.xx + normal.yy) / (2 * normal.n) : 0;
    const slopes = solve(normal, Math.max(POOLED_RIDGE, hourPriorDays * spread), pooledSlopes);
    heatingPerDegree[h] = slopes[0];
    coolingPerDegree[h] = slopes[1];
  }
  return { heatingPerDegree, coolingPerDegree, samples: samples.length };
};

/**
 * The multiplier the term applies to an hour's temperature-free forecast. Bounded to 0.5..1.5:
 * a single bad temperature value must not turn a forecast negative or double it.
 */
export const temperatureFactor = (
  response: TemperatureResponse,
  hourIndex: number,
  heatingDelta: number,
  coolingDelta: number,
): number => {
  const change =
    (response.heatingPerDegree[hourIndex] ?? 0) * heatingDelta +
    (response.coolingPerDegree[hourIndex] ?? 0) * coolingDelta;
  return Number.isFinite(change) ? Math.min(1.5, Math.max(0.5, 1 + change)) : 1;
};
