import type { Kw } from '../shared/units.js';

/**
 * Energy limits of one interval: what the meter's capacity can move in it, plus a tolerance for
 * meter error and short overloads (capacity x interval hours x (1 + tolerance)).
 */
export interface IntervalLimitsKwh {
  readonly limitKwh: number;
  /** For site net meters: the most export, as a positive number. */
  readonly exportLimitKwh?: number;
}

const intervalEnergyKwh = (powerKw: Kw, intervalMinutes: number, toleranceRatio: number): number =>
  powerKw * (intervalMinutes / 60) * (1 + toleranceRatio);

/** A DER meter: its rated power (`ratedKw` of the parameters in force) bounds one direction. */
export const derIntervalLimits = (
  ratedKw: Kw,
  intervalMinutes: number,
  toleranceRatio: number,
): IntervalLimitsKwh => ({ limitKwh: intervalEnergyKwh(ratedKw, intervalMinutes, toleranceRatio) });

/** A site net meter: the connection's import limit bounds import, its export limit export. */
export const siteIntervalLimits = (
  gridImportLimitKw: Kw,
  gridExportLimitKw: Kw,
  intervalMinutes: number,
  toleranceRatio: number,
): IntervalLimitsKwh => ({
  limitKwh: intervalEnergyKwh(gridImportLimitKw, intervalMinutes, toleranceRatio),
  exportLimitKwh: intervalEnergyKwh(gridExportLimitKw, intervalMinutes, toleranceRatio),
});
