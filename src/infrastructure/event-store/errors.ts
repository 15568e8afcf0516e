import type { ExpectedRevision } from './event-store.port.js';

/** Another writer got there first: the stream is not at the revision the caller expected. */
export class ConcurrencyError extends Error {
  override readonly name = 'ConcurrencyError';
  readonly code = 'EVENT_STORE.WRONG_EXPECTED_REVISION';

  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** The stream's actual last revision, or `'no_stream'`. */
    readonly actual: bigint | 'no_stream',
  ) {
    super(
      `stream ${streamId}: expected revision ${String(expected)}, but the stream is at ${String(actual)}`,
    );
  }
}

/** Input the store refuses before touching storage (bad stream id, event without a type, non-JSON data). */
export class InvalidAppendError extends Error {
  override readonly name = 'InvalidAppendError';

  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}
