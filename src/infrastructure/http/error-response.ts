/** The one error body every HTTP endpoint returns, so clients parse failures in one way. */
export interface ErrorResponse {
  readonly error: {
    /** Stable, e.g. `DER.INVALID_PARAMETER`; match on this, not on the message. */
    readonly code: string;
    readonly message: string;
    /** The input at fault, as a JSON path (`parameters.chargeKw`), when there is one. */
    readonly field?: string;
    readonly details?: Readonly<Record<string, unknown>>;
  };
}
