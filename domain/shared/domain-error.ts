/**
 * A broken business rule or bad input. `code` is stable (`AREA.REASON`, e.g. `BID.GATE_CLOSED`) and
 * is what callers and tests match on; `message` is for people and may change wording.
 * `field` names the input at fault when there is one (a JSON path such as `assets[3].chargeKw`).
 */
export class DomainError extends Error {
  override readonly name = 'DomainError';

  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
  }
}

export const isDomainError = (error: unknown): error is DomainError => error instanceof DomainError;
