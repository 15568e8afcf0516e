import type { MarketId } from '../../domain/market/market-rules.js';
import { isDomainError } from '../../domain/shared/domain-error.js';
import {
  MarketAdapterError,
  type DispatchInstruction,
  type FetchPricesResult,
  type FetchResultsResult,
  type IsoInstant,
  type MarketAdapter,
  type MarketCalendarInfo,
  type PriceKind,
  type SubmitBidRequest,
  type SubmitBidResult,
  type SubmitRenewableForecastRequest,
  type SubmitRenewableForecastResult,
  type TradingDayText,
  type WithdrawBidRequest,
  type WithdrawBidResult,
} from '../market-adapter.port.js';
import type { KpxSimExchange } from './kpx-sim-exchange.js';

/**
 * The MarketAdapter port straight onto the simulated exchange in the same process (DESIGN.md §7,
 * embedded mode). The exchange's `KPXSIM.*` errors become MarketAdapterErrors, as the HTTP adapter
 * would see them: a clock not yet set is `unavailable` (ask again later), anything else the
 * exchange could not read is `protocol` (our request was wrong; retrying will not help).
 */
export class InProcessKpxSimAdapter implements MarketAdapter {
  constructor(private readonly exchange: KpxSimExchange) {}

  calendar(market: MarketId): Promise<MarketCalendarInfo> {
    return this.call(() => this.exchange.calendar(market));
  }

  submitBid(request: SubmitBidRequest): Promise<SubmitBidResult> {
    return this.call(() => this.exchange.submitBid(request));
  }

  withdrawBid(request: WithdrawBidRequest): Promise<WithdrawBidResult> {
    return this.call(() => this.exchange.withdrawBid(request));
  }

  fetchResults(
    portfolioId: string,
    market: MarketId,
    tradingDay: TradingDayText,
  ): Promise<FetchResultsResult> {
    return this.call(() => this.exchange.fetchResults(portfolioId, market, tradingDay));
  }

  fetchPrices(
    market: MarketId,
    tradingDay: TradingDayText,
    kind: PriceKind,
  ): Promise<FetchPricesResult> {
    return this.call(() => this.exchange.fetchPrices(market, tradingDay, kind));
  }

  submitRenewableForecast(
    request: SubmitRenewableForecastRequest,
  ): Promise<SubmitRenewableForecastResult> {
    return this.call(() => this.exchange.submitRenewableForecast(request));
  }

  dispatchInstructions(
    portfolioId: string,
    market: MarketId,
    since: IsoInstant,
  ): Promise<readonly DispatchInstruction[]> {
    return this.call(() => this.exchange.dispatchInstructions(portfolioId, market, since));
  }

  private async call<T>(operation: () => T): Promise<T> {
    try {
      // A structured clone, so callers never share objects with the exchange, as over a wire.
      return structuredClone(operation());
    } catch (error) {
      throw adapterErrorOf(error);
    }
  }
}

/** Exchange errors as the port's errors; anything else (a bug) is passed on unchanged. */
export const adapterErrorOf = (error: unknown): unknown => {
  if (isDomainError(error)) {
    const kind = error.code === 'KPXSIM.CLOCK_NOT_SET' ? 'unavailable' : 'protocol';
    return new MarketAdapterError(kind, error.message, error.code, { cause: error });
  }
  // better-sqlite3's errors (a locked or unreadable database): the exchange cannot answer now.
  if (error instanceof Error && error.name === 'SqliteError')
    return new MarketAdapterError('unavailable', error.message, undefined, { cause: error });
  return error;
};
