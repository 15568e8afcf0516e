import { DomainError } from '../shared/domain-error.js';
import { failWith, type Fail } from '../shared/input-parsing.js';

/** Every code the DER decider throws; the API maps them to 400/404/409 in one place. */
export type DerErrorCode =
  | 'DER.INVALID_ID'
  | 'DER.INVALID_INPUT'
  | 'DER.INVALID_PARAMETER'
  | 'DER.ALREADY_REGISTERED'
  | 'DER.NOT_REGISTERED'
  | 'DER.DECOMMISSIONED'
  | 'DER.KIND_MISMATCH'
  | 'DER.EFFECTIVE_IN_PAST'
  | 'DER.AVAILABILITY_IN_PAST'
  | 'DER.AVAILABILITY_ABOVE_RATED'
  | 'DER.MEMBERSHIP_DAY_CLOSED'
  | 'DER.PORTFOLIO_NOT_MICRO'
  | 'DER.PORTFOLIO_CLOSED'
  | 'DER.NOT_AN_EV_CHARGER'
  | 'DER.INVALID_EV_SESSION'
  | 'DER.EV_ENERGY_UNREACHABLE'
  | 'DER.EV_SESSION_IN_PAST'
  | 'DER.EV_SESSION_OVERLAP'
  | 'DER.EV_CHARGER_OCCUPIED'
  | 'DER.EV_SESSION_NOT_FOUND'
  | 'DER.EV_SESSION_ALREADY_STARTED'
  | 'DER.EV_SESSION_NOT_PLUGGED_IN'
  | 'DER.EV_SESSION_ALREADY_ENDED'
  | 'DER.INSTANT_IN_FUTURE';

export const derError = (
  code: DerErrorCode,
  message: string,
  field?: string,
  details?: Readonly<Record<string, unknown>>,
): DomainError => new DomainError(code, message, field, details);

export const invalidInput: Fail = failWith('DER.INVALID_INPUT' satisfies DerErrorCode);
export const invalidParameter: Fail = failWith('DER.INVALID_PARAMETER' satisfies DerErrorCode);
