import { ConcurrencyError } from '../errors.js';
import type { ExpectedRevision } from '../event-store.port.js';

/**
 * EventStoreDB's rules: `'no_stream'` needs an empty stream, `'stream_exists'` a non-empty one,
 * a bigint the exact last revision, and `'any'` accepts everything.
 */
export const assertExpectedRevision = (
  streamId: string,
  expected: ExpectedRevision,
  lastRevision: bigint | undefined,
): void => {
  const matches =
    expected === 'any' ||
    (expected === 'no_stream' && lastRevision === undefined) ||
    (expected === 'stream_exists' && lastRevision !== undefined) ||
    (typeof expected === 'bigint' && lastRevision === expected);
  if (!matches) throw new ConcurrencyError(streamId, expected, lastRevision ?? 'no_stream');
};
