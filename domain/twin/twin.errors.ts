import { DomainError } from '../shared/domain-error.js';
import { failWith, type Fail } from '../shared/input-parsing.js';

/** Every code the twin throws; `field` is the path of the input at fault. */
export type TwinErrorCode =
  | 'TWIN.INVALID_SITE'
  | 'TWIN.INVALID_GRID'
  | 'TWIN.INVALID_INITIAL_STATE'
  | 'TWIN.INVALID_NOISE'
  | 'TWIN.INVALID_INPUT'
  | 'TWIN.INVALID_SETPOINT'
  | 'TWIN.LENGTH_MISMATCH'
  | 'TWIN.UNKNOWN_ASSET'
  | 'TWIN.HORIZON_EXCEEDED';

export const twinError = (
  code: TwinErrorCode,
  message: string,
  field?: string,
  details?: Readonly<Record<string, unknown>>,
): DomainError => new DomainError(code, message, field, details);

export const twinFail = (code: TwinErrorCode): Fail => failWith(code);

/** A JSON-path step for a record key: derIds may hold dots, so keys are always bracketed. */
export const keyPath = (path: string, key: string): string => `${path}[${JSON.stringify(key)}]`;
