/**
 * What the site sees in one interval, as forecast (the twin adds seeded noise). Values are plain
 * numbers in the unit their name says; they are checked at run time like any outside input.
 *
 * PV availability is AC-side power before the inverter limit, or plane-of-array irradiance, which
 * the twin converts at standard test conditions: availableKw = capacityKwp x G / 1000 W/m2
 * (temperature and system losses belong in the forecast, not in the twin).
 */
export type PvResource = { readonly availableKw: number } | { readonly irradianceWPerM2: number };

export interface TwinIntervalInputs {
  /** Consumption that no asset controls; DR loads are not part of it. */
  readonly buildingLoadKw: number;
  /** One entry per PV asset. */
  readonly pv?: Readonly<Record<string, PvResource>>;
  /** One entry per DR load: what it would draw without reduction (its baseline, given). */
  readonly drBaselineKw?: Readonly<Record<string, number>>;
}

/**
 * Instructions for one interval, keyed by derId. Signed powers follow OpenEMS and ASSUME:
 * positive = discharge / injection towards the grid, negative = charge. An asset left out gets
 * its default: 0 for ESS, EV and DR, no cap for PV, and the current output for a fuel cell.
 */
export interface TwinIntervalSetpoints {
  readonly essKw?: Readonly<Record<string, number>>;
  /** Curtailment cap on PV output; `null` means uncapped. */
  readonly pvCapKw?: Readonly<Record<string, number | null>>;
  /** Reduction below baseline requested from each DR load, >= 0. */
  readonly drReductionKw?: Readonly<Record<string, number>>;
  readonly evKw?: Readonly<Record<string, number>>;
  /** Requested output, >= 0; 0 switches the fuel cell off. */
  readonly fuelCellKw?: Readonly<Record<string, number>>;
}

export type PvProfile =
  { readonly availableKw: readonly number[] } | { readonly irradianceWPerM2: readonly number[] };

/** The horizon's inputs: every array holds one value per interval. */
export interface TwinInputs {
  readonly buildingLoadKw: readonly number[];
  readonly pv?: Readonly<Record<string, PvProfile>>;
  readonly drBaselineKw?: Readonly<Record<string, readonly number[]>>;
}

export interface TwinSetpoints {
  readonly essKw?: Readonly<Record<string, readonly number[]>>;
  readonly pvCapKw?: Readonly<Record<string, readonly (number | null)[]>>;
  readonly drReductionKw?: Readonly<Record<string, readonly number[]>>;
  readonly evKw?: Readonly<Record<string, readonly number[]>>;
  readonly fuelCellKw?: Readonly<Record<string, readonly number[]>>;
}
