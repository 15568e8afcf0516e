/**
 * When and how long to wait before asking the exchange again. Only requests that are safe to
 * repeat are retried (reads, and writes carrying an idempotency key the exchange honours), and only
 * after failures that say nothing about the request itself: no connection, no answer in time, a
 * 5xx, a 429. A 4xx other than 429 is the exchange refusing to read the request: asking again
 * would get the same refusal.
 */
export interface RetryPolicy {
  /** Attempts in all, the first included; 1 disables retries. */
  readonly maxAttempts: number;
  /** The wait before the second attempt, before jitter; doubled before each further one. */
  readonly baseDelayMs: number;
  /** No wait is longer, whatever the attempt or a Retry-After header says. */
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 250,
  maxDelayMs: 8_000,
};

export const checkedRetryPolicy = (policy: RetryPolicy): RetryPolicy => {
  if (!Number.isSafeInteger(policy.maxAttempts) || policy.maxAttempts < 1)
    throw new RangeError(`maxAttempts must be a whole number >= 1, got ${policy.maxAttempts}`);
  for (const key of ['baseDelayMs', 'maxDelayMs'] as const)
    if (!Number.isFinite(policy[key]) || policy[key] < 0)
      throw new RangeError(`${key} must be a finite number >= 0, got ${policy[key]}`);
  return policy;
};

/** HTTP statuses worth another attempt: the exchange is busy or broken, not our request. */
export const isRetryableStatus = (status: number): boolean => status === 429 || status >= 500;

/**
 * The wait after failed attempt `attempt` (1-based): "full jitter", a uniform draw in
 * [0, min(max, base x 2^(attempt-1))), so that clients that failed together do not come back
 * together. A Retry-After the exchange sent is a lower bound, still capped at `maxDelayMs`.
 * `random` returns [0, 1): injected so tests can fix it.
 */
export const backoffDelayMs = (
  attempt: number,
  policy: RetryPolicy,
  random: () => number,
  retryAfterMs?: number,
): number => {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const jittered = Math.floor(ceiling * Math.min(Math.max(random(), 0), 1));
  return Math.min(policy.maxDelayMs, Math.max(jittered, retryAfterMs ?? 0));
};

/** A Retry-After header in seconds (the HTTP-date form is not used by the exchange), or undefined. */
export const retryAfterMsOf = (header: string | null): number | undefined => {
  if (header === null || !/^\d{1,6}$/.test(header.trim())) return undefined;
  return Number(header.trim()) * 1000;
};
