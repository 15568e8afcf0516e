import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { MarketId } from '../../../domain/market/market-rules.js';
import { CLOCK, type Clock } from '../../../domain/shared/clock.port.js';
import { isDomainError } from '../../../domain/shared/domain-error.js';
import { adapterErrorOf } from '../../../market-adapters/kpx-sim/in-process-adapter.js';
import type { KpxSimExchange } from '../../../market-adapters/kpx-sim/kpx-sim-exchange.js';
import { openKpxSim, type KpxSim } from '../../../market-adapters/kpx-sim/open-kpx-sim.js';
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
} from '../../../market-adapters/market-adapter.port.js';
import { isoUtc } from '../../market/day-ahead-calendar.js';
import { MARKET_ADAPTER_CONFIG, type MarketAdapterConfig } from './market-adapter-config.js';

/**
 * The simulated KPX in the application's process (DESIGN.md §7, embedded mode), behind the
 * MarketAdapter port. Two things beyond `InProcessKpxSimAdapter`:
 * - it opens the exchange on first use, so commands that never trade do not read the SMP file;
 * - the exchange's clock follows the application's Clock: before each call it is moved up to
 *   `clock.now()`, which runs whatever fell due meanwhile (the day-ahead clearing at D-1 15:00
 *   KST, ...). It never goes back, so a test or tool may run it ahead with `exchange().advanceTo`.
 */
@Injectable()
export class EmbeddedKpxSimAdapter implements MarketAdapter, OnApplicationShutdown {
  private opened: KpxSim | undefined;

  constructor(
    @Inject(MARKET_ADAPTER_CONFIG) private readonly config: MarketAdapterConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The simulated exchange itself, opened if need be: its clock, submissions, `advanceTo`. */
  exchange(): KpxSimExchange {
    return this.sim().exchange;
  }

  calendar(market: MarketId): Promise<MarketCalendarInfo> {
    return this.synced().then((sim) => sim.adapter.calendar(market));
  }

  submitBid(request: SubmitBidRequest): Promise<SubmitBidResult> {
    return this.synced().then((sim) => sim.adapter.submitBid(request));
  }

  withdrawBid(request: WithdrawBidRequest): Promise<WithdrawBidResult> {
    return this.synced().then((sim) => sim.adapter.withdrawBid(request));
  }

  fetchResults(
    portfolioId: string,
    market: MarketId,
    tradingDay: TradingDayText,
  ): Promise<FetchResultsResult> {
    return this.synced().then((sim) => sim.adapter.fetchResults(portfolioId, market, tradingDay));
  }

  fetchPrices(
    market: MarketId,
    tradingDay: TradingDayText,
    kind: PriceKind,
  ): Promise<FetchPricesResult> {
    return this.synced().then((sim) => sim.adapter.fetchPrices(market, tradingDay, kind));
  }

  submitRenewableForecast(
    request: SubmitRenewableForecastRequest,
  ): Promise<SubmitRenewableForecastResult> {
    return this.synced().then((sim) => sim.adapter.submitRenewableForecast(request));
  }

  dispatchInstructions(
    portfolioId: string,
    market: MarketId,
    since: IsoInstant,
  ): Promise<readonly DispatchInstruction[]> {
    return this.synced().then((sim) =>
      sim.adapter.dispatchInstructions(portfolioId, market, since),
    );
  }

  onApplicationShutdown(): void {
    this.opened?.close();
    this.opened = undefined;
  }

  private sim(): KpxSim {
    if (this.opened !== undefined) return this.opened;
    const config = this.config;
    if (config.kind !== 'kpx-sim-in-process')
      throw new Error('the in-process simulated KPX is not configured (KPX_URL is set)');
    const gate = { dayAheadGateKst: config.dayAheadGateKst };
    try {
      this.opened = openKpxSim({
        dbPath: config.dbPath,
        dataPath: config.dataPath,
        seed: config.seed,
        ruleOverrides: { mainland: gate, jeju: gate },
      });
    } catch (error) {
      // A missing SMP file or an unreadable database: the exchange cannot answer, whatever we ask.
      if (!isDomainError(error) && !(error instanceof Error && error.name === 'SqliteError'))
        throw error;
      throw new MarketAdapterError(
        'unavailable',
        `the simulated KPX cannot open: ${error.message}`,
        isDomainError(error) ? error.code : undefined,
        { cause: error },
      );
    }
    return this.opened;
  }

  /** The exchange with its clock moved up to the application's (never back). */
  private async synced(): Promise<KpxSim> {
    const sim = this.sim();
    const now = this.clock.now();
    const exchangeMs = sim.exchange.nowMs();
    try {
      if (exchangeMs === undefined || now.toMillis() > exchangeMs)
        sim.exchange.advanceTo(isoUtc(now));
    } catch (error) {
      throw adapterErrorOf(error);
    }
    return sim;
  }
}
