import { describe, expect, it } from '@jest/globals';
import type { Kw } from '../../../domain/shared/units.js';
import {
  KpxHttpAdapter,
  type FetchLike,
  type KpxHttpAdapterOptions,
} from '../../../market-adapters/kpx/http/kpx-http-adapter.js';
import { isRepeatable } from '../../../market-adapters/kpx/http/kpx-sim-api.js';
import { backoffDelayMs } from '../../../market-adapters/kpx/http/retry-policy.js';
import {
  MarketAdapterError,
  type SubmitBidRequest,
} from '../../../market-adapters/market-adapter.port.js';

const request: SubmitBidRequest = {
  submissionId: 'sub-1',
  portfolioId: 'portfolio-a',
  market: 'mainland',
  tradingDay: '2024-06-03',
  intervals: [],
  sellCapacityKw: 5_000 as Kw,
  buyCapacityKw: 5_000 as Kw,
};
const accepted = {
  status: 'accepted',
  submissionId: 'sub-1',
  exchangeBidId: 'KPXSIM-MAINLAND-2024-06-03-000001',
  acceptedAt: '2024-06-02T00:00:00.000Z',
};
const rejected = {
  status: 'rejected',
  submissionId: 'sub-1',
  code: 'BID.NOT_MONOTONE',
  reason: 'intervals[0].sell: prices must rise',
  violations: [
    { code: 'BID.NOT_MONOTONE', field: 'intervals[0].sell', message: 'prices must rise' },
  ],
  rejectedAt: '2024-06-02T00:00:00.000Z',
};

interface Sent {
  readonly url: string;
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

type Reply = Response | Error | 'hang';

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });

/** A network that answers each call with the next reply; 'hang' never answers (nor aborts). */
const scripted = (...replies: Reply[]) => {
  const sent: Sent[] = [];
  const fetch: FetchLike = (url, init) => {
    sent.push({
      url,
      method: init.method ?? 'GET',
      headers: Object.fromEntries(new Headers(init.headers).entries()),
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    });
    const reply = replies.shift();
    if (reply === undefined) throw new Error('no more scripted replies');
    if (reply === 'hang') return new Promise<Response>(() => undefined);
    return reply instanceof Error ? Promise.reject(reply) : Promise.resolve(reply);
  };
  return { fetch, sent };
};

const adapterWith = (fetch: FetchLike, options: Partial<KpxHttpAdapterOptions> = {}) => {
  const waits: number[] = [];
  const adapter = new KpxHttpAdapter({
    baseUrl: 'http://kpx.test/',
    fetch,
    random: () => 0.5,
    sleep: async (ms) => void waits.push(ms),
    ...options,
  });
  return { adapter, waits };
};

const failure = async (promise: Promise<unknown>): Promise<MarketAdapterError> => {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(MarketAdapterError);
    return error as MarketAdapterError;
  }
  throw new Error('expected a MarketAdapterError');
};

describe('KpxHttpAdapter: retries', () => {
  it('retries a 503 and returns the one bid, under the same Idempotency-Key and body', async () => {
    const network = scripted(
      json(503, { error: { code: 'KPXSIM.STORE_UNAVAILABLE', message: 'database is locked' } }),
      json(200, accepted),
    );
    const { adapter, waits } = adapterWith(network.fetch);
    await expect(adapter.submitBid(request)).resolves.toEqual(accepted);
    expect(network.sent).toHaveLength(2);
    expect(network.sent[0]).toEqual({
      url: 'http://kpx.test/bids',
      method: 'POST',
      headers: {
        accept: 'application/json',
        'content-type': 'application/json',
        'idempotency-key': 'sub-1',
      },
      body: request,
    });
    expect(network.sent[1]).toEqual(network.sent[0]);
    expect(waits).toEqual([125]); // base 250 ms x jitter 0.5
  });

  it('retries after a timeout with the same Idempotency-Key, even if fetch ignores the abort', async () => {
    const network = scripted('hang', json(200, accepted));
    const { adapter } = adapterWith(network.fetch, { timeoutMs: 20 });
    await expect(adapter.submitBid(request)).resolves.toEqual(accepted);
    expect(network.sent.map((s) => s.headers['idempotency-key'])).toEqual(['sub-1', 'sub-1']);
  });

  it('aborts the request it gave up on', async () => {
    let signal: AbortSignal | undefined;
    const fetch: FetchLike = (_url, init) => {
      signal = init.signal ?? undefined;
      return new Promise<Response>(() => undefined);
    };
    const { adapter } = adapterWith(fetch, { timeoutMs: 10, retry: { maxAttempts: 1 } });
    const error = await failure(adapter.calendar('mainland'));
    expect(error.kind).toBe('timeout');
    expect(error.message).toMatch(
      /calendar: GET http:\/\/kpx.test\/markets\/mainland\/calendar: no answer within 10 ms/,
    );
    expect(signal?.aborted).toBe(true);
  });

  it('retries network errors and a body that breaks off', async () => {
    const broken = new Response(
      new ReadableStream({
        start(controller) {
          controller.error(new TypeError('socket hang up'));
        },
      }),
      { status: 200 },
    );
    const network = scripted(new TypeError('fetch failed'), broken, json(200, accepted));
    const { adapter, waits } = adapterWith(network.fetch);
    await expect(adapter.submitBid(request)).resolves.toEqual(accepted);
    expect(waits).toEqual([125, 250]);
  });

  it('returns a business rejection as data, without retrying', async () => {
    const network = scripted(json(200, rejected));
    const { adapter, waits } = adapterWith(network.fetch);
    await expect(adapter.submitBid(request)).resolves.toEqual(rejected);
    expect(network.sent).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it('never retries a 400: the exchange refused to read the request', async () => {
    const network = scripted(
      json(400, {
        error: {
          code: 'KPXSIM.INVALID_REQUEST',
          message: 'submissionId must be a non-empty string',
          field: 'submissionId',
        },
      }),
    );
    const { adapter, waits } = adapterWith(network.fetch);
    const error = await failure(adapter.submitBid(request));
    expect(error).toMatchObject({ kind: 'protocol', code: 'KPXSIM.INVALID_REQUEST' });
    expect(error.message).toBe(
      'submitBid: the exchange answered 400 KPXSIM.INVALID_REQUEST: submissionId must be a non-empty string',
    );
    expect(network.sent).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it('gives up after maxAttempts as unavailable, with the exchange code, backing off exponentially', async () => {
    const busy = () =>
      json(503, { error: { code: 'KPXSIM.CLOCK_NOT_SET', message: 'the clock is not set' } });
    const network = scripted(busy(), busy(), busy(), busy());
    const { adapter, waits } = adapterWith(network.fetch, { random: () => 0.999 });
    const error = await failure(adapter.submitBid(request));
    expect(error).toMatchObject({ kind: 'unavailable', code: 'KPXSIM.CLOCK_NOT_SET' });
    expect(error.message).toMatch(
      /answered 503 KPXSIM.CLOCK_NOT_SET: the clock is not set \(gave up after 4 attempts\)/,
    );
    expect(network.sent).toHaveLength(4);
    expect(waits).toEqual([249, 499, 999]);
  });

  it('gives up as timeout when the last attempt timed out', async () => {
    const network = scripted(json(503, {}), 'hang');
    const { adapter } = adapterWith(network.fetch, { timeoutMs: 10, retry: { maxAttempts: 2 } });
    expect(await failure(adapter.fetchResults('p', 'mainland', '2024-06-03'))).toMatchObject({
      kind: 'timeout',
    });
  });

  it('waits at least what Retry-After asks on a 429, capped at maxDelayMs', async () => {
    const network = scripted(
      json(429, {}, { 'retry-after': '3' }),
      json(429, {}, { 'retry-after': '60' }),
      json(200, accepted),
    );
    const { adapter, waits } = adapterWith(network.fetch);
    await adapter.submitBid(request);
    expect(waits).toEqual([3_000, 8_000]);
  });

  it('retries only repeatable requests: reads, and writes under an idempotency key', () => {
    expect(isRepeatable({ operation: 'x', method: 'GET', path: '/' })).toBe(true);
    expect(isRepeatable({ operation: 'x', method: 'POST', path: '/', idempotencyKey: 'k' })).toBe(
      true,
    );
    expect(isRepeatable({ operation: 'x', method: 'POST', path: '/' })).toBe(false);
  });

  it('draws full-jitter delays below a doubling ceiling', () => {
    const policy = { maxAttempts: 6, baseDelayMs: 100, maxDelayMs: 1_000 };
    expect([1, 2, 3, 4, 5].map((attempt) => backoffDelayMs(attempt, policy, () => 0.5))).toEqual([
      50, 100, 200, 400, 500,
    ]);
    expect(backoffDelayMs(3, policy, () => 0)).toBe(0);
  });
});

describe('KpxHttpAdapter: replies it cannot use are protocol errors', () => {
  it('a 404', async () => {
    const network = scripted(
      json(404, { error: { code: 'HTTP.NOT_FOUND', message: 'no route GET /x' } }),
    );
    const { adapter } = adapterWith(network.fetch);
    expect(await failure(adapter.calendar('jeju'))).toMatchObject({
      kind: 'protocol',
      code: 'HTTP.NOT_FOUND',
    });
    expect(network.sent).toHaveLength(1);
  });

  it('a 200 that is not JSON', async () => {
    const network = scripted(new Response('<html>maintenance</html>', { status: 200 }));
    const { adapter } = adapterWith(network.fetch);
    expect((await failure(adapter.submitBid(request))).message).toMatch(
      /answered 200 with a body that is not JSON/,
    );
  });

  it('an answer of the wrong shape, or about another submission', async () => {
    const network = scripted(
      json(200, { ...accepted, acceptedAt: 5 }),
      json(200, { ...accepted, submissionId: 'sub-2' }),
      json(200, { status: 'maybe' }),
    );
    const { adapter } = adapterWith(network.fetch);
    expect((await failure(adapter.submitBid(request))).message).toMatch(
      /\$\.acceptedAt: expected a string, got 5/,
    );
    expect((await failure(adapter.submitBid(request))).message).toMatch(
      /\$\.submissionId: expected "sub-1" \(the submission sent\), got "sub-2"/,
    );
    expect((await failure(adapter.fetchPrices('jeju', '2024-06-03', 'real_time'))).message).toMatch(
      /\$\.status: expected published \| not_published_yet \| not_available/,
    );
  });

  it('builds query strings with the values encoded', async () => {
    const network = scripted(json(200, { instructions: [] }));
    const { adapter } = adapterWith(network.fetch);
    await expect(
      adapter.dispatchInstructions('p a&b', 'jeju', '2024-06-02T00:00:00.000Z'),
    ).resolves.toEqual([]);
    expect(network.sent[0]!.url).toBe(
      'http://kpx.test/dispatch-instructions?portfolioId=p+a%26b&market=jeju&since=2024-06-02T00%3A00%3A00.000Z',
    );
  });
});
