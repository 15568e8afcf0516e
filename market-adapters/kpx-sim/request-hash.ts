import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every level, so equal requests hash equal whatever the key order. */
const canonical = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort())
    sorted[key] = canonical((value as Record<string, unknown>)[key]);
  return sorted;
};

/**
 * SHA-256 of a request's canonical JSON: a retry carries the same submission id *and* the same
 * content; the same id with other content is a different order and must not pass as a retry.
 */
export const requestHash = (request: unknown): string =>
  createHash('sha256')
    .update(JSON.stringify(canonical(request)) ?? 'undefined')
    .digest('hex');
