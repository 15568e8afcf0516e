import type { DrLoadParameters } from '../ders/der-parameters.js';
import type { Kw, Kwh } from '../shared/units.js';
import type { AssetPlan, IntervalContext } from './asset-plan.js';
import type { DeviationReason, DrLimit } from './twin-actuals.types.js';
import type { TwinAsset } from './twin-setup.types.js';
import type { DrState } from './twin-state.js';
import { TOLERANCE_KW, capAt } from './twin-tolerance.js';

interface DrOutcome {
  readonly reductionKw: number;
  readonly limit: DrLimit | null;
  readonly next: DrState;
}

/**
 * An activation is a run of consecutive intervals with a positive request. Its first interval is
 * refused when the day has no activation left, when the day's hours cannot fit its minimum
 * duration, or when one interval already exceeds its maximum; a run that reaches the maximum
 * duration or the day's hours is cut there. A refused run stays refused until the request ends.
 * A request that ends before the minimum duration does not stop the load: it holds its reduction
 * until the minimum is met (as long as the maximum and the day's hours allow), as a process that
 * was switched off would. A request below the block of an all-or-nothing load counts as no
 * request. A request counts as an activation even when a zero baseline leaves nothing to shed.
 * Notice time is the dispatcher's concern: the twin does not know when an instruction was sent.
 */
const decide = (
  p: DrLoadParameters,
  s: DrState,
  requestKw: number,
  baselineKw: number,
  minutes: number,
  reasons: DeviationReason[],
): DrOutcome => {
  // Hours may be decimals (2.05 h): a hair of slack keeps 2.05 x 60 from falling short of 123 min.
  const budgetMinutes = p.maxHoursPerDay * 60 + 1e-6;
  // All or nothing: the load sheds everything it draws, up to its maximum, or nothing.
  const blockKw = Math.min(p.maxReductionKw, baselineKw);
  const partial = p.allOrNothing && requestKw > TOLERANCE_KW && requestKw < blockKw - TOLERANCE_KW;
  const refuse = (limit: DrLimit): DrOutcome => ({
    reductionKw: 0,
    limit,
    next: { ...s, activeMinutes: null, heldKw: 0 as Kw, refusedRun: limit },
  });
  const deliver = (
    reductionKw: number,
    active: number,
    activations: number,
    limit: DrLimit | null,
  ) => ({
    reductionKw,
    limit,
    next: {
      ...s,
      activationsToday: activations,
      minutesToday: s.minutesToday + minutes,
      activeMinutes: active + minutes,
      heldKw: reductionKw as Kw,
      refusedRun: null,
    },
  });
  if (requestKw <= TOLERANCE_KW || partial) {
    const active = s.activeMinutes;
    const hold =
      active !== null &&
      active < p.minDurationMinutes &&
      active + minutes <= p.maxDurationMinutes &&
      s.minutesToday + minutes <= budgetMinutes;
    if (hold)
      return deliver(Math.min(s.heldKw, baselineKw), active, s.activationsToday, 'min_duration');
    const next: DrState = { ...s, activeMinutes: null, heldKw: 0 as Kw, refusedRun: null };
    return { reductionKw: 0, limit: partial ? 'all_or_nothing' : null, next };
  }
  if (s.refusedRun !== null) return { reductionKw: 0, limit: s.refusedRun, next: s };
  const starting = s.activeMinutes === null;
  const active = s.activeMinutes ?? 0;
  if (starting && s.activationsToday >= p.maxActivationsPerDay)
    return refuse('max_activations_per_day');
  const neededMinutes = starting ? Math.max(p.minDurationMinutes, minutes) : minutes;
  if (active + minutes > p.maxDurationMinutes) return refuse('max_duration');
  if (s.minutesToday + neededMinutes > budgetMinutes) return refuse('max_hours_per_day');
  const ratedKw = capAt(requestKw, p.maxReductionKw, 'clipped_by_rating', reasons);
  // A load cannot reduce below drawing nothing.
  const limit = ratedKw > baselineKw + TOLERANCE_KW ? 'baseline' : null;
  const activations = s.activationsToday + (starting ? 1 : 0);
  return deliver(Math.min(ratedKw, baselineKw), active, activations, limit);
};

/** A DR load's reduction below its given baseline; the grid limiter never touches it. */
export const planDrLoad = (
  { derId, parameters }: TwinAsset<DrLoadParameters>,
  prior: DrState,
  requestKw: number,
  baselineKw: number,
  ctx: IntervalContext,
): AssetPlan => {
  // Daily counters (and a refusal tied to them) restart at 00:00 KST; a running activation goes on.
  const state: DrState =
    prior.day === ctx.day
      ? prior
      : { ...prior, day: ctx.day, activationsToday: 0, minutesToday: 0, refusedRun: null };
  const reasons: DeviationReason[] = [];
  const outcome = decide(parameters, state, requestKw, baselineKw, ctx.minutes, reasons);
  const { reductionKw, next } = outcome;
  // A rule that changed nothing (a hold at a baseline of 0) is no deviation.
  const limit = Math.abs(reductionKw - requestKw) > TOLERANCE_KW ? outcome.limit : null;
  if (limit !== null) reasons.push('dr_limit');
  return {
    derId,
    kind: 'dr_load',
    plannedKw: reductionKw,
    baselineKw,
    exportReliefKw: 0,
    importReliefKw: 0,
    settle: () => ({
      actual: {
        derId,
        kind: 'dr_load',
        setpointKw: requestKw as Kw,
        actualKw: reductionKw as Kw,
        energyKwh: (reductionKw * ctx.hours) as Kwh,
        reasons,
        baselineKw: baselineKw as Kw,
        loadKw: (baselineKw - reductionKw) as Kw,
        drLimit: limit,
        activationMinutes: next.activeMinutes ?? 0,
      },
      state: next,
    }),
  };
};
