import {
  DEFAULT_KPX_FORECAST_SCHEME,
  validateKpxForecastScheme,
  type KpxForecastScheme,
} from '../../../domain/forecasting/kpx-scheme/index.js';
import { isDomainError } from '../../../domain/shared/domain-error.js';
import { ConfigError } from '../../config/config-error.js';

/**
 * Settings of forecast issuing, read from the environment once at start-up:
 * - `KPX_FORECAST_THRESHOLD_KW` (20000): registration needs a plant or aggregate above it;
 * - `KPX_FORECAST_MAX_AGGREGATED_PLANT_KW` (1000): only plants up to this size aggregate;
 * - `KPX_FORECAST_GATES_KST` ("10:00,17:00"): the two D-1 submission gates;
 * - `FORECAST_SOLAR_DATA`: the market solar CSV (or a folder with the standard names) clearness is
 *   learnt from; default ../shared/data/kpx from the working directory; `none` for no file;
 * - `FORECAST_LOAD_HISTORY_DAYS` (63): days of site meter history a load forecast reads.
 */
export interface ForecastingConfig {
  readonly scheme: KpxForecastScheme;
  readonly solarData: string | undefined;
  readonly loadHistoryDays: number;
}

export const FORECASTING_CONFIG = Symbol('FORECASTING_CONFIG');

type Env = Readonly<Record<string, string | undefined>>;

const number = (env: Env, name: string, fallback: number): number => {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0)
    throw new ConfigError(name, `expected a number > 0, got ${JSON.stringify(raw)}`);
  return value;
};

const gates = (env: Env): KpxForecastScheme['submissionGatesKst'] => {
  const raw = env['KPX_FORECAST_GATES_KST']?.trim();
  if (raw === undefined || raw === '') return DEFAULT_KPX_FORECAST_SCHEME.submissionGatesKst;
  const [first, second, ...extra] = raw.split(',').map((part) => part.trim());
  if (first === undefined || second === undefined || extra.length > 0)
    throw new ConfigError(
      'KPX_FORECAST_GATES_KST',
      `expected two KST times "HH:MM,HH:MM", got ${JSON.stringify(raw)}`,
    );
  return { first, second };
};

export const loadForecastingConfig = (env: Env): ForecastingConfig => {
  const candidate = {
    registrationThresholdKw: number(
      env,
      'KPX_FORECAST_THRESHOLD_KW',
      DEFAULT_KPX_FORECAST_SCHEME.registrationThresholdKw,
    ),
    maxAggregatedPlantKw: number(
      env,
      'KPX_FORECAST_MAX_AGGREGATED_PLANT_KW',
      DEFAULT_KPX_FORECAST_SCHEME.maxAggregatedPlantKw,
    ),
    submissionGatesKst: gates(env),
  };
  let scheme: KpxForecastScheme;
  try {
    scheme = validateKpxForecastScheme(candidate);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    throw new ConfigError('KPX_FORECAST_GATES_KST', error.message);
  }
  const solar = env['FORECAST_SOLAR_DATA']?.trim();
  const loadHistoryDays = number(env, 'FORECAST_LOAD_HISTORY_DAYS', 63);
  if (!Number.isInteger(loadHistoryDays) || loadHistoryDays > 730)
    throw new ConfigError('FORECAST_LOAD_HISTORY_DAYS', 'expected a whole number of days 1..730');
  return {
    scheme,
    solarData: solar === '' ? undefined : solar,
    loadHistoryDays,
  };
};
