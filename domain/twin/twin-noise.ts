import { SeededRandom, type Seed } from '../shared/seeded-random.js';

/**
 * A forecast turned into an "actual": value x max(0, 1 + relativeStd x z), z standard normal.
 * Each draw has its own generator keyed by (seed, series, interval index), so stepping the twin one
 * interval at a time gives exactly what a whole-horizon run gives, whatever the order of assets.
 */
export const withNoise = (
  value: number,
  relativeStd: number,
  seed: Seed,
  series: string,
  index: number,
): number => {
  if (relativeStd === 0 || value === 0) return value;
  const z = new SeededRandom(seed).derive(`${series}@${index}`).normal();
  return value * Math.max(0, 1 + relativeStd * z);
};
