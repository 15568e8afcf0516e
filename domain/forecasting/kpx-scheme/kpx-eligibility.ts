import type { DerParameters } from '../../ders/der-parameters.js';
import type { KpxForecastScheme } from './kpx-forecast-scheme.js';

/** The plant kinds the scheme covers (kpx-market-rules.md §4.2). Gridfolio has no wind DER yet. */
export type RenewableKind = 'pv' | 'wind';

/** A solar or wind plant as the registration rule sees it: its installed capacity. */
export interface RenewablePlant {
  readonly plantId: string;
  readonly kind: RenewableKind;
  readonly capacityKw: number;
}

export type KpxEligibilityBasis = 'single_plant' | 'aggregate' | 'single_plant_and_aggregate';

export interface KpxEligibility {
  readonly eligible: boolean;
  /** How the portfolio qualifies; absent when it does not. */
  readonly basis?: KpxEligibilityBasis;
  /**
   * The capacity C the scheme would register (and its error rate divide by): the aggregate of
   * small plants when it is above the threshold, plus every single plant above it; 0 if none.
   */
  readonly registeredCapacityKw: number;
  /** Sum of the plants small enough to be aggregated (at most `maxAggregatedPlantKw` each). */
  readonly aggregatableCapacityKw: number;
  readonly largestPlantKw: number;
  /** For people: why the portfolio does or does not qualify, with the figures. */
  readonly reason: string;
}

/**
 * Registration test of kpx-market-rules.md §4.2: a single solar/wind plant above the threshold
 * (20 MW), or an aggregate of plants of at most 1 MW each totalling above it. Plants between the
 * two sizes can neither be aggregated nor register alone, so they count towards nothing.
 */
export const kpxForecastEligibility = (
  plants: readonly RenewablePlant[],
  scheme: KpxForecastScheme,
): KpxEligibility => {
  const threshold = scheme.registrationThresholdKw;
  let aggregatable = 0;
  let singles = 0;
  let largest = 0;
  for (const plant of plants) {
    largest = Math.max(largest, plant.capacityKw);
    if (plant.capacityKw <= scheme.maxAggregatedPlantKw) aggregatable += plant.capacityKw;
    else if (plant.capacityKw > threshold) singles += plant.capacityKw;
  }
  const aggregateQualifies = aggregatable > threshold;
  const basis: KpxEligibilityBasis | undefined =
    singles > 0 && aggregateQualifies
      ? 'single_plant_and_aggregate'
      : singles > 0
        ? 'single_plant'
        : aggregateQualifies
          ? 'aggregate'
          : undefined;
  const registeredCapacityKw = singles + (aggregateQualifies ? aggregatable : 0);
  const figures =
    `${plants.length} solar/wind plants, largest ${kwText(largest)}, ` +
    `${kwText(aggregatable)} in plants of at most ${kwText(scheme.maxAggregatedPlantKw)}`;
  return {
    eligible: basis !== undefined,
    ...(basis === undefined ? {} : { basis }),
    registeredCapacityKw,
    aggregatableCapacityKw: aggregatable,
    largestPlantKw: largest,
    reason:
      basis === undefined
        ? `below the registration threshold: no single plant and no aggregate above ${kwText(threshold)} (${figures})`
        : `registered capacity ${kwText(registeredCapacityKw)} (${figures})`,
  };
};

/**
 * The renewable plants among a portfolio's DERs. ASSUMPTION: a PV plant's installed capacity is
 * its DC nameplate (`capacityKwp`), the figure Korean PV plants are permitted and listed by.
 */
export const renewablePlantsOf = (
  ders: readonly { readonly derId: string; readonly parameters: DerParameters }[],
): RenewablePlant[] =>
  ders.flatMap(({ derId, parameters }) =>
    parameters.kind === 'pv'
      ? [{ plantId: derId, kind: 'pv' as const, capacityKw: parameters.capacityKwp }]
      : [],
  );

const kwText = (value: number): string =>
  value >= 1_000 ? `${(value / 1_000).toFixed(3).replace(/\.?0+$/, '')} MW` : `${value} kW`;
