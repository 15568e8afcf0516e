import { DomainError } from '../shared/domain-error.js';
import { failWith, type Fail } from '../shared/input-parsing.js';

/**
 * Every code the forecast decider and the KPX scheme throw. Callers and tests match on these;
 * `FORECAST.NOT_FOUND` is a 404 over HTTP, every other code a 400.
 */
export type ForecastErrorCode =
  | 'FORECAST.INVALID_INPUT'
  | 'FORECAST.INVALID_ID'
  | 'FORECAST.INVALID_DAY'
  | 'FORECAST.INVALID_INTERVAL_LENGTH'
  | 'FORECAST.INVALID_DIGEST'
  | 'FORECAST.INVALID_LEVELS'
  | 'FORECAST.INTERVAL_COUNT_MISMATCH'
  | 'FORECAST.INVALID_VALUE'
  | 'FORECAST.QUANTILES_CROSSED'
  | 'FORECAST.DUPLICATE_SERIES'
  | 'FORECAST.ISSUED_AFTER_DAY'
  | 'FORECAST.STREAM_MISMATCH'
  | 'FORECAST.ID_CONFLICT'
  | 'FORECAST.NOT_FOUND'
  | 'FORECAST.INVALID_SLOT'
  | 'FORECAST.INVALID_SCHEME'
  // Not '.NOT_REGISTERED': the HTTP mapping reads that suffix as 404 (no such aggregate).
  | 'FORECAST.BELOW_REGISTRATION_THRESHOLD'
  | 'FORECAST.GATE_CLOSED'
  | 'FORECAST.ISSUED_AFTER_SUBMISSION'
  | 'FORECAST.NO_RENEWABLE_SERIES'
  | 'FORECAST.NO_MEDIAN';

export const forecastError = (
  code: ForecastErrorCode,
  message: string,
  field?: string,
  details?: Readonly<Record<string, unknown>>,
): DomainError => new DomainError(code, message, field, details);

export const failForecast = (code: ForecastErrorCode): Fail => failWith(code);
export const invalidForecastInput: Fail = failForecast('FORECAST.INVALID_INPUT');
