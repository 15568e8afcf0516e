import { DomainError } from '../shared/domain-error.js';
import { failWith, type Fail } from '../shared/input-parsing.js';
import type { BidRuleViolation } from '../market/bid-curve.validation.js';

/**
 * Every code the bid decider throws; callers and tests match on these. Market-rule codes
 * (`BID.TOO_MANY_SEGMENTS`, ...) appear inside `BID.RULES_VIOLATED`'s `details.violations`, and
 * `BID.INTERVAL_OUT_OF_GRID` / `BID.DUPLICATE_INTERVAL` are also thrown directly for malformed
 * curves or awards. `MARKET.INVALID_RULES` comes from `marketRules` for bad rule overrides.
 */
export type BidErrorCode =
  | 'BID.INVALID_ID'
  | 'BID.INVALID_INPUT'
  | 'BID.UNKNOWN_MARKET'
  | 'BID.GRID_MISMATCH'
  | BidRuleViolation['code']
  | 'BID.STREAM_MISMATCH'
  | 'BID.ID_CONFLICT'
  | 'BID.NOT_DRAFTED'
  | 'BID.REASON_REQUIRED'
  | 'BID.GATE_CLOSED'
  | 'BID.RULES_VIOLATED'
  | 'BID.ALREADY_SUBMITTED'
  | 'BID.AMEND_BEFORE_RESUBMIT'
  | 'BID.SUBMISSION_ID_REUSED'
  | 'BID.NOT_SUBMITTED'
  | 'BID.SUBMISSION_MISMATCH'
  | 'BID.EXCHANGE_ANSWER_CONFLICT'
  | 'BID.NOT_ACKNOWLEDGED'
  | 'BID.ALREADY_CLEARED'
  | 'BID.CLEARED_BEFORE_GATE'
  | 'BID.AWARD_EXCEEDS_OFFER';

export const bidError = (
  code: BidErrorCode,
  message: string,
  field?: string,
  details?: Readonly<Record<string, unknown>>,
): DomainError => new DomainError(code, message, field, details);

export const failBid = (code: BidErrorCode): Fail => failWith(code);
export const invalidBidInput: Fail = failBid('BID.INVALID_INPUT');
