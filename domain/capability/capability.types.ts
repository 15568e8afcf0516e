import type { DerKind } from '../ders/der-parameters.js';
import type { Kw, Kwh } from '../shared/units.js';

/**
 * What a set of DERs can do in one interval of a trading day, summed over the DERs of one kind
 * (or of all kinds). The conventions, fixed here once for every caller:
 *
 * Directions follow the portfolio's net injection into the grid. **Up** is more injection or less
 * consumption; **down** is less injection or more consumption. Both are headroom, never negative,
 * measured from a baseline each kind defines, because no schedule or forecast exists yet:
 * - `pv`: up and down are 0. What a plant can add or curtail depends on the sun, so both wait for
 *   a forecast (the forecasting issue). `maxOutputKw` is its installed AC capacity,
 *   min(inverterKw, capacityKwp), whatever the sun.
 * - `ess`: the baseline is idle. Up is `dischargeKw`, down is `chargeKw`, and the stored energy stays
 *   within [minSocKwh, maxSocKwh].
 * - `dr_load`: up is `maxReductionKw` below the customer baseline load, and down is 0. An
 *   all-or-nothing load derated below its full reduction offers nothing. The daily limits (activations, hours)
 *   bind over a day, not an interval, and are left to the bid builder.
 * - `ev_charger`: it offers power only while a car is plugged in, or planned to be, for the
 *   whole interval. Up is `maxDischargeKw` (V2G; 0 for a charge-only charger), down is `maxChargeKw`.
 *   The car's stored energy is bounded by its session (`evEnergyWindowAt`).
 * - `fuel_cell`: the baseline is running at `minStableKw`. Up is ratedKw - minStableKw, and down
 *   is minStableKw (stopping it). A derating below minStableKw means it cannot run, so it offers 0.
 *
 * **Firm**: every power figure holds for the whole interval, being the minimum over the
 * interval. So an outage, a car leaving or a decommissioning anywhere in an interval cuts all of
 * it, while a window on the grid cuts exactly the intervals it covers.
 * A declared availability (outage or derating, `DerAvailabilityDeclared`) caps the DER's power in
 * both directions and its `maxOutputKw`. A DER counts only in intervals it is in service for
 * from start to end: not before its registration, not from its decommissioning instant on.
 */
export interface CapabilityFigures {
  /** DERs in service for the whole interval (an EV charger counts with or without a car). */
  readonly derCount: number;
  readonly upKw: Kw;
  readonly downKw: Kw;
  /**
   * Grid-side energy deliverable within the interval: power x interval hours, and for storage at
   * most its usable energy (storedMaxKwh - storedMinKwh) after efficiencies.
   */
  readonly upKwh: Kwh;
  readonly downKwh: Kwh;
  /** Bounds of the energy stored at the end of the interval (ESS and plugged cars; else 0). */
  readonly storedMinKwh: Kwh;
  readonly storedMaxKwh: Kwh;
  /**
   * The most injection (or load reduction) at full output, whatever the sun, schedule or state
   * of charge: PV's installed AC capacity, an ESS's or a V2G car's discharge rating, a fuel
   * cell's rating, a load's maximum reduction.
   */
  readonly maxOutputKw: Kw;
}

export interface IntervalCapability {
  /** 0-based index of the interval in its trading day. */
  readonly index: number;
  /** Canonical UTC ISO instants, [start, end). */
  readonly start: string;
  readonly end: string;
  readonly total: CapabilityFigures;
  readonly byKind: Readonly<Record<DerKind, CapabilityFigures>>;
}

export interface PortfolioCapability {
  readonly portfolioId: string;
  readonly tier: string;
  readonly day: string;
  readonly intervalMinutes: number;
  /** DERs in the portfolio's subtree on the day, in service or not. */
  readonly memberDerCount: number;
  readonly intervals: readonly IntervalCapability[];
}
