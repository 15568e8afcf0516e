import { DEFAULT_DEVIATION_PENALTY_SMP_FACTOR } from '../../../domain/bidding/strategies/deviation-penalty.js';
import { ConfigError } from '../../config/config-error.js';

/**
 * How the simulation values deviations from the award, read from the environment once:
 * `DEVIATION_PENALTY_SMP_FACTOR` (0.5): |deviation| kWh x the interval's SMP x this factor, KRW.
 * `gridfolio simulate --penalty-factor` overrides it for one run.
 */
export interface DeviationPenaltyConfig {
  readonly smpFactor: number;
}

/** A factor above this is almost certainly a typo (a percentage given as a number). */
export const MAX_DEVIATION_PENALTY_SMP_FACTOR = 10;

export const parsePenaltyFactor = (raw: string, field: string): number => {
  const value = Number(raw.trim());
  if (raw.trim() === '' || !Number.isFinite(value) || value < 0)
    throw new ConfigError(field, `expected a number >= 0, got ${JSON.stringify(raw)}`);
  if (value > MAX_DEVIATION_PENALTY_SMP_FACTOR)
    throw new ConfigError(
      field,
      `expected at most ${MAX_DEVIATION_PENALTY_SMP_FACTOR} (a factor on the SMP, 0.5 = half), got ${JSON.stringify(raw)}`,
    );
  return value;
};

export const loadDeviationPenaltyConfig = (
  env: Readonly<Record<string, string | undefined>>,
): DeviationPenaltyConfig => {
  const raw = env['DEVIATION_PENALTY_SMP_FACTOR'];
  return {
    smpFactor:
      raw === undefined || raw.trim() === ''
        ? DEFAULT_DEVIATION_PENALTY_SMP_FACTOR
        : parsePenaltyFactor(raw, 'DEVIATION_PENALTY_SMP_FACTOR'),
  };
};
