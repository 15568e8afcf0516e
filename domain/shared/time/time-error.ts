import { DomainError } from '../domain-error.js';

/** Every code the time value objects throw; callers and tests match on these. */
export type TimeErrorCode =
  | 'TIME.INVALID_INSTANT'
  | 'TIME.INVALID_TRADING_DAY'
  | 'TIME.INVALID_DAY_OFFSET'
  | 'TIME.INVALID_WALL_TIME'
  | 'TIME.INVALID_INTERVAL'
  | 'TIME.INVALID_INTERVAL_LENGTH'
  | 'TIME.INVALID_GRID_INDEX'
  | 'TIME.NOT_ON_GRID'
  | 'TIME.INVALID_HOUR_ENDING'
  | 'TIME.NOT_A_TRADING_HOUR'
  | 'TIME.INVALID_KPX_TIMESTAMP'
  | 'TIME.INVALID_JEJU_SLOT'
  | 'TIME.INVALID_JEJU_SLOT_LABEL'
  | 'TIME.NOT_A_JEJU_SLOT';

export const timeError = (
  code: TimeErrorCode,
  message: string,
  details?: Readonly<Record<string, unknown>>,
  field?: string,
): DomainError => new DomainError(code, message, field, details);
