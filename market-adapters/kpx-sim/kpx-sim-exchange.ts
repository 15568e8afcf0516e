import {
  DEFAULT_KPX_FORECAST_SCHEME,
  type KpxForecastScheme,
} from '../../domain/forecasting/kpx-scheme/index.js';
import { sellQuantityAt, type IntervalBid } from '../../domain/market/bid-curve.js';
import { MarketCalendar } from '../../domain/market/market-calendar.js';
import {
  MARKETS,
  isMarketId,
  marketRules,
  type MarketId,
  type MarketRuleOverrides,
  type MarketRules,
} from '../../domain/market/market-rules.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import { failWith } from '../../domain/shared/input-parsing.js';
import { instantMs, isoInstant } from '../../domain/shared/iso-instant.js';
import { DAY_MS, KST_OFFSET_MS, MINUTE_MS } from '../../domain/shared/time/kst.js';
import { TradingDay } from '../../domain/shared/time/trading-day.js';
import type { KrwPerKwh, Kw } from '../../domain/shared/units.js';
import type {
  BidAccepted,
  BidRefused,
  CurtailmentInstruction,
  DispatchInstruction,
  FetchPricesResult,
  FetchResultsResult,
  IntervalAward,
  MarketCalendarInfo,
  PriceKind,
  PublishedPrice,
  ScheduleInstruction,
  SubmitBidResult,
  SubmitRenewableForecastResult,
  UnclearedInterval,
  WithdrawBidResult,
} from '../market-adapter.port.js';
import { checkBidRequest } from './bid-request.validation.js';
import type { SqliteExchangeStore, SubmissionStatus } from './exchange-store.js';
import { checkForecastRequest } from './forecast-request.validation.js';
import type { IntervalPrice, PriceFormation, RealTimePrice } from './price-formation.js';
import { requestHash } from './request-hash.js';

export interface KpxSimExchangeOptions {
  readonly store: SqliteExchangeStore;
  readonly formation: PriceFormation;
  /**
   * The seed the formation was built with. Recorded at the first start: reopening the same
   * database with another seed or formation is refused, since prices published after the restart
   * would then not continue those published before it.
   */
  readonly seed: string | number;
  readonly ruleOverrides?: Partial<Record<MarketId, MarketRuleOverrides>>;
  readonly forecastScheme?: KpxForecastScheme;
  /** The simulated clock's first reading, used only when the database holds no clock yet. */
  readonly startAt?: string;
}

/** What one `advanceTo` ran, in the order it ran it. */
export interface AdvanceSummary {
  readonly from: string | null;
  readonly now: string;
  readonly dayAheadClearings: readonly {
    readonly market: MarketId;
    readonly tradingDay: string;
    readonly bids: number;
  }[];
  readonly realTimeRuns: number;
  readonly realTimeFinals: readonly { readonly market: MarketId; readonly tradingDay: string }[];
}

export interface SubmissionView {
  readonly submissionId: string;
  readonly portfolioId: string;
  readonly market: string;
  readonly tradingDay: string;
  readonly status: SubmissionStatus;
  readonly exchangeBidId: string | null;
  readonly answer: SubmitBidResult;
}

type Job =
  | {
      readonly kind: 'day_ahead_clearing';
      readonly market: MarketId;
      readonly dueMs: number;
      readonly day: TradingDay;
    }
  | { readonly kind: 'real_time_run'; readonly market: MarketId; readonly dueMs: number }
  | {
      readonly kind: 'real_time_final';
      readonly market: MarketId;
      readonly dueMs: number;
      readonly day: TradingDay;
    };

const JOB_ORDER: Readonly<Record<Job['kind'], number>> = {
  day_ahead_clearing: 0,
  real_time_run: 1,
  real_time_final: 2,
};

const CLOCK_KEY = 'clock_ms';
const iso = (ms: number): string => new Date(ms).toISOString();
const dayContaining = (ms: number): TradingDay =>
  TradingDay.fromEpochDay(Math.floor((ms + KST_OFFSET_MS) / DAY_MS));
const fail = failWith('KPXSIM.INVALID_REQUEST');

const requireText = (value: unknown, field: string): string => {
  if (typeof value !== 'string' || value.trim() === '' || value.length > 200)
    fail(field, `${field} must be a non-empty string of at most 200 characters`, { value });
  return value as string;
};

/**
 * The simulated KPX: a state machine over its SQLite store, driven by a clock the caller moves
 * (`advanceTo`); nothing in it reads the wall clock. Every public operation is one transaction.
 * Business answers (accepted, rejected, not published yet) are return values; a request the
 * exchange cannot even read (no submission id, unknown market in a query, clock not set) throws a
 * DomainError `KPXSIM.*`, which adapters turn into a MarketAdapterError.
 */
export class KpxSimExchange {
  private readonly store: SqliteExchangeStore;
  private readonly formation: PriceFormation;
  private readonly rules: Readonly<Record<MarketId, MarketRules>>;
  private readonly calendars: Readonly<Record<MarketId, MarketCalendar>>;
  private readonly scheme: KpxForecastScheme;

  constructor(options: KpxSimExchangeOptions) {
    this.store = options.store;
    this.formation = options.formation;
    this.scheme = options.forecastScheme ?? DEFAULT_KPX_FORECAST_SCHEME;
    const rules = {} as Record<MarketId, MarketRules>;
    const calendars = {} as Record<MarketId, MarketCalendar>;
    for (const market of MARKETS) {
      rules[market] = marketRules(market, options.ruleOverrides?.[market] ?? {});
      calendars[market] = new MarketCalendar(rules[market]);
    }
    this.rules = rules;
    this.calendars = calendars;
    this.store.transaction(() => {
      this.checkConfig('seed', String(options.seed));
      this.checkConfig('formation', options.formation.name);
      if (this.store.meta(CLOCK_KEY) === undefined && options.startAt !== undefined)
        this.store.setMeta(CLOCK_KEY, String(this.instant(options.startAt, 'startAt')));
    });
  }

  /** The simulated clock (epoch ms), or undefined until it is first set. */
  nowMs(): number | undefined {
    const value = this.store.meta(CLOCK_KEY);
    return value === undefined ? undefined : Number(value);
  }

  calendar(market: unknown): MarketCalendarInfo {
    const id = this.market(market);
    const now = this.nowMs();
    return { market: id, rules: this.rules[id], exchangeNow: now === undefined ? null : iso(now) };
  }

  submitBid(request: unknown): SubmitBidResult {
    return this.store.transaction(() => {
      const nowMs = this.requireClock();
      const submissionId = requireText(
        (request as { submissionId?: unknown } | null)?.submissionId,
        'submissionId',
      );
      const hash = requestHash(request);
      const existing = this.store.submission(submissionId);
      if (existing !== undefined) {
        if (existing.request_hash === hash)
          return JSON.parse(existing.answer_json) as SubmitBidResult;
        return {
          status: 'rejected',
          submissionId,
          code: 'BID.SUBMISSION_ID_REUSED',
          reason: `submission ${submissionId} was already received with other content; a new bid needs a new submission id`,
          violations: [],
          rejectedAt: iso(nowMs),
        } satisfies BidRefused;
      }
      const check = checkBidRequest(request, (market) => this.rules[market], nowMs);
      const raw = (request ?? {}) as Record<string, unknown>;
      if (!check.ok) {
        const answer: BidRefused = {
          status: 'rejected',
          submissionId,
          code: check.code,
          reason: check.reason,
          violations: check.violations,
          rejectedAt: iso(nowMs),
        };
        this.store.insertSubmission({
          submission_id: submissionId,
          request_hash: hash,
          portfolio_id: String(raw.portfolioId ?? ''),
          market: String(raw.market ?? ''),
          trading_day: String(raw.tradingDay ?? ''),
          status: 'rejected',
          exchange_bid_id: null,
          intervals_json: '[]',
          answer_json: JSON.stringify(answer),
          received_at_ms: nowMs,
        });
        return answer;
      }
      const { bid } = check;
      const day = bid.tradingDay.toString();
      // A new bid replaces the portfolio's live one for the same market and day (before the gate).
      for (const live of this.store.portfolioSubmissions(
        bid.portfolioId,
        bid.market,
        day,
        'accepted',
      ))
        this.store.setSubmissionStatus(live.submission_id, 'superseded', nowMs);
      const seq = this.store.nextSubmissionSeq();
      const answer: BidAccepted = {
        status: 'accepted',
        submissionId,
        exchangeBidId: `KPXSIM-${bid.market.toUpperCase()}-${day}-${String(seq).padStart(6, '0')}`,
        acceptedAt: iso(nowMs),
      };
      this.store.insertSubmission({
        submission_id: submissionId,
        request_hash: hash,
        portfolio_id: bid.portfolioId,
        market: bid.market,
        trading_day: day,
        status: 'accepted',
        exchange_bid_id: answer.exchangeBidId,
        intervals_json: JSON.stringify(bid.intervals),
        answer_json: JSON.stringify(answer),
        received_at_ms: nowMs,
      });
      return answer;
    });
  }

  withdrawBid(request: unknown): WithdrawBidResult {
    return this.store.transaction(() => {
      const nowMs = this.requireClock();
      const raw = (request ?? {}) as Record<string, unknown>;
      const submissionId = requireText(raw.submissionId, 'submissionId');
      const refuse = (code: string, reason: string): WithdrawBidResult => ({
        status: 'rejected',
        submissionId,
        code,
        reason,
      });
      const row = this.store.submission(submissionId);
      if (row === undefined || row.portfolio_id !== raw.portfolioId)
        return refuse(
          'BID.UNKNOWN_SUBMISSION',
          `no submission ${submissionId} of portfolio ${String(raw.portfolioId)}`,
        );
      if (row.status === 'withdrawn' && row.withdraw_answer_json !== null)
        return JSON.parse(row.withdraw_answer_json) as WithdrawBidResult;
      if (row.status !== 'accepted')
        return refuse('BID.NOT_WITHDRAWABLE', `submission ${submissionId} is ${row.status}`);
      if (typeof raw.reason !== 'string' || raw.reason.trim() === '')
        return refuse('BID.INVALID_REQUEST', 'reason: a withdrawal needs a reason');
      const market = row.market as MarketId;
      const day = TradingDay.parse(row.trading_day);
      if (!this.calendars[market].isDayAheadOpen(day, nowMs))
        return refuse(
          'BID.GATE_CLOSED',
          `the gate for ${row.trading_day} closed at ${iso(this.calendars[market].timelineOf(day).dayAheadGateMs)}; a bid can no longer be withdrawn`,
        );
      const answer: WithdrawBidResult = {
        status: 'withdrawn',
        submissionId,
        exchangeBidId: row.exchange_bid_id ?? '',
        withdrawnAt: iso(nowMs),
      };
      this.store.setSubmissionStatus(submissionId, 'withdrawn', nowMs, JSON.stringify(answer));
      return answer;
    });
  }

  fetchResults(portfolioId: unknown, market: unknown, tradingDay: unknown): FetchResultsResult {
    const id = this.market(market);
    const day = this.day(tradingDay);
    const portfolio = requireText(portfolioId, 'portfolioId');
    return this.store.transaction(() => {
      const nowMs = this.requireClock();
      const timeline = this.calendars[id].timelineOf(day);
      if (nowMs < timeline.dayAheadResultsMs)
        return { status: 'not_published_yet', expectedAt: iso(timeline.dayAheadResultsMs) };
      const clearing = this.store.clearing(id, day.toString());
      if (clearing === undefined) return this.notRun(day, timeline.dayAheadResultsMs);
      const prices = JSON.parse(clearing.prices_json) as IntervalPrice[];
      const row = this.store.portfolioSubmissions(portfolio, id, day.toString(), 'cleared')[0];
      const awards =
        row?.exchange_bid_id == null
          ? []
          : (JSON.parse(this.store.awards(row.exchange_bid_id) ?? '[]') as IntervalAward[]);
      return {
        status: 'published',
        portfolioId: portfolio,
        market: id,
        tradingDay: day.toString(),
        intervalMinutes: this.rules[id].dayAhead.intervalMinutes,
        publishedAt: iso(clearing.cleared_at_ms),
        bid:
          row?.exchange_bid_id == null
            ? null
            : { submissionId: row.submission_id, exchangeBidId: row.exchange_bid_id },
        awards,
        uncleared: unclearedOf(prices),
      };
    });
  }

  fetchPrices(market: unknown, tradingDay: unknown, kind: unknown): FetchPricesResult {
    const id = this.market(market);
    const day = this.day(tradingDay);
    if (kind !== 'day_ahead' && kind !== 'real_time')
      fail('kind', `kind must be day_ahead or real_time, got ${String(kind)}`, { kind });
    return this.store.transaction(() => {
      const nowMs = this.requireClock();
      return kind === 'day_ahead'
        ? this.dayAheadPrices(id, day, nowMs)
        : this.realTimePrices(id, day, nowMs);
    });
  }

  submitRenewableForecast(request: unknown): SubmitRenewableForecastResult {
    return this.store.transaction(() => {
      const nowMs = this.requireClock();
      const submissionId = requireText(
        (request as { submissionId?: unknown } | null)?.submissionId,
        'submissionId',
      );
      const hash = requestHash(request);
      const existing = this.store.forecast(submissionId);
      if (existing !== undefined)
        return existing.request_hash === hash
          ? (JSON.parse(existing.answer_json) as SubmitRenewableForecastResult)
          : {
              status: 'rejected',
              submissionId,
              code: 'FORECAST.SUBMISSION_ID_REUSED',
              reason: `forecast submission ${submissionId} was already received with other content`,
              rejectedAt: iso(nowMs),
            };
      const check = checkForecastRequest(request, this.scheme, nowMs);
      const answer: SubmitRenewableForecastResult = check.ok
        ? {
            status: 'accepted',
            submissionId,
            receiptId: `KPXSIM-FC-${String(this.store.nextForecastSeq()).padStart(6, '0')}`,
            acceptedAt: iso(nowMs),
          }
        : {
            status: 'rejected',
            submissionId,
            code: check.code,
            reason: check.reason,
            rejectedAt: iso(nowMs),
          };
      const raw = (request ?? {}) as Record<string, unknown>;
      this.store.insertForecast({
        submission_id: submissionId,
        request_hash: hash,
        portfolio_id: String(raw.portfolioId ?? ''),
        market: String(raw.market ?? ''),
        trading_day: String(raw.tradingDay ?? ''),
        slot: String(raw.slot ?? ''),
        values_json: check.ok ? JSON.stringify(check.forecast.hourlyEnergyKwh) : '[]',
        answer_json: JSON.stringify(answer),
        received_at_ms: nowMs,
      });
      return answer;
    });
  }

  dispatchInstructions(
    portfolioId: unknown,
    market: unknown,
    since: unknown,
  ): readonly DispatchInstruction[] {
    const portfolio = requireText(portfolioId, 'portfolioId');
    const id = this.market(market);
    const sinceMs = this.instant(since, 'since');
    return this.store
      .instructions(portfolio, id, sinceMs)
      .map((json) => JSON.parse(json) as DispatchInstruction);
  }

  submission(submissionId: unknown): SubmissionView | undefined {
    const row = this.store.submission(requireText(submissionId, 'submissionId'));
    return row === undefined
      ? undefined
      : {
          submissionId: row.submission_id,
          portfolioId: row.portfolio_id,
          market: row.market,
          tradingDay: row.trading_day,
          status: row.status,
          exchangeBidId: row.exchange_bid_id,
          answer: JSON.parse(row.answer_json) as SubmitBidResult,
        };
  }

  /**
   * Moves the simulated clock to `instant` and runs, in time order, everything due in
   * (previous, instant]: day-ahead clearings (D-1 results time), real-time runs (every run
   * interval, Jeju) and final real-time prices (D+1). The first setting of the clock runs nothing.
   * The clock never goes back (`KPXSIM.CLOCK_BACKWARDS`); the same instant again is a no-op.
   */
  advanceTo(instant: unknown): AdvanceSummary {
    const targetMs = this.instant(instant, 'now');
    return this.store.transaction(() => {
      const previous = this.nowMs();
      const summary = {
        from: previous === undefined ? null : iso(previous),
        now: iso(targetMs),
        dayAheadClearings: [] as { market: MarketId; tradingDay: string; bids: number }[],
        realTimeRuns: 0,
        realTimeFinals: [] as { market: MarketId; tradingDay: string }[],
      };
      if (previous !== undefined && targetMs < previous)
        throw new DomainError(
          'KPXSIM.CLOCK_BACKWARDS',
          `the exchange clock is at ${iso(previous)} and never goes back; got ${iso(targetMs)}`,
          'now',
        );
      if (previous !== undefined)
        for (const job of this.dueJobs(previous, targetMs)) {
          if (job.kind === 'day_ahead_clearing')
            summary.dayAheadClearings.push({
              market: job.market,
              tradingDay: job.day.toString(),
              bids: this.clearDayAhead(job.market, job.day, job.dueMs),
            });
          else if (job.kind === 'real_time_run') {
            this.runRealTime(job.market, job.dueMs);
            summary.realTimeRuns++;
          } else {
            this.publishFinal(job.market, job.day, job.dueMs);
            summary.realTimeFinals.push({ market: job.market, tradingDay: job.day.toString() });
          }
        }
      this.store.setMeta(CLOCK_KEY, String(targetMs));
      return summary;
    });
  }

  private dueJobs(fromMs: number, toMs: number): Job[] {
    const jobs: Job[] = [];
    for (const market of MARKETS) {
      const calendar = this.calendars[market];
      // Results of D fall on D-1, so the first day whose results may lie after `fromMs` is the next.
      for (let day = dayContaining(fromMs).next(); ; day = day.next()) {
        const dueMs = calendar.timelineOf(day).dayAheadResultsMs;
        if (dueMs > toMs) break;
        if (dueMs > fromMs) jobs.push({ kind: 'day_ahead_clearing', market, dueMs, day });
      }
      const realTime = this.rules[market].realTime;
      if (realTime === undefined) continue;
      const stepMs = realTime.runEveryMinutes * MINUTE_MS;
      for (let runMs = (Math.floor(fromMs / stepMs) + 1) * stepMs; runMs <= toMs; runMs += stepMs)
        jobs.push({ kind: 'real_time_run', market, dueMs: runMs });
      // Final prices of D fall on D+1, so they may be due for days up to two before `fromMs`'s.
      for (let day = dayContaining(fromMs).plusDays(-2); ; day = day.next()) {
        const dueMs = calendar.timelineOf(day).realTimeFinalPricesMs ?? Infinity;
        if (dueMs > toMs) break;
        if (dueMs > fromMs) jobs.push({ kind: 'real_time_final', market, dueMs, day });
      }
    }
    return jobs.sort(
      (a, b) =>
        a.dueMs - b.dueMs ||
        JOB_ORDER[a.kind] - JOB_ORDER[b.kind] ||
        MARKETS.indexOf(a.market) - MARKETS.indexOf(b.market),
    );
  }

  private clearDayAhead(market: MarketId, day: TradingDay, dueMs: number): number {
    const grid = this.calendars[market].dayAheadGrid;
    const rows = this.store.daySubmissions(market, day.toString(), 'accepted');
    const bids = rows.map((row) => ({
      exchangeBidId: row.exchange_bid_id ?? '',
      portfolioId: row.portfolio_id,
      intervals: JSON.parse(row.intervals_json) as IntervalBid[],
    }));
    const clearing = this.formation.clearDayAhead({
      market,
      rules: this.rules[market],
      tradingDay: day,
      intervalMinutes: grid.minutes,
      intervalsPerDay: grid.intervalsPerDay,
      bids,
    });
    this.store.insertClearing({
      market,
      trading_day: day.toString(),
      cleared_at_ms: dueMs,
      formation: this.formation.name,
      prices_json: JSON.stringify(clearing.prices),
    });
    for (const bid of bids) {
      const awards = clearing.awards.get(bid.exchangeBidId) ?? [];
      this.store.insertAwards(bid.exchangeBidId, JSON.stringify(awards));
      for (const award of awards) {
        const interval = grid.intervalAt(day, award.interval);
        const instruction: ScheduleInstruction = {
          kind: 'schedule',
          instructionId: `SCHED-${bid.exchangeBidId}-${award.interval}`,
          portfolioId: bid.portfolioId,
          market,
          exchangeBidId: bid.exchangeBidId,
          tradingDay: day.toString(),
          intervalMinutes: grid.minutes,
          interval: award.interval,
          startsAt: iso(interval.startMs),
          endsAt: iso(interval.endMs),
          issuedAt: iso(dueMs),
          sellKw: award.awardedSellKw,
          buyKw: award.awardedBuyKw,
        };
        this.insertInstruction(instruction, dueMs);
      }
    }
    for (const row of rows) this.store.setSubmissionStatus(row.submission_id, 'cleared', dueMs);
    return bids.length;
  }

  private runRealTime(market: MarketId, runAtMs: number): void {
    const rules = this.rules[market];
    const realTime = rules.realTime!;
    const stepMs = realTime.intervalMinutes * MINUTE_MS;
    const count = Math.floor(realTime.horizonMinutes / realTime.intervalMinutes);
    const intervalStartsMs = Array.from({ length: count }, (_, k) => runAtMs + k * stepMs);
    const prices = this.formation.runRealTime({ market, rules, runAtMs, intervalStartsMs });
    this.store.insertRun(market, runAtMs, JSON.stringify(prices));
    const binding = prices[0];
    if (rules.renewablePriceBids && binding?.priceKrwPerKwh != null && binding.priceKrwPerKwh < 0)
      this.curtail(market, runAtMs, binding.priceKrwPerKwh);
  }

  /**
   * A negative binding real-time price: renewable offers are cut back to what their sell curve
   * offers at that price (offers priced above it are curtailed first, as in the Jeju pilot,
   * kpx-market-rules.md §2.3). Issued by the run whose first interval it is, effective at once.
   */
  private curtail(market: MarketId, runAtMs: number, priceKrwPerKwh: number): void {
    const day = dayContaining(runAtMs);
    const daMinutes = this.rules[market].dayAhead.intervalMinutes;
    const rtMinutes = this.rules[market].realTime!.intervalMinutes;
    const daInterval = Math.floor((runAtMs - day.startMs) / (daMinutes * MINUTE_MS));
    const rtInterval = Math.floor((runAtMs - day.startMs) / (rtMinutes * MINUTE_MS));
    for (const row of this.store.daySubmissions(market, day.toString(), 'cleared')) {
      const exchangeBidId = row.exchange_bid_id ?? '';
      const awards = JSON.parse(this.store.awards(exchangeBidId) ?? '[]') as IntervalAward[];
      const award = awards.find((a) => a.interval === daInterval);
      if (award === undefined || award.awardedSellKw <= 0) continue;
      const curve = (JSON.parse(row.intervals_json) as IntervalBid[]).find(
        (bid) => bid.interval === daInterval,
      );
      const maxSellKw = sellQuantityAt(curve?.sell ?? [], priceKrwPerKwh);
      if (maxSellKw >= award.awardedSellKw) continue;
      const instruction: CurtailmentInstruction = {
        kind: 'curtailment',
        instructionId: `CURT-${exchangeBidId}-${rtInterval}`,
        portfolioId: row.portfolio_id,
        market,
        exchangeBidId,
        tradingDay: day.toString(),
        intervalMinutes: rtMinutes,
        interval: rtInterval,
        startsAt: iso(runAtMs),
        endsAt: iso(runAtMs + rtMinutes * MINUTE_MS),
        issuedAt: iso(runAtMs),
        maxSellKw: Math.min(maxSellKw, award.awardedSellKw) as Kw,
        realTimePriceKrwPerKwh: priceKrwPerKwh as KrwPerKwh,
        reason: `real-time price ${priceKrwPerKwh} KRW/kWh is negative; the sell curve offers ${maxSellKw} kW at that price`,
      };
      this.insertInstruction(instruction, runAtMs);
    }
  }

  private publishFinal(market: MarketId, day: TradingDay, dueMs: number): void {
    const rules = this.rules[market];
    const prices = this.formation.finalRealTimePrices({
      market,
      rules,
      tradingDay: day,
      intervalMinutes: rules.realTime!.intervalMinutes,
    });
    this.store.insertFinal(market, day.toString(), dueMs, JSON.stringify(prices));
  }

  private dayAheadPrices(market: MarketId, day: TradingDay, nowMs: number): FetchPricesResult {
    const timeline = this.calendars[market].timelineOf(day);
    if (nowMs < timeline.dayAheadResultsMs)
      return { status: 'not_published_yet', expectedAt: iso(timeline.dayAheadResultsMs) };
    const clearing = this.store.clearing(market, day.toString());
    if (clearing === undefined) return this.notRun(day, timeline.dayAheadResultsMs);
    const grid = this.calendars[market].dayAheadGrid;
    return {
      status: 'published',
      market,
      tradingDay: day.toString(),
      kind: 'day_ahead',
      intervalMinutes: grid.minutes,
      final: true,
      publishedAt: iso(clearing.cleared_at_ms),
      prices: (JSON.parse(clearing.prices_json) as IntervalPrice[]).map((price) =>
        published(price, grid.intervalAt(day, price.interval)),
      ),
    };
  }

  private realTimePrices(market: MarketId, day: TradingDay, nowMs: number): FetchPricesResult {
    const realTime = this.rules[market].realTime;
    const grid = this.calendars[market].realTimeGrid;
    if (realTime === undefined || grid === undefined)
      return { status: 'not_available', reason: `the ${market} market has no real-time market` };
    const base = {
      market,
      tradingDay: day.toString(),
      kind: 'real_time' as PriceKind,
      intervalMinutes: grid.minutes,
    };
    const final = this.store.final(market, day.toString());
    if (final !== undefined)
      return {
        status: 'published',
        ...base,
        final: true,
        publishedAt: iso(final.published_at_ms),
        prices: (JSON.parse(final.prices_json) as IntervalPrice[]).map((price) =>
          published(price, grid.intervalAt(day, price.interval)),
        ),
      };
    const stepMs = grid.minutes * MINUTE_MS;
    const firstRunMs = day.startMs - realTime.horizonMinutes * MINUTE_MS + stepMs;
    const latest = new Map<number, IntervalPrice>();
    let publishedAtMs = -Infinity;
    for (const run of this.store.runs(market, firstRunMs, day.startMs + DAY_MS)) {
      for (const price of JSON.parse(run.prices_json) as RealTimePrice[]) {
        if (price.startMs < day.startMs || price.startMs >= day.startMs + DAY_MS) continue;
        const interval = (price.startMs - day.startMs) / stepMs;
        latest.set(interval, {
          interval,
          priceKrwPerKwh: price.priceKrwPerKwh,
          ...(price.reason === undefined ? {} : { reason: price.reason }),
        });
        publishedAtMs = run.run_at_ms;
      }
    }
    if (latest.size === 0) {
      // No run has covered the day yet (or the clock started after them): the next run, or the
      // final publication once no run is left to cover the day.
      const nextRunMs = Math.max(firstRunMs, (Math.floor(nowMs / stepMs) + 1) * stepMs);
      const finalMs = this.calendars[market].timelineOf(day).realTimeFinalPricesMs!;
      return {
        status: 'not_published_yet',
        expectedAt: iso(nextRunMs < day.startMs + DAY_MS ? nextRunMs : finalMs),
      };
    }
    return {
      status: 'published',
      ...base,
      final: false,
      publishedAt: iso(publishedAtMs),
      prices: [...latest.values()]
        .sort((a, b) => a.interval - b.interval)
        .map((price) => published(price, grid.intervalAt(day, price.interval))),
    };
  }

  private notRun(day: TradingDay, dueMs: number): FetchResultsResult & FetchPricesResult {
    return {
      status: 'not_available',
      reason: `the simulated exchange did not run ${day.toString()}: its clock started after the results were due at ${iso(dueMs)}`,
    };
  }

  private insertInstruction(instruction: DispatchInstruction, issuedAtMs: number): void {
    this.store.insertInstruction({
      instruction_id: instruction.instructionId,
      portfolio_id: instruction.portfolioId,
      market: instruction.market,
      issued_at_ms: issuedAtMs,
      instruction_json: JSON.stringify(instruction),
    });
  }

  private requireClock(): number {
    const now = this.nowMs();
    if (now === undefined)
      throw new DomainError(
        'KPXSIM.CLOCK_NOT_SET',
        'the simulated exchange clock is not set: advance it first (POST /clock { now })',
      );
    return now;
  }

  private checkConfig(key: string, value: string): void {
    const stored = this.store.meta(key);
    if (stored === undefined) this.store.setMeta(key, value);
    else if (stored !== value)
      throw new DomainError(
        'KPXSIM.CONFIG_MISMATCH',
        `this exchange database was started with ${key} ${stored}, not ${value}: use the same ${key} or another database`,
        key,
      );
  }

  private market(value: unknown): MarketId {
    if (typeof value !== 'string' || !isMarketId(value))
      fail('market', `market must be one of ${MARKETS.join(', ')}, got ${String(value)}`, {
        value,
      });
    return value as MarketId;
  }

  private day(value: unknown): TradingDay {
    try {
      return TradingDay.parse(value as string);
    } catch {
      return fail('tradingDay', `tradingDay must be YYYY-MM-DD, got ${String(value)}`, { value });
    }
  }

  private instant(value: unknown, field: string): number {
    return instantMs(isoInstant(value, field, fail));
  }
}

const published = (
  price: IntervalPrice,
  interval: { readonly startMs: number; readonly endMs: number },
): PublishedPrice => ({
  interval: price.interval,
  startsAt: iso(interval.startMs),
  endsAt: iso(interval.endMs),
  priceKrwPerKwh: price.priceKrwPerKwh as KrwPerKwh | null,
  ...(price.reason === undefined ? {} : { reason: price.reason }),
});

const unclearedOf = (prices: readonly IntervalPrice[]): UnclearedInterval[] =>
  prices
    .filter((price) => price.priceKrwPerKwh === null)
    .map((price) => ({
      interval: price.interval,
      code: price.code ?? 'PRICE.NOT_CLEARED',
      reason: price.reason ?? 'the interval did not clear',
    }));
