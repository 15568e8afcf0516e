import { awardedPositionKw } from '../../domain/bidding/deliverability/awarded-position.js';
import type { ShortfallFigures } from '../../domain/bids/bid.events.js';
import type { IntervalBid } from '../../domain/market/bid-curve.js';
import { kwh } from '../../domain/shared/units.js';
import { dispatchInTwin, scenarioPerInterval, type DeliveryInputs } from './deliver-day.js';
import type { SimulatedMicro } from './portfolio-day.reader.js';

/** Price sequences a drafted bid is checked against (issue 5: N = 1,000). */
export const DELIVERABILITY_SAMPLES = 1_000;

export interface TwinDeliverabilityInput {
  /** What delivery would see, forecasts as given (no noise is added: prices are what vary). */
  readonly delivery: Omit<DeliveryInputs, 'awards' | 'noise'>;
  readonly curves: readonly IntervalBid[];
  /** Clearing-price sequences sampled from the price forecast, KRW/kWh, one per interval. */
  readonly priceSequences: readonly (readonly number[])[];
}

export interface TwinDeliverability {
  readonly samples: number;
  /** Mean over the samples of sum_t |award_t - delivered_t|, kWh. */
  readonly expectedShortfallKwh: number;
  readonly worstShortfallKwh: number;
  /** Of the expectation, the energy delivered short of the award (sold less, bought more), kWh. */
  readonly expectedUnderKwh: number;
  /** Twin runs made: per group of sites, one per distinct dispatch of that group's assets. */
  readonly twinRuns: number;
}

const NO_NOISE = { seed: 'deliverability', pvRelativeStd: 0, loadRelativeStd: 0 } as const;
const round3 = (value: number): number => Math.round(value * 1000) / 1000;

/**
 * How far the bid's curves would leave delivery short of its awards, checked in the digital twin:
 * for each sampled price sequence the award is the curves' net quantity at that price, the twin
 * follows the very dispatch rule delivery uses (in each interval the schedule of the scenario
 * whose position is nearest the award; battery SoC, EV departure energy, DR limits, fuel-cell
 * ramps, site and community limits apply) against the forecasts, and the shortfall is the energy
 * between award and delivered position over the day. This is the shortfall of the dispatch the
 * run will follow, so it is at least the least possible shortfall (an LP per sample,
 * domain/bidding/deliverability/assess-deliverability.ts), at microseconds per twin step instead
 * of a solve per sample. The dispatch depends on the samples only through the scenario chosen in
 * each interval, so samples choosing alike share one twin run. Pure and deterministic.
 */
export const assessInTwin = (input: TwinDeliverabilityInput): TwinDeliverability => {
  const { delivery, curves, priceSequences } = input;
  const n = (24 * 60) / delivery.intervalMinutes;
  const hours = delivery.intervalMinutes / 60;
  const groups = twinGroups(delivery, n);
  let twinRuns = 0;
  let total = 0;
  let under = 0;
  let worst = 0;
  const position = new Float64Array(n);
  for (const prices of priceSequences) {
    const award = Array.from(awardedPositionKw(curves, prices, n));
    const chosen = scenarioPerInterval(delivery.schedules, award);
    position.fill(0);
    for (const group of groups) {
      const key = chosen.map((s, t) => group.canonical[t]?.[s] ?? s).join(',');
      let delivered = group.delivered.get(key);
      if (delivered === undefined) {
        const inputs = { ...delivery, ...group.scope, noise: NO_NOISE };
        delivered = dispatchInTwin(inputs, chosen, award).figures.deliveredNetKwh;
        group.delivered.set(key, delivered);
        twinRuns++;
      }
      for (let t = 0; t < n; t++) position[t] = (position[t] ?? 0) + (delivered[t] ?? 0);
    }
    let short = 0;
    for (let t = 0; t < n; t++) {
      const gap = (award[t] ?? 0) * hours - (position[t] ?? 0);
      short += Math.abs(gap);
      if (gap > 0) under += gap;
    }
    total += short;
    worst = Math.max(worst, short);
  }
  const samples = Math.max(1, priceSequences.length);
  return {
    samples: priceSequences.length,
    expectedShortfallKwh: round3(total / samples),
    worstShortfallKwh: round3(worst),
    expectedUnderKwh: round3(under / samples),
    twinRuns,
  };
};

interface TwinGroup {
  /** The sites simulated together (a community with an export limit, or one site). */
  readonly scope: Pick<DeliveryInputs, 'micros' | 'communities'>;
  /**
   * canonical[t][s]: the first scenario whose setpoints for the group's assets in interval t are
   * those of scenario s; the group's dispatch depends on the chosen scenarios only through it.
   */
  readonly canonical: readonly (readonly number[])[];
  readonly delivered: Map<string, readonly number[]>;
}

/**
 * Sites coupled by a community export limit are simulated together, every other site alone, so
 * that a sample re-runs only the sites whose setpoints it changes (a PV plant never curtailed
 * has the same dispatch in every scenario and runs once for all samples).
 */
const twinGroups = (delivery: TwinDeliverabilityInput['delivery'], n: number): TwinGroup[] => {
  const limited = new Set((delivery.communities ?? []).map((c) => c.id));
  const members = new Map<string, SimulatedMicro[]>();
  for (const micro of delivery.micros) {
    const key =
      micro.communityId !== undefined && limited.has(micro.communityId)
        ? `community:${micro.communityId}`
        : `site:${micro.microVppId}`;
    members.set(key, [...(members.get(key) ?? []), micro]);
  }
  const scenarios = delivery.schedules.scenarios;
  return [...members.values()].map((micros) => {
    const ids = micros.flatMap((m) => [`pv@${m.microVppId}`, ...m.ders.map((d) => d.derId)]);
    const rows = ids.flatMap((id) =>
      scenarios.some((s) => s.assetKw[id] !== undefined)
        ? [scenarios.map((s) => s.assetKw[id])]
        : [],
    );
    const canonical = Array.from({ length: n }, (_, t) =>
      scenarios.map((_, s) => {
        for (let first = 0; first < s; first++)
          if (rows.every((row) => (row[first]?.[t] ?? 0) === (row[s]?.[t] ?? 0))) return first;
        return s;
      }),
    );
    const communityIds = new Set(micros.map((m) => m.communityId));
    return {
      scope: {
        micros,
        communities: (delivery.communities ?? []).filter((c) => communityIds.has(c.id)),
      },
      canonical,
      delivered: new Map<string, readonly number[]>(),
    };
  });
};

/** The figures BidDrafted.shortfall records. */
export const twinShortfallFigures = (assessment: TwinDeliverability): ShortfallFigures => ({
  expectedKwh: kwh(assessment.expectedShortfallKwh),
  worstKwh: kwh(Math.max(assessment.worstShortfallKwh, assessment.expectedShortfallKwh)),
  samples: assessment.samples,
});
