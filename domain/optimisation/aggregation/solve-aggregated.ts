import type { IntervalBid } from '../../market/bid-curve.js';
import type { MilpModel } from '../milp-model.js';
import {
  DEFAULT_RELATIVE_GAP,
  type InfeasibilityDiagnosis,
  type MilpSolver,
} from '../milp-solver.port.js';
import { bidCurvesFromSchedules } from '../portfolio/bid-curves.js';
import { buildPortfolioModel } from '../portfolio/build-portfolio-model.js';
import { defaultTieBreakKrwPerKwh } from '../portfolio/objective.js';
import { BinaryPlan } from '../portfolio/model-context.js';
import type { CaseAsset, PortfolioCase } from '../portfolio/portfolio-case.js';
import { readSchedule, type IntervalSchedule } from '../portfolio/read-schedule.js';
import { solveCase, type OptimiserStatus, type SolveCaseOptions } from '../portfolio/solve-case.js';
import { disaggregateGroup } from './disaggregate-group.js';
import type { DrWindowShare } from './disaggregate-dispatchable.js';
import type { GroupSeries } from './disaggregate-storage.js';
import { aggregateCase, type DerGroup, type GroupingOptions } from './group-ders.js';
import { memberCostKrw } from './member-cost.js';
import { memberViolation } from './member-limits.js';
import { PortfolioPosition } from './portfolio-position.js';
import { rebalance } from './rebalance.js';
import { relaxIntegrality } from './relax-integrality.js';

export interface AggregatedSolveOptions extends SolveCaseOptions, GroupingOptions {
  /**
   * How the virtual assets are scheduled. `relaxation` (default): the aggregate's LP relaxation,
   * one solve that is both the bound and the schedule; a fleet may split (part of a DR fleet in
   * one window, part in another; some batteries charging while others discharge), which the
   * disaggregation turns into whole per-DER decisions. `solveCase`: the lazy-binary optimiser on
   * the aggregate (each virtual asset then acts as one DER), the bound from a separate LP.
   */
  readonly schedule?: 'relaxation' | 'solveCase';
  /** Every DER's setpoints in every scenario (power towards the grid per interval, kW). */
  readonly onSetpoints?: (asset: CaseAsset, scenario: number, powerKw: Float64Array) => void;
}

export interface MemberViolation {
  readonly assetId: string;
  readonly scenario: number;
  readonly message: string;
}

export interface RebalanceReport {
  /** How many virtual assets were scheduled again. */
  readonly groups: number;
  /**
   * `optimal`: they take up everything the DERs before them did; `feasible`: no schedule could,
   * and theirs misses it by `missedKwh`, the least the case allows; otherwise no schedule.
   */
  readonly status: OptimiserStatus;
  readonly solveSeconds: number;
  /** Probability-weighted kWh a `feasible` pass misses. */
  readonly missedKwh?: number;
}

export interface AggregatedResult {
  readonly status: OptimiserStatus;
  readonly ders: number;
  readonly groups: number;
  readonly schedule: 'relaxation' | 'solveCase';
  /** The virtual assets' schedule valued as the aggregate case (at least the DERs' objective). */
  readonly aggregateObjectiveKrw?: number;
  /** Probability-weighted revenue minus costs of the members' own setpoints, KRW. */
  readonly objectiveKrw?: number;
  /**
   * The passes that scheduled virtual assets again around what the DERs before them really do
   * (rebalance.ts), in order.
   */
  readonly rebalances: readonly RebalanceReport[];
  /** Proven upper bound on the case's optimum: from the aggregate's LP relaxation. */
  readonly boundKrw?: number;
  /** 100 x (bound - objective) / |bound|. */
  readonly gapPct?: number;
  /** Solver seconds, every solve together (as the solver measured them). */
  readonly solveSeconds: number;
  /** The aggregate's model, as the first pass solved it (its LP relaxation). */
  readonly modelSize: { readonly variables: number; readonly constraints: number };
  /**
   * No DER's setpoints break its own limits and their sums break none of the case's: the
   * objective is then that of a feasible schedule of the case.
   */
  readonly feasible: boolean;
  /** DER-scenario pairs whose setpoints break one of the DER's own limits (should be 0). */
  readonly perDerViolations: number;
  /** The first few, for the report. */
  readonly violations: readonly MemberViolation[];
  /** Limits of the case as a whole the summed setpoints break (meters, communities, bid link). */
  readonly portfolioViolations: readonly string[];
  /** The largest of their excesses, kW (0 when none). */
  readonly worstPortfolioViolationKw: number;
  /**
   * Energy the virtual assets were scheduled for that their members could not follow, kWh,
   * probability-weighted over scenarios (summed |deficit| x interval length).
   */
  readonly deficitKwh: number;
  /**
   * Per DER kind, what its members did not follow of their group's schedule, probability-weighted
   * kWh, before any later pass took it up (so it may exceed `deficitKwh`).
   */
  readonly deficitKwhByKind: Readonly<Partial<Record<CaseAsset['kind'], number>>>;
  /** Per scenario, the members' summed net position (export positive), kW. */
  readonly netPositionKw: readonly (readonly number[])[];
  /** From the members' net positions: what can be offered and delivered. */
  readonly bidCurves?: readonly IntervalBid[];
  /**
   * Why the aggregate is infeasible (so the case is: the aggregate is a relaxation); it names
   * virtual assets, `agg<n>-<kind>-<site>`, each the like DERs of one kind behind one meter.
   */
  readonly diagnosis?: InfeasibilityDiagnosis;
  readonly message?: string;
}

const MAX_REPORTED_VIOLATIONS = 10;

/**
 * The order in which groups are shared among their members, as stages of group indices. Those
 * whose members follow least exactly go first (DR loads give all or nothing, fuel cells start at
 * their minimum, EVs have departures); then each meter's battery groups one by one, smallest
 * first, so that each later one (the largest last) can take up what those before did not follow;
 * PV last, whose curtailment can take up what the batteries did not, and whose members follow
 * exactly.
 */
const dispatchStages = (
  groups: readonly DerGroup[],
  aggregate: PortfolioCase,
): readonly (readonly number[])[] => {
  const indices = (kinds: readonly CaseAsset['kind'][]): number[] =>
    groups.flatMap((group, g) => (kinds.includes(group.kind) ? [g] : []));
  const powerKw = (g: number): number => {
    const asset = aggregate.assets[g]!;
    return asset.kind === 'ess' ? asset.chargeKw + asset.dischargeKw : 0;
  };
  // Per meter, its battery groups smallest first; stage k holds every meter's k-th, so that the
  // number of passes is the most battery groups one meter has, not the portfolio's count.
  const bySite = new Map<string, number[]>();
  for (const g of indices(['ess'])) {
    const siteId = aggregate.assets[g]!.siteId;
    bySite.set(siteId, [...(bySite.get(siteId) ?? []), g]);
  }
  const batteryStages: number[][] = [];
  for (const site of bySite.values()) {
    site.sort((a, b) => powerKw(a) - powerKw(b) || a - b);
    site.forEach((g, k) => (batteryStages[k] ??= []).push(g));
  }
  return [
    indices(['dr_load', 'fuel_cell', 'ev_charger']),
    ...batteryStages,
    indices(['pv', 'load']),
  ].filter((stage) => stage.length > 0);
};

const DEFAULT_TIME_LIMIT_SECONDS = 60;

interface AggregateSchedule {
  readonly status: OptimiserStatus;
  readonly boundKrw?: number;
  readonly objectiveKrw?: number;
  readonly solveSeconds: number;
  readonly modelSize: { readonly variables: number; readonly constraints: number };
  /** The throughput tie-break the schedule was solved with (later passes use it too). */
  readonly tieBreakKrwPerKwh: number;
  readonly scenarios?: readonly (readonly IntervalSchedule[])[];
  readonly diagnosis?: InfeasibilityDiagnosis;
  /** Per group (aggregate asset order) and scenario, a DR group's windows with their shares. */
  readonly drWindows?: (group: number, scenario: number) => readonly DrWindowShare[] | undefined;
  readonly message?: string;
}

/**
 * Optimises a portfolio of many DERs through aggregation (pure apart from the solver):
 * 1. like DERs become virtual assets (group-ders.ts), a relaxation of the case;
 * 2. the aggregate's LP relaxation is solved: its optimum plus the most the tie-break can cost is
 *    a proven upper bound on the case's optimum (a relaxation of a relaxation);
 * 3. the virtual assets' schedule is that LP's solution (or solveCase's, see `schedule`);
 * 4. each virtual DR load, fuel cell and EV's schedule is shared among its members within each
 *    member's own limits (disaggregate-*.ts);
 * 5. what those members really do is fixed, and the batteries and PV are scheduled again around
 *    it within every limit of the case, the bid-curve link included (rebalance.ts), then shared
 *    among their members in turn;
 * 6. every member's setpoints are checked against its limits from scratch, and the case is
 *    valued on them: revenue at the meters from their sum, and each member's own costs. That is
 *    the reported objective, a feasible one whenever nothing is violated (`feasible`);
 *    gap = (bound - objective) / |bound|.
 */
export const solveAggregated = async (
  portfolioCase: PortfolioCase,
  solver: MilpSolver,
  options: AggregatedSolveOptions = {},
): Promise<AggregatedResult> => {
  const { aggregate, groups } = aggregateCase(portfolioCase, options);
  const mode = options.schedule ?? 'relaxation';
  const scheduled =
    mode === 'relaxation'
      ? await scheduleByRelaxation(aggregate, solver, options)
      : await scheduleBySolveCase(aggregate, solver, options);
  const common = {
    ders: portfolioCase.assets.length,
    groups: groups.length,
    schedule: mode,
    solveSeconds: scheduled.solveSeconds,
    modelSize: scheduled.modelSize,
    ...(scheduled.boundKrw === undefined ? {} : { boundKrw: scheduled.boundKrw }),
    ...(scheduled.objectiveKrw === undefined
      ? {}
      : { aggregateObjectiveKrw: scheduled.objectiveKrw }),
    ...(scheduled.message === undefined ? {} : { message: scheduled.message }),
    ...(scheduled.diagnosis === undefined ? {} : { diagnosis: scheduled.diagnosis }),
  };
  if (scheduled.scenarios === undefined)
    return {
      ...common,
      status: scheduled.status,
      feasible: false,
      rebalances: [],
      perDerViolations: 0,
      violations: [],
      portfolioViolations: [],
      worstPortfolioViolationKw: 0,
      deficitKwh: 0,
      deficitKwhByKind: {},
      netPositionKw: [],
    };

  const hours = portfolioCase.intervalMinutes / 60;
  const grid = {
    intervals: portfolioCase.intervals,
    intervalMinutes: portfolioCase.intervalMinutes,
  };
  const position = new PortfolioPosition(portfolioCase);
  const violations: MemberViolation[] = [];
  let perDerViolations = 0;
  const deficitKwhByKind: Partial<Record<CaseAsset['kind'], number>> = {};
  /**
   * One group's members' setpoints in one scenario, from its virtual asset's `intervals`:
   * checked, valued, handed out; returns their sum (kW towards the grid) and the deficit.
   */
  const dispatch = (g: number, s: number, intervals: readonly IntervalSchedule[]) => {
    const group = groups[g]!;
    const members = group.members.map((a) => portfolioCase.assets[a]!);
    const series = groupSeries(intervals, group.id, portfolioCase.intervals);
    const setpoints = disaggregateGroup(
      group.kind,
      members,
      series,
      grid,
      scheduled.drWindows?.(g, s),
    );
    let deficit = 0;
    for (const kw of setpoints.deficitKw) deficit += Math.abs(kw) * hours;
    const probability = portfolioCase.scenarios[s]!.probability;
    deficitKwhByKind[group.kind] = (deficitKwhByKind[group.kind] ?? 0) + probability * deficit;
    const sumKw = new Float64Array(portfolioCase.intervals);
    members.forEach((member, i) => {
      const powerKw = setpoints.powerKw[i]!;
      const message = memberViolation(member, powerKw, grid);
      if (message !== undefined) {
        perDerViolations++;
        if (violations.length < MAX_REPORTED_VIOLATIONS)
          violations.push({ assetId: member.id, scenario: s, message });
      }
      position.add(member.siteId, s, powerKw, memberCostKrw(member, powerKw, hours));
      options.onSetpoints?.(member, s, powerKw);
      for (let t = 0; t < powerKw.length; t++) sumKw[t]! += powerKw[t]!;
    });
    return { sumKw, deficitKw: setpoints.deficitKw };
  };
  // Stage by stage, the groups of a stage follow the latest schedule, and what their members
  // really do is fixed per meter; when they left something unfollowed, the later stages' groups
  // are scheduled again around it (rebalance.ts) before they follow in turn.
  const fixedKw = scheduled.scenarios.map(() => new Map<string, Float64Array>());
  // Per scenario and meter: what is off plan at one meter is not made good by another's.
  const unfollowedKw = scheduled.scenarios.map(() => new Map<string, Float64Array>());
  const rebalances: RebalanceReport[] = [];
  const stages = dispatchStages(groups, aggregate);
  let schedule = scheduled.scenarios;
  let missedKwh = 0;
  // The passes share what is left of the time limit (each gets at least a second).
  let secondsLeft =
    (options.timeLimitSeconds ?? DEFAULT_TIME_LIMIT_SECONDS) - scheduled.solveSeconds;
  for (let stage = 0; stage < stages.length; stage++) {
    const due = unfollowed(unfollowedKw) || missedKwh > 0;
    if (stage > 0 && due && secondsLeft > 0) {
      const later = new Set(stages.slice(stage).flat());
      const again = await rebalance(aggregate, fixedKw, solver, {
        groups: later,
        tieBreakKrwPerKwh: scheduled.tieBreakKrwPerKwh,
        timeLimitSeconds: Math.max(1, secondsLeft),
      });
      secondsLeft -= again.solveSeconds;
      rebalances.push({
        groups: later.size,
        status: again.status,
        solveSeconds: again.solveSeconds,
        ...(again.missedKwh === undefined ? {} : { missedKwh: again.missedKwh }),
      });
      if (again.scenarios !== undefined) {
        schedule = again.scenarios;
        for (const perSite of unfollowedKw) perSite.clear();
        // A softened pass plans around less than the others did: the rest stays unfollowed.
        missedKwh = again.status === 'feasible' ? (again.missedKwh ?? 0) : 0;
      }
    }
    schedule.forEach((intervals, s) => {
      for (const g of stages[stage]!) {
        const { sumKw, deficitKw } = dispatch(g, s, intervals);
        const siteId = aggregate.assets[g]!.siteId;
        const row = siteRow(fixedKw[s]!, siteId, portfolioCase.intervals);
        const off = siteRow(unfollowedKw[s]!, siteId, portfolioCase.intervals);
        for (let t = 0; t < row.length; t++) {
          row[t]! += sumKw[t]!;
          off[t]! += deficitKw[t]!;
        }
      }
    });
  }
  let deficitKwh = missedKwh;
  unfollowedKw.forEach((perSite, s) => {
    const probability = portfolioCase.scenarios[s]!.probability;
    for (const row of perSite.values())
      for (const kw of row) deficitKwh += probability * Math.abs(kw) * hours;
  });
  const { objectiveKrw } = position.objective();
  const netPositionKw = position.netPositionKw();
  const { messages: portfolioViolations, worstKw } = position.violations();
  const feasible = perDerViolations === 0 && portfolioViolations.length === 0;
  const gap = gapToBoundPct(objectiveKrw, scheduled.boundKrw);
  const closed =
    feasible && gap !== undefined && gap <= 100 * (options.relativeGap ?? DEFAULT_RELATIVE_GAP);
  let solveSeconds = scheduled.solveSeconds;
  for (const pass of rebalances) solveSeconds += pass.solveSeconds;
  const failed = rebalances.filter((pass) => pass.status !== 'optimal');
  const message =
    failed.length === 0
      ? scheduled.message
      : `${failed.length} of ${rebalances.length} later passes could not take up everything the ` +
        `DERs before them did (${failed.map((pass) => pass.status).join(', ')}): a feasible one ` +
        `misses it by the least the case allows, any other keeps the schedule before it`;
  return {
    ...common,
    solveSeconds,
    rebalances,
    ...(message === undefined ? {} : { message }),
    // Optimal only when the DERs' own schedule keeps every limit and closes the gap; otherwise
    // feasible with its gap (and `feasible: false` when a limit is broken).
    status: scheduled.status === 'optimal' && !closed ? 'feasible' : scheduled.status,
    feasible,
    objectiveKrw,
    ...(gap === undefined ? {} : { gapPct: gap }),
    perDerViolations,
    violations,
    portfolioViolations,
    worstPortfolioViolationKw: worstKw,
    deficitKwh,
    deficitKwhByKind,
    netPositionKw,
    bidCurves: bidCurvesFromSchedules(portfolioCase, netPositionKw, options.maxSegments ?? 10),
  };
};

const scheduleByRelaxation = async (
  aggregate: PortfolioCase,
  solver: MilpSolver,
  options: AggregatedSolveOptions,
): Promise<AggregateSchedule> => {
  const { model, index } = buildPortfolioModel(aggregate, {
    binaries: new BinaryPlan(),
    ...(options.tieBreakKrwPerKwh === undefined
      ? {}
      : { tieBreakKrwPerKwh: options.tieBreakKrwPerKwh }),
  });
  const lp = await solver.solve(relaxIntegrality(model), {
    timeLimitSeconds: options.timeLimitSeconds ?? DEFAULT_TIME_LIMIT_SECONDS,
    diagnoseInfeasibility: true,
  });
  const values = lp.values;
  const modelSize = sizeOf(model);
  if (lp.status !== 'optimal' || values === undefined || lp.objective === undefined)
    return {
      status: lp.status === 'optimal' ? 'error' : lp.status,
      solveSeconds: lp.solveSeconds,
      tieBreakKrwPerKwh: index.tieBreakKrwPerKwh,
      modelSize,
      ...(lp.message === undefined ? {} : { message: lp.message }),
      ...(lp.diagnosis === undefined ? {} : { diagnosis: lp.diagnosis }),
    };
  const schedule = readSchedule(aggregate, index, values);
  return {
    status: 'optimal',
    tieBreakKrwPerKwh: index.tieBreakKrwPerKwh,
    modelSize,
    // The economic objective is the model's plus the tie-break it paid, at most this much.
    boundKrw: lp.objective + index.maxTieBreakPenaltyKrw,
    objectiveKrw: schedule.objectiveKrw,
    solveSeconds: lp.solveSeconds,
    scenarios: schedule.scenarioSchedules.map((s) => s.intervals),
    drWindows: (group, scenario) => {
      const columns = index.scenarios[scenario]!.assets[group]!;
      if (columns.kind !== 'dr_load') return undefined;
      return columns.windows.map((w) => ({
        start: w.start,
        length: w.length,
        share: values[w.column] ?? 0,
      }));
    },
  };
};

const scheduleBySolveCase = async (
  aggregate: PortfolioCase,
  solver: MilpSolver,
  options: AggregatedSolveOptions,
): Promise<AggregateSchedule> => {
  const timeLimit = options.timeLimitSeconds ?? DEFAULT_TIME_LIMIT_SECONDS;
  const { model } = buildPortfolioModel(aggregate, {
    binaries: new BinaryPlan(),
    tieBreakKrwPerKwh: 0,
  });
  const lp = await solver.solve(relaxIntegrality(model), { timeLimitSeconds: timeLimit });
  const solved = await solveCase(aggregate, solver, {
    ...options,
    timeLimitSeconds: Math.max(timeLimit - lp.solveSeconds, 1),
  });
  const boundKrw = lp.status === 'optimal' && lp.objective !== undefined ? lp.objective : undefined;
  return {
    status: solved.status,
    ...(boundKrw === undefined ? {} : { boundKrw }),
    ...(solved.objectiveKrw === undefined ? {} : { objectiveKrw: solved.objectiveKrw }),
    solveSeconds: lp.solveSeconds + solved.solveSeconds,
    modelSize: sizeOf(model),
    tieBreakKrwPerKwh: options.tieBreakKrwPerKwh ?? defaultTieBreakKrwPerKwh(aggregate),
    ...(solved.objectiveKrw === undefined
      ? {}
      : { scenarios: solved.scenarioSchedules?.map((s) => s.intervals) ?? [solved.intervals] }),
    ...(solved.message === undefined ? {} : { message: solved.message }),
  };
};

const sizeOf = (model: MilpModel) => ({
  variables: model.variables.names.length,
  constraints: model.constraints.names.length,
});

/** Whether any member left any of its group's schedule unfollowed (beyond round-off). */
const unfollowed = (perScenario: readonly ReadonlyMap<string, Float64Array>[]): boolean =>
  perScenario.some((perSite) =>
    [...perSite.values()].some((row) => row.some((kw) => Math.abs(kw) > UNFOLLOWED_KW)),
  );

/** A meter's row of a per-meter map, created (zero) when it has none yet. */
const siteRow = (perSite: Map<string, Float64Array>, siteId: string, intervals: number) => {
  let row = perSite.get(siteId);
  if (row === undefined) {
    row = new Float64Array(intervals);
    perSite.set(siteId, row);
  }
  return row;
};
const UNFOLLOWED_KW = 1e-6;
/** The LP solvers' own optimality tolerance, relative, on the bound and on the valuation. */
const ABOVE_BOUND_TOLERANCE = 1e-5;

/**
 * 100 x (bound - objective) / |bound|: how far below the proven bound the objective may be. None
 * for an objective above the bound (beyond the solvers' tolerance): only setpoints that break a
 * limit can be worth more than every schedule of the case, and they have no gap to speak of.
 */
const gapToBoundPct = (objective: number, bound: number | undefined): number | undefined => {
  if (bound === undefined) return undefined;
  if (objective - bound > ABOVE_BOUND_TOLERANCE * Math.max(1, Math.abs(bound))) return undefined;
  const difference = Math.max(0, bound - objective);
  if (difference <= 1e-9 * Math.max(1, Math.abs(bound))) return 0;
  return Math.abs(bound) < 1e-9 ? undefined : (100 * difference) / Math.abs(bound);
};

const groupSeries = (
  intervals: readonly IntervalSchedule[],
  id: string,
  length: number,
): GroupSeries => {
  const series: GroupSeries = {
    chargeKw: new Float64Array(length),
    dischargeKw: new Float64Array(length),
    socKwh: new Float64Array(length),
    outputKw: new Float64Array(length),
    reductionKw: new Float64Array(length),
  };
  intervals.forEach((interval, t) => {
    const asset = interval.assets[id];
    if (asset === undefined) return;
    series.chargeKw[t] = asset.chargeKw ?? 0;
    series.dischargeKw[t] = asset.dischargeKw ?? 0;
    series.socKwh[t] = asset.socKwh ?? 0;
    series.outputKw[t] = asset.outputKw ?? 0;
    series.reductionKw[t] = asset.reductionKw ?? 0;
  });
  return series;
};
