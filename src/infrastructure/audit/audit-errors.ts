/** The audit trail cannot be extended or read as expected; `code` is stable. */
export class AuditError extends Error {
  override readonly name = 'AuditError';

  constructor(
    readonly code: 'AUDIT.STREAM_NOT_CHAINED' | 'AUDIT.ANCHOR_MALFORMED' | 'AUDIT.CLOCK_INVALID',
    message: string,
  ) {
    super(message);
  }
}
