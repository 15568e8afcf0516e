import type { INestApplicationContext } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DateTime } from 'luxon';
import { fitCurvesToRules } from '../../domain/bidding/fit-curves-to-rules.js';
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
import {
  compactSchedules,
  portfolioDayInputs,
  shortfallOf,
  type CompactSchedules,
} from './day-ahead-bid.js';
import { deliverDay } from './deliver-day.js';
import { DeterministicSolver } from './deterministic-solver.js';
import { readPortfolioDay } from './portfolio-day.reader.js';
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
}

/** What one step of a day did; the CLI draws progress from it. */
export type SimulationStep = 'bid' | 'submit' | 'results' | 'deliver';

export interface StepReport {
  readonly day: string;
  readonly step: SimulationStep;
  /** False when the store already held the step's result (a re-run continuing). */
  readonly done: boolean;
}

interface PlannedStep {
  readonly day: TradingDay;
  readonly step: SimulationStep;
  readonly at: DateTime;
}

const FORECAST_INTERVAL_MINUTES = 60;
// The bid is built an hour before the gate (09:00 KST for a 10:00 gate), submitted half an hour before.
const BID_LEAD_MS = 60 * 60_000;
const SUBMIT_LEAD_MS = 30 * 60_000;
// solveCase needs a time limit; in deterministic mode it is never handed to the solver, and it
// is set far beyond any solve so that solveCase's own "out of time" never depends on the machine.
const SOLVE_CASE_SECONDS = 3600;
const STEP_ORDER: Readonly<Record<SimulationStep, number>> = {
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
    return steps.sort(
      (a, b) => a.at.toMillis() - b.at.toMillis() || STEP_ORDER[a.step] - STEP_ORDER[b.step],
    );
  }

  /** Loads the demo fixture when the store has not got the portfolio yet. */
  async ensurePortfolio(): Promise<boolean> {
    const id = this.settings.portfolioId;
    const existing = await this.store.readStream(toPortfolioStreamId(id), { maxCount: 1 });
    if (existing.length > 0) return false;
    if (id !== DEMO_FIXTURE.rootPortfolioId)
      throw new DomainError(
        'SIMULATION.NO_PORTFOLIO',
        `portfolio ${id} is not in the store and only the demo fixture (${DEMO_FIXTURE.rootPortfolioId}) can be loaded`,
        'portfolio',
      );
    await loadAssetFixture(this.commands, DEMO_FIXTURE, this.meta);
    return true;
  }

  async run(onStep: (report: StepReport) => void): Promise<void> {
    for (const planned of this.plan()) {
      const done = await this.runStep(planned);
      onStep({ day: planned.day.toString(), step: planned.step, done });
    }
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
    const issued = await this.forecasts.issue(
      { portfolioId, tradingDay: day.toString(), intervalMinutes: FORECAST_INTERVAL_MINUTES },
      this.meta,
    );
    const targetDayIndex = dayIndexOf(this.smp, day);
    const scenarioSeed = `${seed}:smp:${market}:${day.toString()}`;
    const scenarioSet = generateSmpScenarios({
      history: this.smp,
      targetDayIndex,
      count,
      seed: scenarioSeed,
    });
    const micros = await readPortfolioDay(
      { store: this.store, runner: this.runner, projection: this.tree },
      portfolioId,
      day,
    );
    const rules = this.calendar.rules;
    const portfolioCase = buildPortfolioCase(
      portfolioDayInputs({
        day,
        intervalMinutes: rules.dayAhead.intervalMinutes,
        forecastIntervalMinutes: issued.forecast.intervalMinutes,
        micros,
        forecast: issued.forecast.series,
        scenarios: scenarioSet.scenarios.map((s) => Array.from(s)),
        initialSocKwh: await this.plannedSoc(day),
      }),
    );
    const { model } = buildPortfolioModel(portfolioCase, { binaries: new BinaryPlan(true) });
    const result = await solveCase(
      portfolioCase,
      new DeterministicSolver(this.solver, this.settings.nodeLimit),
      { timeLimitSeconds: SOLVE_CASE_SECONDS, maxSegments: rules.curve.maxSegments },
    );
    if (
      (result.status !== 'optimal' && result.status !== 'feasible') ||
      result.bidCurves === undefined
    )
      throw new DomainError(
        'SIMULATION.NO_BID',
        `the bid for ${day.toString()} could not be built: solver status ${result.status}` +
          (result.message === undefined ? '' : ` (${result.message})`),
        'day',
      );
    const curves = fitCurvesToRules(result.bidCurves, rules.curve);
    const schedules = compactSchedules(result);
    const endSocKwh = endSocOf(result, portfolioCase);
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
          solverStatus: result.status,
          ...(result.gapPct === undefined ? {} : { gapPct: round6(result.gapPct) }),
          scenarioSchedules: toJson({ ...schedules, endSocKwh }),
          measurements: { solveSeconds: result.solveSeconds, buildSeconds },
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
            solver: result.solver ?? { name: this.solver.name, version: 'unknown' },
            status: result.status,
            ...(result.gapPct === undefined ? {} : { gapPct: round6(result.gapPct) }),
            ...(result.boundKrw === undefined ? {} : { boundKrw: Math.round(result.boundKrw) }),
            objectiveKrw: Math.round(result.objectiveKrw ?? 0),
            modelSize: {
              variables: model.variables.names.length,
              constraints: model.constraints.names.length,
              binaries: result.lazy.binaries,
            },
          },
          scenarioSchedules: toJson({ ...schedules, endSocKwh }),
          shortfall: shortfallOf(portfolioCase, curves, schedules),
          measurements: { solveSeconds: result.solveSeconds, buildSeconds },
        },
        this.meta,
      ),
    );
  }

  private async deliver(day: TradingDay, plan: DispatchPlan): Promise<void> {
    const { portfolioId, market, seed } = this.settings;
    const forecastState: ForecastDayState = await this.reader.load(
      toForecastStreamId(portfolioId, day.toString()),
      forecastDecider,
    );
    const forecast = forecastVersion(forecastState, plan.forecastVersion);
    if (forecast === undefined) throw this.missing(day, 'forecast the bid was built from');
    const micros = await readPortfolioDay(
      { store: this.store, runner: this.runner, projection: this.tree },
      portfolioId,
      day,
    );
    const noiseSeed = `${seed}:twin:${market}:${day.toString()}`;
    const { pvRelativeStd, loadRelativeStd } = this.settings;
    const prices = await this.market.fetchPrices(market, day.toString(), 'day_ahead');
    const dayAheadSmpKrwPerKwh: (number | null)[] = Array.from(
      { length: (24 * 60) / plan.intervalMinutes },
      () => null,
    );
    if (prices.status === 'published')
      for (const p of prices.prices) dayAheadSmpKrwPerKwh[p.interval] = p.priceKrwPerKwh;
    const figures = deliverDay({
      intervalMinutes: plan.intervalMinutes,
      micros,
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
  }

  private async record(day: TradingDay, command: RecordDelivery | RecordNoBid): Promise<void> {
    const { portfolioId, market } = this.settings;
    await handleCommand(
      { store: this.store, clock: this.clock, ids: this.ids },
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

/** Each scenario's battery state of charge at the end of the day, by DER id. */
const endSocOf = (
  result: Awaited<ReturnType<typeof solveCase>>,
  portfolioCase: ReturnType<typeof buildPortfolioCase>,
): Record<string, number>[] => {
  const essIds = portfolioCase.assets.filter((a) => a.kind === 'ess').map((a) => a.id);
  const schedules = result.scenarioSchedules ?? [{ intervals: result.intervals }];
  return schedules.map((s) => {
    const last = s.intervals.at(-1);
    const soc: Record<string, number> = {};
    for (const id of essIds) {
      const value = last?.assets[id]?.socKwh;
      if (value !== undefined) soc[id] = Math.round(value * 1000) / 1000;
    }
    return soc;
  });
};
