/**
 * Differences below this are rounding, not deviations: a setpoint at exactly a limit computed in
 * floating point must not be reported as clipped.
 */
export const TOLERANCE_KW = 1e-9;

/** Lowers `valueKw` to `limitKw`, recording `reason` when the cut is more than rounding. */
export const capAt = <R>(valueKw: number, limitKw: number, reason: R, reasons: R[]): number => {
  if (valueKw > limitKw + TOLERANCE_KW) reasons.push(reason);
  return Math.min(valueKw, limitKw);
};

export const clamp = (value: number, min: number, max: number): number =>
  Math.min(max, Math.max(min, value));
