/**
 * ASSUMPTION (issue 7): until imbalance settlement exists, a deviation from the day-ahead award
 * is valued at |delivered - awarded| x the interval's SMP x this factor, in either direction, so
 * that neither offering more than can be delivered nor delivering what was not offered pays.
 */
export const DEFAULT_DEVIATION_PENALTY_SMP_FACTOR = 0.5;

/**
 * The penalty of a delivered day, KRW (unrounded): per interval |delivered - awarded| kWh at that
 * interval's SMP times `smpFactor`. An interval without a published SMP (not cleared) costs
 * nothing: there is no price to value it at.
 */
export const deviationPenaltyKrw = (
  awardedNetKwh: readonly number[],
  deliveredNetKwh: readonly number[],
  smpKrwPerKwh: readonly (number | null)[],
  smpFactor: number,
): number => {
  let penalty = 0;
  deliveredNetKwh.forEach((delivered, t) => {
    const smp = smpKrwPerKwh[t];
    if (smp === null || smp === undefined) return;
    // A negative price would make a deviation earn: the penalty is on the price's size.
    penalty += Math.abs(delivered - (awardedNetKwh[t] ?? 0)) * Math.abs(smp) * smpFactor;
  });
  return penalty;
};
