import type { MarketId } from '../../../domain/market/market-rules.js';
import {
  MarketAdapterError,
  type DispatchInstruction,
  type FetchPricesResult,
  type FetchResultsResult,
  type IsoInstant,
  type MarketAdapter,
  type MarketAdapterErrorKind,
  type MarketCalendarInfo,
  type PriceKind,
  type SubmitBidRequest,
  type SubmitBidResult,
  type SubmitRenewableForecastRequest,
  type SubmitRenewableForecastResult,
  type TradingDayText,
  type WithdrawBidRequest,
  type WithdrawBidResult,
} from '../../market-adapter.port.js';
import { isRepeatable, kpxSimApi, type ApiRequest } from './kpx-sim-api.js';
import {
  ShapeError,
  readCalendar,
  readDispatchInstructions,
  readForecastResult,
  readPrices,
  readResults,
  readSubmitBidResult,
  readWithdrawResult,
} from './kpx-sim-responses.js';
import {
  DEFAULT_RETRY_POLICY,
  backoffDelayMs,
  checkedRetryPolicy,
  isRetryableStatus,
  retryAfterMsOf,
  type RetryPolicy,
} from './retry-policy.js';

/** The part of `fetch` the adapter uses, so tests can stand in for the network. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface KpxHttpAdapterOptions {
  /** e.g. 'http://127.0.0.1:7070' (a trailing slash is ignored). */
  readonly baseUrl: string;
  /** Default: Node's global fetch. */
  readonly fetch?: FetchLike;
  /** Per attempt, from sending the request to the end of the reply's body. Default 10 s. */
  readonly timeoutMs?: number;
  readonly retry?: Partial<RetryPolicy>;
  /** [0, 1) for the backoff jitter. Default Math.random: jitter exists to differ between clients. */
  readonly random?: () => number;
  /** Waits between attempts. Default a timer; tests pass one that returns at once. */
  readonly sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_TIMEOUT_MS = 10_000;

type Attempt =
  | { readonly ok: true; readonly body: unknown }
  | {
      readonly ok: false;
      /** Worth another attempt if the request is repeatable. */
      readonly transient: boolean;
      readonly kind: MarketAdapterErrorKind;
      readonly message: string;
      readonly code?: string;
      readonly retryAfterMs?: number;
      readonly cause?: unknown;
    };

const timerSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Rejects when `signal` aborts, so a fetch that ignores its signal still cannot outlast the timeout. */
const abortion = (signal: AbortSignal): Promise<never> =>
  new Promise((_, reject) =>
    signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true }),
  );

const errorOfBody = (text: string): { code?: string; message?: string } => {
  try {
    const parsed = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } } | null;
    const error = parsed?.error;
    return {
      ...(typeof error?.code === 'string' ? { code: error.code } : {}),
      ...(typeof error?.message === 'string' ? { message: error.message } : {}),
    };
  } catch {
    return {};
  }
};

/**
 * The MarketAdapter port over the simulated exchange's HTTP API (kpx-sim/http-server.ts).
 * - Every attempt has a timeout (AbortController), reply body included.
 * - Reads, and writes under an `Idempotency-Key` (bids: the submission id), are retried with
 *   exponential backoff and full jitter after a network error, a timeout, a 5xx or a 429; never
 *   after another 4xx, which is the exchange refusing to read the request.
 * - The exchange's answers, a rejected bid included, are returned as data (200 + the port's JSON);
 *   no answer, or a reply of the wrong shape, is a MarketAdapterError: `timeout` when the last
 *   attempt timed out, `unavailable` for network errors, 5xx and 429, `protocol` for other 4xx and
 *   unreadable replies. The exchange's error code, when it sent one, is the error's `code`.
 */
export class KpxHttpAdapter implements MarketAdapter {
  private readonly baseUrl: string;
  private readonly fetch: FetchLike;
  private readonly timeoutMs: number;
  private readonly retry: RetryPolicy;
  private readonly random: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(options: KpxHttpAdapterOptions) {
    this.baseUrl = new URL(options.baseUrl).toString().replace(/\/+$/, '');
    this.fetch = options.fetch ?? ((url, init) => fetch(url, init));
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    if (!Number.isFinite(this.timeoutMs) || this.timeoutMs <= 0)
      throw new RangeError(`timeoutMs must be a positive number, got ${this.timeoutMs}`);
    this.retry = checkedRetryPolicy({ ...DEFAULT_RETRY_POLICY, ...options.retry });
    this.random = options.random ?? Math.random;
    this.sleep = options.sleep ?? timerSleep;
  }

  calendar(market: MarketId): Promise<MarketCalendarInfo> {
    return this.call(kpxSimApi.calendar(market), (body) => readCalendar(body, market));
  }

  submitBid(request: SubmitBidRequest): Promise<SubmitBidResult> {
    return this.call(kpxSimApi.submitBid(request), (body) =>
      readSubmitBidResult(body, request.submissionId),
    );
  }

  withdrawBid(request: WithdrawBidRequest): Promise<WithdrawBidResult> {
    return this.call(kpxSimApi.withdrawBid(request), (body) =>
      readWithdrawResult(body, request.submissionId),
    );
  }

  fetchResults(
    portfolioId: string,
    market: MarketId,
    tradingDay: TradingDayText,
  ): Promise<FetchResultsResult> {
    return this.call(kpxSimApi.fetchResults(portfolioId, market, tradingDay), readResults);
  }

  fetchPrices(
    market: MarketId,
    tradingDay: TradingDayText,
    kind: PriceKind,
  ): Promise<FetchPricesResult> {
    return this.call(kpxSimApi.fetchPrices(market, tradingDay, kind), readPrices);
  }

  submitRenewableForecast(
    request: SubmitRenewableForecastRequest,
  ): Promise<SubmitRenewableForecastResult> {
    return this.call(kpxSimApi.submitRenewableForecast(request), (body) =>
      readForecastResult(body, request.submissionId),
    );
  }

  dispatchInstructions(
    portfolioId: string,
    market: MarketId,
    since: IsoInstant,
  ): Promise<readonly DispatchInstruction[]> {
    return this.call(
      kpxSimApi.dispatchInstructions(portfolioId, market, since),
      readDispatchInstructions,
    );
  }

  private async call<T>(request: ApiRequest, read: (body: unknown) => T): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.attempt(request);
      if (outcome.ok) {
        try {
          return read(outcome.body);
        } catch (error) {
          if (!(error instanceof ShapeError)) throw error;
          throw new MarketAdapterError(
            'protocol',
            `${request.operation}: the exchange's reply does not have the expected shape: ${error.message}`,
            undefined,
            { cause: error },
          );
        }
      }
      if (!outcome.transient || !isRepeatable(request) || attempt >= this.retry.maxAttempts)
        throw new MarketAdapterError(
          outcome.kind,
          attempt > 1 ? `${outcome.message} (gave up after ${attempt} attempts)` : outcome.message,
          outcome.code,
          { cause: outcome.cause },
        );
      await this.sleep(backoffDelayMs(attempt, this.retry, this.random, outcome.retryAfterMs));
    }
  }

  private async attempt(request: ApiRequest): Promise<Attempt> {
    const url = `${this.baseUrl}${request.path}`;
    const controller = new AbortController();
    const timeout = new Error(`no answer within ${this.timeoutMs} ms`);
    const timer = setTimeout(() => controller.abort(timeout), this.timeoutMs);
    const aborted = abortion(controller.signal);
    aborted.catch(() => undefined); // only observed through the races below
    const headers: Record<string, string> = { accept: 'application/json' };
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    if (request.idempotencyKey !== undefined) headers['idempotency-key'] = request.idempotencyKey;
    try {
      let status: number;
      let retryAfter: string | null;
      let text: string;
      try {
        const response = await Promise.race([
          this.fetch(url, {
            method: request.method,
            headers,
            ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
            signal: controller.signal,
          }),
          aborted,
        ]);
        status = response.status;
        retryAfter = response.headers.get('retry-after');
        text = await Promise.race([response.text(), aborted]);
      } catch (error) {
        const timedOut = controller.signal.aborted;
        return {
          ok: false,
          transient: true,
          kind: timedOut ? 'timeout' : 'unavailable',
          message: timedOut
            ? `${request.operation}: ${request.method} ${url}: no answer within ${this.timeoutMs} ms`
            : `${request.operation}: ${request.method} ${url}: ${error instanceof Error ? error.message : String(error)}`,
          cause: error,
        };
      }
      if (status >= 200 && status < 300) {
        try {
          return { ok: true, body: JSON.parse(text) as unknown };
        } catch (error) {
          return {
            ok: false,
            transient: false,
            kind: 'protocol',
            message: `${request.operation}: the exchange answered ${status} with a body that is not JSON`,
            cause: error,
          };
        }
      }
      const transient = isRetryableStatus(status);
      const sent = errorOfBody(text);
      const retryAfterMs = retryAfterMsOf(retryAfter);
      return {
        ok: false,
        transient,
        kind: transient ? 'unavailable' : 'protocol',
        message: `${request.operation}: the exchange answered ${status}${sent.code === undefined ? '' : ` ${sent.code}`}${sent.message === undefined ? '' : `: ${sent.message}`}`,
        ...(sent.code === undefined ? {} : { code: sent.code }),
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      };
    } finally {
      clearTimeout(timer);
    }
  }
}
