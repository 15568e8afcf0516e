import type { INestApplicationContext } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DateTime } from 'luxon';
import {
  strategyOfSolver,
  type BidStrategy,
} from '../../domain/bidding/strategies/bid-strategy.js';
import { buildPortfolioCase } from '../../domain/bidding/portfolio-case.builder.js';
import {
  bidDecider,
  bidExists,
  bidStreamId,
  type BidAward,
  type BidState,
} from '../../domain/bids/index.js';
import { forecastDecider } from '../../domain/forecasting/forecast-decider.js';
import { toForecastStreamId } from '../../domain/forecasting/forecast-ids.js';
import { forecastVersion, type ForecastDayState } from '../../domain/forecasting/forecast-state.js';
import { dayIndexOf, type HourlySeries } from '../../domain/forecasting/hourly-series.js';
import { generateSmpScenarios } from '../../domain/forecasting/price/smp-scenarios.js';
import { MarketCalendar } from '../../domain/market/market-calendar.js';
import { marketRules, type MarketId } from '../../domain/market/market-rules.js';
import { buildPortfolioModel } from '../../domain/optimisation/portfolio/build-portfolio-model.js';
import { BinaryPlan } from '../../domain/optimisation/portfolio/model-context.js';
import type { PortfolioCase } from '../../domain/optimisation/portfolio/portfolio-case.js';
import { solveCase } from '../../domain/optimisation/portfolio/solve-case.js';
import { toPortfolioStreamId } from '../../domain/portfolios/index.js';
import { CLOCK } from '../../domain/shared/clock.port.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import { ID_GENERATOR, type IdGenerator } from '../../domain/shared/id-generator.port.js';
import type { TradingDay } from '../../domain/shared/time/trading-day.js';
import { BidSubmissionService } from '../bids/bid-submission.service.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { MARKET_ADAPTER } from '../bids/market-adapter/market-adapter.provider.js';
import type { MarketAdapter } from '../../market-adapters/market-adapter.port.js';
import { DraftBidCommand, type BidKeyRequest } from '../bids/bid.commands.js';
import type { AssetFixture } from '../fixtures/asset-fixture.js';
import { DEMO_FIXTURE } from '../fixtures/demo-fixture.js';
import { loadAssetFixture } from '../fixtures/load-asset-fixture.js';
import { ForecastIssuingService } from '../forecasting/issue/forecast-issuing.service.js';
import type { SimulatedClock } from '../infrastructure/clock/simulated-clock.js';
import { AggregateReader } from '../infrastructure/command-handling/aggregate-reader.js';
import type { CommandMeta } from '../infrastructure/command-handling/decider-command.js';
import { handleCommand } from '../infrastructure/command-handling/handle-command.js';
import { EVENT_STORE, type EventStore } from '../infrastructure/event-store/event-store.port.js';
import { ProjectionRunner } from '../infrastructure/projections/projection-runner.js';
import { PortfolioTreeProjection } from '../portfolios/portfolio-tree/portfolio-tree.projection.js';
import { portfolioDayInputs, type CompactSchedules } from './day-ahead-bid.js';
import { deliverDay } from './deliver-day.js';
import { optimisedDecision, ruleDecision, type BidDecision } from './strategies/bid-decision.js';
import { aggregatedDecision, shouldAggregate } from './strategies/aggregated-decision.js';
import { DeterministicSolver } from './deterministic-solver.js';
import { evSessionsOfDay } from './ev-session-plan.js';
import { readPortfolioDay, withSessionsAndCommunities } from './portfolio-day.reader.js';
import { SiteMeterRecorder } from './site-meter.recorder.js';
import {
  assessInTwin,
  DELIVERABILITY_SAMPLES,
  twinShortfallFigures,
} from './twin-deliverability.js';
import { UpcasterRegistry } from '../infrastructure/event-store/upcasting/upcaster-registry.js';
import { demoMeterHistory } from './demo-meter-history.js';
import { PlanEvSessionCommand } from '../ders/ev-sessions/ev-session.commands.js';
import {
  FORECASTING_CONFIG,
  type ForecastingConfig,
} from '../forecasting/issue/forecasting-config.js';
import {
  simulationDayDecider,
  simulationDayStreamId,
  type RecordDelivery,
  type RecordNoBid,
  type SimulationDayState,
} from './simulation-day.events.js';
import type { JsonValue } from '../../domain/shared/json.js';
import { isoUtc } from '../market/day-ahead-calendar.js';
import type { MilpSolver } from '../../domain/optimisation/milp-solver.port.js';

export interface SimulationSettings {
  readonly portfolioId: string;
  readonly market: MarketId;
  readonly days: readonly TradingDay[];
  readonly seed: string;
  readonly scenarios: number;
  /** Branch-and-bound nodes per MILP solve (a deterministic limit; glpk.js runs to completion). */
  readonly nodeLimit: number;
  readonly pvRelativeStd: number;
  readonly loadRelativeStd: number;
  /** How bids are made (default optimised): domain/bidding/strategies/. */
  readonly strategy?: BidStrategy;
  /** What an empty store is loaded with (default the demo fixture); its root is `portfolioId`. */
  readonly fixture?: AssetFixture;
  /**
   * The day after the last one, bid, submitted and awarded but not delivered: the business bids D+1
   * before it delivers D, so a run extended by more days later continues forward in time (its next
   * gate is still ahead). Unset where that day cannot be traded (no SMP or merit-order data).
   */
  readonly lookAheadDay?: TradingDay;
}

/** What one step of a day did; the CLI draws progress from it ('forecast' is part of 'bid'). */
export type SimulationStep = 'forecast' | 'bid' | 'submit' | 'results' | 'deliver';

export interface StepReport {
  readonly day: string;
  readonly step: SimulationStep;
  /** False when the store already held the step's result (a re-run continuing). */
  readonly done: boolean;
}

interface PlannedStep {
  readonly day: TradingDay;
  readonly step: Exclude<SimulationStep, 'forecast'>;
  readonly at: DateTime;
}

const FORECAST_INTERVAL_MINUTES = 60;
// The bid is built an hour before the gate (09:00 KST for a 10:00 gate), submitted half an hour before.
const BID_LEAD_MS = 60 * 60_000;
const SUBMIT_LEAD_MS = 30 * 60_000;
// solveCase needs a time limit; in deterministic mode it is never handed to the solver, and it
// is set far beyond any solve so that solveCase's own "out of time" never depends on the machine.
const SOLVE_CASE_SECONDS = 3600;
const STEP_ORDER: Readonly<Record<PlannedStep['step'], number>> = {
  deliver: 0,
  bid: 1,
  submit: 2,
  results: 3,
};

/**
 * Runs `gridfolio simulate` on a simulated clock, day by day, in the order things happen:
 * - D-1 09:00 KST (an hour before the gate): the forecasts as known then, SMP scenarios from the
 *   history up to D-1, the bid built (portfolio case, stochastic MILP) and drafted;
 * - D-1 09:30 (half an hour before the gate): submitted through the market adapter (the
 *   in-process simulated KPX);
 * - D-1 15:00 (the results time): the results fetched and the awards recorded (ClearBid);
 * - D+1 00:00 (the end of D): the digital twin's delivery of D recorded on `simulation-...-D`.
 * Days interleave (D+1 is bid on D-1... D, before D is delivered), as they do in the market.
 * Every step checks the store first, so a re-run continues where the last one stopped.
 */
export class SimulationService {
  private readonly commands: CommandBus;
  private readonly reader: AggregateReader;
  private readonly store: EventStore;
  private readonly ids: IdGenerator;
  private readonly forecasts: ForecastIssuingService;
  private readonly bids: BidSubmissionService;
  private readonly market: MarketAdapter;
  private readonly calendar: MarketCalendar;
  private readonly runner: ProjectionRunner;
  private readonly tree: PortfolioTreeProjection;
  private readonly meta: CommandMeta = { actor: 'job:simulate' };
  private onStep: (report: StepReport) => void = () => undefined;
  private readonly meters: SiteMeterRecorder;
  private readonly loadHistoryDays: number;
  private readonly schemas: UpcasterRegistry;

  constructor(
    app: INestApplicationContext,
    private readonly clock: SimulatedClock,
    private readonly smp: HourlySeries,
    private readonly solver: MilpSolver,
    private readonly settings: SimulationSettings,
  ) {
    this.commands = app.get(CommandBus);
    this.reader = app.get(AggregateReader);
    this.store = app.get<EventStore>(EVENT_STORE);
    this.ids = app.get<IdGenerator>(ID_GENERATOR);
    this.forecasts = app.get(ForecastIssuingService);
    this.bids = app.get(BidSubmissionService);
    this.market = app.get<MarketAdapter>(MARKET_ADAPTER);
    // The gate the application holds bids to (DAY_AHEAD_GATE_KST), every other rule by default.
    const { dayAheadGateKst } = app.get<AppConfig>(APP_CONFIG);
    this.calendar = new MarketCalendar(marketRules(settings.market, { dayAheadGateKst }));
    this.runner = app.get(ProjectionRunner);
    this.tree = app.get(PortfolioTreeProjection);
    this.meters = new SiteMeterRecorder(
      { store: this.store, clock, ids: this.ids },
      app.get<AppConfig>(APP_CONFIG).meterToleranceRatio,
      this.meta.actor,
    );
    this.loadHistoryDays = app.get<ForecastingConfig>(FORECASTING_CONFIG).loadHistoryDays;
    this.schemas = app.get(UpcasterRegistry);
    if (app.get(CLOCK) !== clock) throw new Error('the application does not run on this clock');
  }

  /** The steps of the run in time order (stable for equal instants). */
  plan(): readonly PlannedStep[] {
    const steps: PlannedStep[] = [];
    for (const day of this.settings.days) {
      const { dayAheadGateMs, dayAheadResultsMs } = this.calendar.timelineOf(day);
      const at = (ms: number) => DateTime.fromMillis(ms, { zone: 'utc' });
      steps.push({ day, step: 'bid', at: at(dayAheadGateMs - BID_LEAD_MS) });
      steps.push({ day, step: 'submit', at: at(dayAheadGateMs - SUBMIT_LEAD_MS) });
      steps.push({ day, step: 'results', at: at(dayAheadResultsMs) });
      steps.push({ day, step: 'deliver', at: day.endUtc });
    }
    const next = this.settings.lookAheadDay;
    if (next !== undefined && !this.settings.days.some((d) => d.equals(next))) {
      const { dayAheadGateMs, dayAheadResultsMs } = this.calendar.timelineOf(next);
      const at = (ms: number) => DateTime.fromMillis(ms, { zone: 'utc' });
      steps.push({ day: next, step: 'bid', at: at(dayAheadGateMs - BID_LEAD_MS) });
      steps.push({ day: next, step: 'submit', at: at(dayAheadGateMs - SUBMIT_LEAD_MS) });
      steps.push({ day: next, step: 'results', at: at(dayAheadResultsMs) });
    }
    return steps.sort(
      (a, b) => a.at.toMillis() - b.at.toMillis() || STEP_ORDER[a.step] - STEP_ORDER[b.step],
    );
  }

  /** Loads the demo fixture when the store has not got the portfolio yet. */
  async ensurePortfolio(): Promise<boolean> {
    const id = this.settings.portfolioId;
    const existing = await this.store.readStream(toPortfolioStreamId(id), { maxCount: 1 });
    if (existing.length > 0) return false;
    const fixture = this.settings.fixture ?? DEMO_FIXTURE;
    if (id !== fixture.rootPortfolioId)
      throw new DomainError(
        'SIMULATION.NO_PORTFOLIO',
        `portfolio ${id} is not in the store and only the ${fixture.name} fixture (${fixture.rootPortfolioId}) can be loaded`,
        'portfolio',
      );
    await loadAssetFixture(this.commands, fixture, this.meta);
    // The demo's sites come with metered history, so the first day's load forecast has some.
    const first = this.settings.days.reduce((a, b) => (b.epochDay < a.epochDay ? b : a));
    await this.meters.record(
      demoMeterHistory(
        (await this.readPortfolio(first)).micros,
        first,
        this.loadHistoryDays,
        this.settings.seed,
      ),
    );
    return true;
  }

  async run(onStep: (report: StepReport) => void): Promise<void> {
    this.onStep = onStep;
    await this.assertSameStrategy();
    for (const planned of this.plan()) {
      const done = await this.runStep(planned);
      onStep({ day: planned.day.toString(), step: planned.step, done });
    }
  }

  /**
   * A run continued on a store keeps the strategy it started with: days bid by one strategy and
   * days by another would make one summary of two experiments. Checked on the run's own days, the
   * day it bids ahead, and the day before its first (what a run extended by more days continues
   * from), before any step.
   */
  private async assertSameStrategy(): Promise<void> {
    const wanted = this.settings.strategy ?? 'optimised';
    const first = this.settings.days.reduce((a, b) => (b.epochDay < a.epochDay ? b : a));
    const ahead = this.settings.lookAheadDay;
    for (const day of [first.previous(), ...this.settings.days, ...(ahead ? [ahead] : [])]) {
      const made = await this.strategyInStore(day);
      if (made === undefined || made === wanted) continue;
      throw new DomainError(
        'SIMULATION.STRATEGY_MISMATCH',
        `the store's bid for ${day.toString()} was made by the ${made} strategy, not ${wanted}: ` +
          `continue this store with --strategy ${made}, or start over with --fresh`,
        'strategy',
      );
    }
  }

  /** Which strategy decided a day in the store (its bid or its recorded no-bid), if any did. */
  private async strategyInStore(day: TradingDay): Promise<BidStrategy | undefined> {
    const bid = await this.loadBid(day);
    if (bidExists(bid)) return strategyOfSolver(bid.draft.provenance.solver.name);
    const { portfolioId, market } = this.settings;
    const record = await this.reader.load(
      simulationDayStreamId(portfolioId, market, day.toString()),
      simulationDayDecider,
    );
    return record.noBid === undefined ? undefined : strategyOfSolver(record.noBid.solverStatus);
  }

  private advanceTo(at: DateTime): void {
    if (at.toMillis() > this.clock.now().toMillis()) this.clock.advanceTo(at);
  }

  private key(day: TradingDay): BidKeyRequest {
    return {
      portfolioId: this.settings.portfolioId,
      market: this.settings.market,
      tradingDay: day.toString(),
    };
  }

  private loadBid(day: TradingDay): Promise<BidState> {
    const { portfolioId, market } = this.settings;
    return this.reader.load(bidStreamId(portfolioId, market, day.toString()), bidDecider);
  }

  /** Runs one step unless the store already has its result; true when it did something. */
  private async runStep({ day, step, at }: PlannedStep): Promise<boolean> {
    const bid = await this.loadBid(day);
    const simulated = await this.loadSimulationDay(day);
    if (step !== 'deliver' && simulated.noBid !== undefined) return false;
    switch (step) {
      case 'bid':
        if (bidExists(bid)) return false;
        this.mustBeBeforeGate(day);
        this.advanceTo(at);
        await this.buildBid(day);
        return true;
      case 'submit':
        if (!bidExists(bid)) throw this.missing(day, 'a drafted bid');
        if (bid.status !== 'drafted' && bid.status !== 'submitted') return false;
        this.mustBeBeforeGate(day);
        this.advanceTo(at);
        await this.bids.submit(this.key(day), undefined, this.meta);
        return true;
      case 'results': {
        if (!bidExists(bid)) throw this.missing(day, 'a drafted bid');
        if (bid.status !== 'acknowledged') return false;
        this.advanceTo(at);
        const results = await this.bids.fetchAndRecordResults(this.key(day), this.meta);
        if (results.status !== 'cleared')
          throw new DomainError(
            'SIMULATION.NOT_CLEARED',
            `the exchange gave no awards for ${day.toString()}: ${JSON.stringify(results)}`,
            'day',
          );
        return true;
      }
      case 'deliver': {
        if (simulated.delivery !== undefined) return false;
        const plan = this.dispatchPlan(day, bid, simulated);
        this.advanceTo(at);
        await this.deliver(day, plan);
        return true;
      }
    }
  }

  /**
   * A continued run cannot go back in simulated time: a day whose gate the store's clock has
   * passed (e.g. a run extended by more days after its last delivery) can no longer be bid.
   */
  private mustBeBeforeGate(day: TradingDay): void {
    const gateMs = this.calendar.timelineOf(day).dayAheadGateMs;
    const now = this.clock.now();
    if (now.toMillis() >= gateMs)
      throw new DomainError(
        'SIMULATION.GATE_PASSED',
        `the store's simulated time is already ${isoUtc(now)}, past the day-ahead gate of ` +
          `${day.toString()}; a run continues forward in time only: run it with --fresh ` +
          '(or into another --store) to simulate these days',
        'days',
        { day: day.toString(), simulatedNow: isoUtc(now) },
      );
  }

  private missing(day: TradingDay, what: string): DomainError {
    return new DomainError(
      'SIMULATION.INCONSISTENT_STORE',
      `${day.toString()} has no ${what} in the store; run with --fresh to start over`,
      'day',
    );
  }

  /** What the twin follows: the bid's schedules and awards, or the unbid day's schedules. */
  private dispatchPlan(
    day: TradingDay,
    bid: BidState,
    simulated: SimulationDayState,
  ): DispatchPlan {
    if (simulated.noBid !== undefined)
      return {
        intervalMinutes: this.calendar.rules.dayAhead.intervalMinutes,
        forecastVersion: simulated.noBid.forecastVersion,
        schedules: fromJson(simulated.noBid.scenarioSchedules),
        awards: [],
        submissionId: null,
      };
    if (!bidExists(bid) || bid.awards === undefined)
      throw this.missing(day, 'a cleared bid (was it rejected by the exchange?)');
    return {
      intervalMinutes: bid.intervalMinutes,
      forecastVersion: bid.draft.provenance.forecastVersion,
      schedules: fromJson(bid.draft.scenarioSchedules),
      awards: bid.awards,
      submissionId: bid.submissions.at(-1)?.submissionId ?? null,
    };
  }

  private loadSimulationDay(day: TradingDay): Promise<SimulationDayState> {
    const { portfolioId, market } = this.settings;
    return this.reader.load(
      simulationDayStreamId(portfolioId, market, day.toString()),
      simulationDayDecider,
    );
  }

  /**
   * Where each battery starts day D: as the previous day's dispatched schedule leaves it
   * (D-1's awards are known at D-2 15:00, before D is bid); the twin's actual state may differ.
   */
  private async plannedSoc(day: TradingDay): Promise<Record<string, number>> {
    const before = day.previous();
    const previous = await this.loadBid(before);
    const simulated = await this.loadSimulationDay(before);
    if (simulated.noBid === undefined && (!bidExists(previous) || previous.awards === undefined))
      return {};
    const plan = this.dispatchPlan(before, previous, simulated);
    const schedules = plan.schedules;
    const endSoc = schedules.endSocKwh;
    if (endSoc === undefined) return {};
    const last = (24 * 60) / plan.intervalMinutes - 1;
    const award = plan.awards.find((a) => a.interval === last);
    const net = award === undefined ? 0 : award.awardedSellKw - award.awardedBuyKw;
    let best = 0;
    schedules.scenarios.forEach((s, i) => {
      const current = schedules.scenarios[best]?.netPositionKw[last] ?? 0;
      if (Math.abs((s.netPositionKw[last] ?? 0) - net) < Math.abs(current - net)) best = i;
    });
    return { ...(endSoc[best] ?? {}) };
  }

  /** What the twin's batteries actually held at the end of the previous day, if delivered. */
  private async actualSoc(day: TradingDay): Promise<Record<string, number>> {
    const state = await this.loadSimulationDay(day.previous());
    return { ...(state.delivery?.essFinalSocKwh ?? {}) };
  }

  private async buildBid(day: TradingDay): Promise<void> {
    const { portfolioId, market, seed, scenarios: count } = this.settings;
    const buildStart = performance.now();
    await this.planEvSessions(day);
    const issued = await this.forecasts.issue(
      { portfolioId, tradingDay: day.toString(), intervalMinutes: FORECAST_INTERVAL_MINUTES },
      this.meta,
    );
    this.onStep({ day: day.toString(), step: 'forecast', done: true });
    const targetDayIndex = dayIndexOf(this.smp, day);
    const scenarioSeed = `${seed}:smp:${market}:${day.toString()}`;
    const scenarioSet = generateSmpScenarios({
      history: this.smp,
      targetDayIndex,
      count,
      seed: scenarioSeed,
    });
    const portfolio = await this.readPortfolio(day);
    const micros = portfolio.micros;
    const initialSocKwh = await this.plannedSoc(day);
    const rules = this.calendar.rules;
    const portfolioCase = buildPortfolioCase(
      withSessionsAndCommunities(
        portfolioDayInputs({
          day,
          intervalMinutes: rules.dayAhead.intervalMinutes,
          forecastIntervalMinutes: issued.forecast.intervalMinutes,
          micros,
          forecast: issued.forecast.series,
          scenarios: scenarioSet.scenarios.map((s) => Array.from(s)),
          initialSocKwh,
        }),
        portfolio,
      ),
    );
    const strategy = this.settings.strategy ?? 'optimised';
    const decision =
      strategy === 'optimised'
        ? await this.optimise(day, portfolioCase)
        : ruleDecision(strategy, portfolioCase, rules.curve);
    const { curves, schedules } = decision;
    const buildSeconds = (performance.now() - buildStart) / 1000;
    if (curves.length === 0) {
      await this.record(day, {
        type: 'RecordNoBid',
        data: {
          portfolioId,
          market,
          tradingDay: day.toString(),
          reason:
            `no interval offers the market minimum of ${rules.curve.minQuantityKw} kW ` +
            `(quantities in steps of ${rules.curve.quantityStepKw} kW)`,
          forecastVersion: issued.forecast.version,
          solverStatus: decision.statusLabel,
          ...(decision.gapPct === undefined ? {} : { gapPct: round6(decision.gapPct) }),
          scenarioSchedules: toJson(schedules),
          measurements: { solveSeconds: decision.solveSeconds, buildSeconds },
          decidedAt: isoUtc(this.clock.now()),
        },
      });
      return;
    }
    await this.commands.execute(
      new DraftBidCommand(
        this.key(day),
        {
          bidId: this.ids.next(),
          intervalMinutes: portfolioCase.intervalMinutes,
          intervals: curves,
          provenance: {
            forecastVersion: issued.forecast.version,
            scenarioSetId: `smp-${scenarioSet.method}-${scenarioSeed}`,
            scenarioSeed,
            scenarioCount: scenarioSet.count,
            solver: decision.solver ?? { name: this.solver.name, version: 'unknown' },
            status: decision.status,
            ...(decision.gapPct === undefined ? {} : { gapPct: round6(decision.gapPct) }),
            ...(decision.boundKrw === undefined ? {} : { boundKrw: Math.round(decision.boundKrw) }),
            objectiveKrw: Math.round(decision.objectiveKrw),
            modelSize: decision.modelSize,
          },
          scenarioSchedules: toJson(schedules),
          shortfall: twinShortfallFigures(
            assessInTwin({
              delivery: {
                dayStartMs: day.startMs,
                intervalMinutes: portfolioCase.intervalMinutes,
                micros,
                communities: portfolio.communities,
                forecast: issued.forecast.series,
                schedules,
                initialSocKwh,
              },
              curves,
              priceSequences: generateSmpScenarios({
                history: this.smp,
                targetDayIndex,
                count: DELIVERABILITY_SAMPLES,
                seed: `${scenarioSeed}:deliverability`,
              }).scenarios.map((s) => Array.from(s)),
            }),
          ),
          measurements: { solveSeconds: decision.solveSeconds, buildSeconds },
        },
        this.meta,
      ),
    );
  }

  /** The scenario MILP's bid for the day's case (the optimised strategy). */
  private async optimise(day: TradingDay, portfolioCase: PortfolioCase): Promise<BidDecision> {
    const rules = this.calendar.rules;
    if (shouldAggregate(portfolioCase))
      return aggregatedDecision(
        day.toString(),
        portfolioCase,
        new DeterministicSolver(this.solver, this.settings.nodeLimit),
        { timeLimitSeconds: SOLVE_CASE_SECONDS, curveRules: rules.curve },
      );
    const { model } = buildPortfolioModel(portfolioCase, { binaries: new BinaryPlan(true) });
    const result = await solveCase(
      portfolioCase,
      new DeterministicSolver(this.solver, this.settings.nodeLimit),
      { timeLimitSeconds: SOLVE_CASE_SECONDS, maxSegments: rules.curve.maxSegments },
    );
    const size = {
      variables: model.variables.names.length,
      constraints: model.constraints.names.length,
    };
    return optimisedDecision(day.toString(), portfolioCase, result, size, rules.curve);
  }

  private async deliver(day: TradingDay, plan: DispatchPlan): Promise<void> {
    const { portfolioId, market, seed } = this.settings;
    const forecastState: ForecastDayState = await this.reader.load(
      toForecastStreamId(portfolioId, day.toString()),
      forecastDecider,
    );
    const forecast = forecastVersion(forecastState, plan.forecastVersion);
    if (forecast === undefined) throw this.missing(day, 'forecast the bid was built from');
    const portfolio = await this.readPortfolio(day);
    const noiseSeed = `${seed}:twin:${market}:${day.toString()}`;
    const { pvRelativeStd, loadRelativeStd } = this.settings;
    const prices = await this.market.fetchPrices(market, day.toString(), 'day_ahead');
    const dayAheadSmpKrwPerKwh: (number | null)[] = Array.from(
      { length: (24 * 60) / plan.intervalMinutes },
      () => null,
    );
    if (prices.status === 'published')
      for (const p of prices.prices) dayAheadSmpKrwPerKwh[p.interval] = p.priceKrwPerKwh;
    const { figures, siteConsumptionKwh } = deliverDay({
      dayStartMs: day.startMs,
      intervalMinutes: plan.intervalMinutes,
      micros: portfolio.micros,
      communities: portfolio.communities,
      forecast: forecast.series,
      schedules: plan.schedules,
      awards: plan.awards,
      initialSocKwh: await this.actualSoc(day),
      noise: { seed: noiseSeed, pvRelativeStd, loadRelativeStd },
    });
    await this.record(day, {
      type: 'RecordDelivery',
      data: {
        portfolioId,
        market,
        tradingDay: day.toString(),
        intervalMinutes: plan.intervalMinutes,
        submissionId: plan.submissionId,
        noiseSeed,
        pvRelativeStd,
        loadRelativeStd,
        ...figures,
        dayAheadSmpKrwPerKwh,
        deliveredAt: isoUtc(this.clock.now()),
      },
    });
    // What the sites consumed goes to their meters, as a meter feed would send it: the next
    // days' load forecasts learn from it.
    await this.meters.record(
      portfolio.micros.flatMap((micro) => {
        const energyKwh = siteConsumptionKwh[micro.microVppId];
        return energyKwh === undefined
          ? []
          : [
              {
                siteId: micro.settings.siteId,
                day: day.toString(),
                dayStartMs: day.startMs,
                intervalMinutes: plan.intervalMinutes,
                energyKwh,
                gridImportLimitKw: micro.settings.gridImportLimitKw,
                gridExportLimitKw: micro.settings.gridExportLimitKw,
              },
            ];
      }),
    );
  }

  private readPortfolio(day: TradingDay): ReturnType<typeof readPortfolioDay> {
    return readPortfolioDay(
      { store: this.store, runner: this.runner, projection: this.tree },
      this.settings.portfolioId,
      day,
    );
  }

  /** The day's EV sessions as the fleet's booking announces them before the bid (seeded). */
  private async planEvSessions(day: TradingDay): Promise<void> {
    const { micros } = await this.readPortfolio(day);
    for (const { derId, session } of evSessionsOfDay(micros, day, this.settings.seed))
      await this.commands.execute(new PlanEvSessionCommand(derId, session, this.meta));
  }

  private async record(day: TradingDay, command: RecordDelivery | RecordNoBid): Promise<void> {
    const { portfolioId, market } = this.settings;
    await handleCommand(
      { store: this.store, clock: this.clock, ids: this.ids, schemas: this.schemas },
      simulationDayStreamId(portfolioId, market, day.toString()),
      simulationDayDecider,
      command,
      { commandId: this.ids.next(), actor: this.meta.actor },
    );
  }
}

/** What the twin follows on a day. */
interface DispatchPlan {
  readonly intervalMinutes: number;
  readonly forecastVersion: number;
  readonly schedules: CompactSchedules;
  readonly awards: readonly BidAward[];
  readonly submissionId: string | null;
}

// The schedules are opaque JSON on the streams (BidDrafted.scenarioSchedules); this module alone
// writes them, as CompactSchedules, so it reads them back as such.
const toJson = (schedules: CompactSchedules): JsonValue => schedules as unknown as JsonValue;
const fromJson = (json: JsonValue): CompactSchedules => json as unknown as CompactSchedules;

const round6 = (value: number): number => Math.round(value * 1e6) / 1e6;
