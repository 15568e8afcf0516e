import {
  MilpModelBuilder,
  milpName,
  milpPortfolioName,
  type MilpModel,
} from '../../../domain/optimisation/milp-model.js';
import { SeededRandom, type Seed } from '../../../domain/shared/seeded-random.js';

/** 0/1 knapsack: maximise value within the weight capacity. */
export const knapsack = (
  values: readonly number[],
  weights: readonly number[],
  capacity: number,
): MilpModel => {
  const b = new MilpModelBuilder('max');
  const items = values.map((value, i) =>
    b.addVariable({ name: milpName('take', `item-${i}`), kind: 'binary', objective: value }),
  );
  b.addConstraint(
    milpPortfolioName('capacity'),
    items.map((item, i) => [item, weights[i]!] as const),
    { le: capacity },
  );
  return b.build();
};

/** The best knapsack value by enumerating every subset (n <= 16). */
export const knapsackByEnumeration = (
  values: readonly number[],
  weights: readonly number[],
  capacity: number,
): number => {
  let best = 0;
  for (let mask = 0; mask < 1 << values.length; mask++) {
    let value = 0;
    let weight = 0;
    for (let i = 0; i < values.length; i++)
      if (mask & (1 << i)) {
        value += values[i]!;
        weight += weights[i]!;
      }
    if (weight <= capacity && value > best) best = value;
  }
  return best;
};

export interface BatterySpec {
  readonly id: string;
  readonly capacityKwh: number;
  readonly powerKw: number;
  readonly initialSocKwh: number;
}

/**
 * A tiny arbitrage day: hourly prices, lossless batteries; revenue = sum price * (discharge -
 * charge). With `exclusiveModes` a binary per hour forbids charging and discharging together.
 */
export const batteryArbitrage = (
  pricesKrwPerKwh: readonly number[],
  batteries: readonly BatterySpec[],
  exclusiveModes: boolean,
): MilpModel => {
  const b = new MilpModelBuilder('max', { familyUnits: { soc_balance: 'kWh', final_soc: 'kWh' } });
  for (const battery of batteries) {
    let previous: number | undefined;
    pricesKrwPerKwh.forEach((price, h) => {
      const t = `t${h + 1}`;
      const charge = b.addVariable({
        name: milpName('charge_kw', battery.id, t),
        upper: battery.powerKw,
        objective: -price,
      });
      const discharge = b.addVariable({
        name: milpName('discharge_kw', battery.id, t),
        upper: battery.powerKw,
        objective: price,
      });
      const soc = b.addVariable({
        name: milpName('soc_kwh', battery.id, t),
        upper: battery.capacityKwh,
      });
      // soc(t) - soc(t-1) - charge + discharge = 0, the first hour starting from the initial SoC.
      const terms: [number, number][] = [
        [soc, 1],
        [charge, -1],
        [discharge, 1],
      ];
      if (previous !== undefined) terms.push([previous, -1]);
      b.addConstraint(milpName('soc_balance', battery.id, t), terms, {
        eq: previous === undefined ? battery.initialSocKwh : 0,
      });
      if (exclusiveModes) {
        const mode = b.addVariable({ name: milpName('charging', battery.id, t), kind: 'binary' });
        b.addConstraint(
          milpName('charge_mode', battery.id, t),
          [
            [charge, 1],
            [mode, -battery.powerKw],
          ],
          { le: 0 },
        );
        b.addConstraint(
          milpName('discharge_mode', battery.id, t),
          [
            [discharge, 1],
            [mode, battery.powerKw],
          ],
          {
            le: battery.powerKw,
          },
        );
      }
      previous = soc;
    });
    b.addConstraint(milpName('final_soc', battery.id), [[previous!, 1]], {
      ge: battery.initialSocKwh,
    });
  }
  return b.build();
};

/**
 * Market split (Cornuéjols & Dawande): rows of random weights on binaries, each to hit half its
 * total exactly, with slacks minimised. Small, and very hard for branch and bound: a solve that
 * runs into its limits. `unsplittable`: even weights and odd targets, so no pick hits a target
 * and the LP bound (0) stays below every solution (at least one per row): no solver can prove
 * one optimal without searching the whole tree, however fast the machine, nor stop early on
 * an exact split it happens upon.
 */
export const marketSplit = (
  rows: number,
  columns: number,
  seed: Seed,
  options: { readonly unsplittable?: boolean } = {},
): MilpModel => {
  const random = new SeededRandom(seed);
  const b = new MilpModelBuilder('min');
  const x = Array.from({ length: columns }, (_, j) =>
    b.addVariable({ name: milpPortfolioName('pick', `c${j}`), kind: 'binary' }),
  );
  for (let i = 0; i < rows; i++) {
    const weights = x.map(() =>
      options.unsplittable === true ? 2 * random.nextInt(0, 49) : random.nextInt(0, 99),
    );
    const half = Math.floor(weights.reduce((sum, w) => sum + w, 0) / 2);
    const target = options.unsplittable === true ? half - (half % 2) + 1 : half;
    const over = b.addVariable({ name: milpPortfolioName('over', `r${i}`), objective: 1 });
    const under = b.addVariable({ name: milpPortfolioName('under', `r${i}`), objective: 1 });
    b.addConstraint(
      milpPortfolioName('split', `r${i}`),
      [...x.map((v, j) => [v, weights[j]!] as const), [over, -1] as const, [under, 1] as const],
      { eq: target },
    );
  }
  return b.build();
};
