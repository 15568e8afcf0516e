import { DomainError } from '../../shared/domain-error.js';

/**
 * The settlement forecast F_h = (F_h^(D-1 10:00) + F_h^(D-1 17:00)) / 2 (kpx-market-rules.md §4.3,
 * SECONDARY). If either submission is missing (NaN) the hour's F_h is NaN: the rule text for a
 * single missing submission was not found (UNVERIFIED), and guessing would overstate accuracy.
 */
export const averageOfTwoSubmissions = (
  forecast10hKwh: ArrayLike<number>,
  forecast17hKwh: ArrayLike<number>,
): Float64Array => {
  if (forecast10hKwh.length !== forecast17hKwh.length)
    throw new DomainError(
      'FORECAST.INVALID_INPUT',
      `the 10:00 submission has ${forecast10hKwh.length} hours, the 17:00 one ${forecast17hKwh.length}`,
      'forecast17hKwh',
    );
  const out = new Float64Array(forecast10hKwh.length);
  for (let i = 0; i < out.length; i++)
    out[i] = ((forecast10hKwh[i] ?? Number.NaN) + (forecast17hKwh[i] ?? Number.NaN)) / 2;
  return out;
};
