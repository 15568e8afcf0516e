import { DomainError } from '../shared/domain-error.js';
import { failWith, type Fail } from '../shared/input-parsing.js';

export type PortfolioErrorCode =
  | 'PORTFOLIO.INVALID_ID'
  | 'PORTFOLIO.INVALID_INPUT'
  | 'PORTFOLIO.INVALID_SETTINGS'
  | 'PORTFOLIO.ALREADY_CREATED'
  | 'PORTFOLIO.NOT_FOUND'
  | 'PORTFOLIO.CLOSED'
  | 'PORTFOLIO.TIER_MISMATCH'
  | 'PORTFOLIO.DAY_CLOSED'
  | 'PORTFOLIO.TIER_NOT_ALLOWED'
  | 'PORTFOLIO.PARENT_CLOSED';

export const portfolioError = (
  code: PortfolioErrorCode,
  message: string,
  field?: string,
  details?: Readonly<Record<string, unknown>>,
): DomainError => new DomainError(code, message, field, details);

export const invalidInput: Fail = failWith('PORTFOLIO.INVALID_INPUT' satisfies PortfolioErrorCode);
export const invalidSettings: Fail = failWith(
  'PORTFOLIO.INVALID_SETTINGS' satisfies PortfolioErrorCode,
);
