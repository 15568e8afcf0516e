import { DomainError } from '../../shared/domain-error.js';
import { isKpxQualifyingHour } from './kpx-error-rate.js';

export interface NmaeResult {
  /** 100 × mean over counted hours of |y − ŷ| / C; NaN when no hour counts. */
  readonly nmaePct: number;
  /** Hours with y ≥ 0.1·C (inclusive) and both values present. */
  readonly countedHours: number;
}

/**
 * NMAE-10 (%): the capacity-normalised MAE over hours whose ACTUAL is at least 10 % of capacity
 * (DACON/KPX style). Pairs with a NaN are skipped. The filter is decided exactly, like the KPX one.
 */
export const nmae10Pct = (
  actualKwh: ArrayLike<number>,
  forecastKwh: ArrayLike<number>,
  capacityKw: number,
): NmaeResult => {
  sameLength(actualKwh, forecastKwh);
  let sum = 0;
  let countedHours = 0;
  for (let i = 0; i < actualKwh.length; i++) {
    const y = actualKwh[i] ?? Number.NaN;
    const yHat = forecastKwh[i] ?? Number.NaN;
    if (Number.isNaN(y) || Number.isNaN(yHat) || !isKpxQualifyingHour(y, capacityKw)) continue;
    sum += Math.abs(y - yHat) / capacityKw;
    countedHours++;
  }
  return { nmaePct: countedHours === 0 ? Number.NaN : (100 * sum) / countedHours, countedHours };
};

export interface PlantSeries {
  readonly capacityKw: number;
  readonly actualKwh: ArrayLike<number>;
  readonly forecastKwh: ArrayLike<number>;
}

/** Adds plants hour by hour: C_total = Σ C, y = Σ y_p, ŷ = Σ ŷ_p (a NaN in any plant gives NaN). */
export const sumPlants = (plants: readonly PlantSeries[]): PlantSeries => {
  const first = plants[0];
  if (first === undefined)
    throw new DomainError('FORECAST.INVALID_INPUT', 'at least one plant is needed', 'plants');
  const hours = first.actualKwh.length;
  const actualKwh = new Float64Array(hours);
  const forecastKwh = new Float64Array(hours);
  let capacityKw = 0;
  plants.forEach((plant, p) => {
    sameLength(plant.actualKwh, plant.forecastKwh);
    if (plant.actualKwh.length !== hours)
      throw new DomainError(
        'FORECAST.INVALID_INPUT',
        `plant ${p} has ${plant.actualKwh.length} hours, plant 0 has ${hours}`,
        `plants[${p}]`,
      );
    capacityKw += plant.capacityKw;
    for (let h = 0; h < hours; h++) {
      actualKwh[h] = (actualKwh[h] ?? 0) + (plant.actualKwh[h] ?? Number.NaN);
      forecastKwh[h] = (forecastKwh[h] ?? 0) + (plant.forecastKwh[h] ?? Number.NaN);
    }
  });
  return { capacityKw, actualKwh, forecastKwh };
};

/** DACON multi-plant NMAE-10: NMAE-10 of the summed series with C_total, filter on summed actual. */
export const nmae10MultiPlantPct = (plants: readonly PlantSeries[]): NmaeResult => {
  const total = sumPlants(plants);
  return nmae10Pct(total.actualKwh, total.forecastKwh, total.capacityKw);
};

const sameLength = (a: ArrayLike<number>, b: ArrayLike<number>): void => {
  if (a.length !== b.length)
    throw new DomainError(
      'FORECAST.INVALID_INPUT',
      `actual has ${a.length} values but forecast has ${b.length}`,
      'forecastKwh',
    );
};
