import { DomainError } from '../shared/domain-error.js';
import { failWith, type Fail } from '../shared/input-parsing.js';

/**
 * Codes of a whole command (thrown) and of single readings (returned as rejections, so that one
 * bad reading never loses the others). Callers and tests match on these, never on messages.
 */
export type MeterCommandErrorCode =
  | 'METER.INVALID_METER_ID'
  | 'METER.INVALID_METER_KIND'
  | 'METER.INVALID_DAY'
  | 'METER.INVALID_INTERVAL_LENGTH'
  | 'METER.INVALID_LIMIT'
  | 'METER.INVALID_INPUT'
  | 'METER.KIND_MISMATCH'
  | 'METER.INTERVAL_LENGTH_MISMATCH';

export type MeterReadingRejectionCode =
  | 'METER.INVALID_INTERVAL_START'
  | 'METER.OFF_GRID'
  | 'METER.OUTSIDE_DAY'
  | 'METER.FUTURE_INTERVAL'
  | 'METER.NOT_FINITE'
  | 'METER.NEGATIVE_ENERGY'
  | 'METER.ABOVE_LIMIT'
  | 'METER.EXPORT_ABOVE_LIMIT';

export type MeterErrorCode = MeterCommandErrorCode | MeterReadingRejectionCode;

export const meterError = (
  code: MeterCommandErrorCode,
  message: string,
  field?: string,
  details?: Readonly<Record<string, unknown>>,
): DomainError => new DomainError(code, message, field, details);

export const failMeter = (code: MeterCommandErrorCode): Fail => failWith(code);
