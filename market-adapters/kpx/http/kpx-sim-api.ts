import type { MarketId } from '../../../domain/market/market-rules.js';
import type {
  IsoInstant,
  PriceKind,
  SubmitBidRequest,
  SubmitRenewableForecastRequest,
  TradingDayText,
  WithdrawBidRequest,
} from '../../market-adapter.port.js';

/**
 * The simulated exchange's HTTP API (market-adapters/kpx-sim/http-server.ts), operation by
 * operation: the one place that knows its paths, methods and bodies. The real KPX's participant
 * interface is not public (kpx-market-rules.md §7.1, UNCONFIRMED), so this is the only API the
 * adapter speaks; a real one would get its own table like this.
 */
export interface ApiRequest {
  /** The port operation, for messages. */
  readonly operation: string;
  readonly method: 'GET' | 'POST';
  /** Path and query, to append to the base URL. */
  readonly path: string;
  readonly body?: unknown;
  /**
   * Sent as `Idempotency-Key`: the key under which the exchange stores its answer, so a repeat
   * gets that answer and creates nothing. kpx-sim keys by the body's `submissionId`, which is the
   * same value; a POST without a key is never retried.
   */
  readonly idempotencyKey?: string;
}

const segment = (value: string): string => encodeURIComponent(value);

const query = (values: Readonly<Record<string, string>>): string =>
  new URLSearchParams(Object.entries(values)).toString();

export const kpxSimApi = {
  calendar: (market: MarketId): ApiRequest => ({
    operation: 'calendar',
    method: 'GET',
    path: `/markets/${segment(market)}/calendar`,
  }),

  submitBid: (request: SubmitBidRequest): ApiRequest => ({
    operation: 'submitBid',
    method: 'POST',
    path: '/bids',
    body: request,
    idempotencyKey: request.submissionId,
  }),

  /** One withdrawal per submission: the key names both, apart from the submission's own key. */
  withdrawBid: (request: WithdrawBidRequest): ApiRequest => ({
    operation: 'withdrawBid',
    method: 'POST',
    path: `/bids/${segment(request.submissionId)}/withdraw`,
    body: { portfolioId: request.portfolioId, reason: request.reason },
    idempotencyKey: `${request.submissionId}:withdraw`,
  }),

  fetchResults: (
    portfolioId: string,
    market: MarketId,
    tradingDay: TradingDayText,
  ): ApiRequest => ({
    operation: 'fetchResults',
    method: 'GET',
    path: `/results?${query({ portfolioId, market, tradingDay })}`,
  }),

  fetchPrices: (market: MarketId, tradingDay: TradingDayText, kind: PriceKind): ApiRequest => ({
    operation: 'fetchPrices',
    method: 'GET',
    path: `/prices?${query({ market, tradingDay, kind })}`,
  }),

  submitRenewableForecast: (request: SubmitRenewableForecastRequest): ApiRequest => ({
    operation: 'submitRenewableForecast',
    method: 'POST',
    path: '/forecasts',
    body: request,
    idempotencyKey: request.submissionId,
  }),

  dispatchInstructions: (portfolioId: string, market: MarketId, since: IsoInstant): ApiRequest => ({
    operation: 'dispatchInstructions',
    method: 'GET',
    path: `/dispatch-instructions?${query({ portfolioId, market, since })}`,
  }),
} as const;

/** Reads are safe to repeat; writes only under an idempotency key. */
export const isRepeatable = (request: ApiRequest): boolean =>
  request.method === 'GET' || request.idempotencyKey !== undefined;
