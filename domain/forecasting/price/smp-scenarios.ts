import { DomainError } from '../../shared/domain-error.js';
import { SeededRandom, type Seed } from '../../shared/seeded-random.js';
import { HOURS_PER_DAY } from '../../shared/time/kpx-numbering.js';
import type { QuantileForecast } from '../day-ahead-forecaster.js';
import { dayAt, dayCount, type HourlySeries } from '../hourly-series.js';
import { quantileOfSorted, sortedFinite } from './empirical-quantile.js';
import { normalScoreCorrelation, shrunkCholesky } from './gaussian-copula.js';
import { standardNormalCdf } from './normal-distribution.js';
import { checkQuantileLevels, createSmpForecaster, type SmpForecaster } from './smp-forecaster.js';
import { SMP_FEATURE_LAG_DAYS } from './smp-regression.js';

/**
 * 'gaussian-copula': each hour keeps its own empirical error distribution, and the dependence
 * between hours is a Gaussian copula fitted to the normal scores of whole-day error vectors; gives
 * N distinct scenarios however few error days there are.
 * 'day-bootstrap': each scenario adds one whole past day's error vector, drawn with replacement;
 * keeps the exact joint shape of past days but repeats them when N exceeds the days available.
 */
export type SmpScenarioMethod = 'gaussian-copula' | 'day-bootstrap';

export interface SmpScenarioInput {
  /** Hourly SMP in KRW/kWh; only days before `targetDayIndex` are read. */
  readonly history: HourlySeries;
  /** The trading day to generate, as an index into `history` (may be the day after its end). */
  readonly targetDayIndex: number;
  readonly count: number;
  readonly seed: Seed;
  /** Default: `createSmpForecaster()`. */
  readonly forecaster?: SmpForecaster;
  /** Default 'gaussian-copula'. */
  readonly method?: SmpScenarioMethod;
  /** Levels of the summary quantiles; default the forecaster's levels. */
  readonly quantileLevels?: readonly number[];
}

/** N equally likely price paths for the 24 hours of one trading day: the bid builder's input. */
export interface SmpScenarioSet {
  readonly tradingDay: string;
  readonly unit: 'KRW/kWh';
  readonly count: number;
  /** 1 / count: every scenario is equally likely. */
  readonly probabilityEach: number;
  /** `scenarios[s][hourEnding - 1]`, KRW/kWh. */
  readonly scenarios: readonly Float64Array[];
  /** The model's point forecast (the median the scenarios spread around). */
  readonly pointKrwPerKwh: Float64Array;
  /** Per-hour quantiles of the scenarios themselves. */
  readonly quantiles: QuantileForecast;
  readonly seed: Seed;
  readonly method: SmpScenarioMethod;
  /** Whole days of out-of-sample errors the scenarios were drawn from. */
  readonly errorDaysUsed: number;
  /** Shrinkage toward independent hours applied to the copula correlation (0 for bootstrap). */
  readonly correlationShrinkage: number;
}

export const MAX_SMP_SCENARIOS = 10_000;
/** Fewer complete days of out-of-sample errors than this cannot describe a 24-hour joint spread. */
export const MIN_SMP_SCENARIO_ERROR_DAYS = 20;
const COPULA_SHRINKAGE = 0.02;

/**
 * The days of history the generator needs before the target day, for a forecaster's settings:
 * a week for the lag features, one minimum fit window, then the error days.
 */
export const smpScenarioHistoryDaysNeeded = (forecaster: SmpForecaster): number =>
  SMP_FEATURE_LAG_DAYS + forecaster.settings.minimumFitDays + MIN_SMP_SCENARIO_ERROR_DAYS;

const invalid = (field: string, message: string, details?: Record<string, unknown>): DomainError =>
  new DomainError('FORECAST.INVALID_INPUT', message, field, details);

/**
 * Generates `count` equally likely joint SMP scenarios for the trading day at `targetDayIndex`:
 * point forecast + a joint 24-hour error drawn from the model's recent out-of-sample errors
 * (centred on their per-hour median, so the point stays the median). Deterministic for a seed.
 * Prices are floored at 0 unless the history read holds negative prices.
 */
export const generateSmpScenarios = (input: SmpScenarioInput): SmpScenarioSet => {
  const { history, targetDayIndex, count, seed } = input;
  const method = input.method ?? 'gaussian-copula';
  if (!Number.isSafeInteger(count) || count < 1 || count > MAX_SMP_SCENARIOS)
    throw invalid('count', `count must be a whole number in 1..${MAX_SMP_SCENARIOS}, got ${count}`);
  if (method !== 'gaussian-copula' && method !== 'day-bootstrap')
    throw invalid(
      'method',
      `method is 'gaussian-copula' or 'day-bootstrap', got ${String(method)}`,
    );
  if (
    !Number.isSafeInteger(targetDayIndex) ||
    targetDayIndex < 0 ||
    targetDayIndex > dayCount(history)
  )
    throw invalid(
      'targetDayIndex',
      `targetDayIndex must be a whole number in 0..${dayCount(history)} (the day after the history), got ${targetDayIndex}`,
    );
  const forecaster = input.forecaster ?? createSmpForecaster();
  const levels = checkQuantileLevels(input.quantileLevels ?? forecaster.quantileLevels);
  const tradingDay = dayAt(history, targetDayIndex).toString();
  const needed = smpScenarioHistoryDaysNeeded(forecaster);
  const insufficient = (reason: string): DomainError =>
    new DomainError(
      'FORECAST.INSUFFICIENT_HISTORY',
      `SMP scenarios for ${tradingDay} need at least ${needed} days of history before it (` +
        `${SMP_FEATURE_LAG_DAYS} for the lag features, ${forecaster.settings.minimumFitDays} to fit, ` +
        `${MIN_SMP_SCENARIO_ERROR_DAYS} complete days of forecast errors): ${reason}`,
      'history',
      { tradingDay, neededDays: needed, availableDays: targetDayIndex },
    );
  if (targetDayIndex < needed) throw insufficient(`only ${targetDayIndex} days are available`);

  const model = forecaster.model(history, targetDayIndex);
  const missingHour = model.point.findIndex((value) => !Number.isFinite(value));
  if (missingHour >= 0)
    throw insufficient(`no price is known for hour-ending ${missingHour + 1} in the last week`);
  const errorDays = model.residualDays.filter((day) => day.every(Number.isFinite));
  if (errorDays.length < MIN_SMP_SCENARIO_ERROR_DAYS)
    throw insufficient(`only ${errorDays.length} of the recent days have a complete error vector`);

  const sortedErrors = Array.from({ length: HOURS_PER_DAY }, (_, h) =>
    sortedFinite(errorDays.map((day) => day[h] ?? Number.NaN)),
  );
  const medians = sortedErrors.map((errors) => quantileOfSorted(errors, 0.5));
  const random = new SeededRandom(seed).derive(`smp-scenarios:${tradingDay}:${method}`);
  const floor = model.floorKrwPerKwh;
  const price = (h: number, error: number): number =>
    Math.max(floor, (model.point[h] ?? 0) + error - (medians[h] ?? 0));

  const scenarios: Float64Array[] = [];
  let shrinkage = 0;
  if (method === 'day-bootstrap') {
    for (let s = 0; s < count; s++) {
      const day = errorDays[random.nextInt(0, errorDays.length - 1)] ?? errorDays[0];
      scenarios.push(
        Float64Array.from({ length: HOURS_PER_DAY }, (_, h) => price(h, day?.[h] ?? 0)),
      );
    }
  } else {
    const factor = shrunkCholesky(
      normalScoreCorrelation(errorDays, HOURS_PER_DAY),
      HOURS_PER_DAY,
      COPULA_SHRINKAGE,
    );
    shrinkage = factor.shrinkage;
    const independent = new Float64Array(HOURS_PER_DAY);
    for (let s = 0; s < count; s++) {
      for (let h = 0; h < HOURS_PER_DAY; h++) independent[h] = random.normal();
      const scenario = new Float64Array(HOURS_PER_DAY);
      for (let h = 0; h < HOURS_PER_DAY; h++) {
        let z = 0;
        for (let k = 0; k <= h; k++)
          z += (factor.lower[h * HOURS_PER_DAY + k] ?? 0) * (independent[k] ?? 0);
        const errors = sortedErrors[h] ?? new Float64Array(0);
        scenario[h] = price(h, quantileOfSorted(errors, standardNormalCdf(z)));
      }
      scenarios.push(scenario);
    }
  }

  return {
    tradingDay,
    unit: 'KRW/kWh',
    count,
    probabilityEach: 1 / count,
    scenarios,
    pointKrwPerKwh: Float64Array.from(model.point),
    quantiles: scenarioQuantiles(scenarios, levels),
    seed,
    method,
    errorDaysUsed: errorDays.length,
    correlationShrinkage: shrinkage,
  };
};

const scenarioQuantiles = (
  scenarios: readonly Float64Array[],
  levels: readonly number[],
): QuantileForecast => {
  const values = levels.map(() => new Float64Array(HOURS_PER_DAY));
  for (let h = 0; h < HOURS_PER_DAY; h++) {
    const sorted = sortedFinite(scenarios.map((scenario) => scenario[h] ?? Number.NaN));
    levels.forEach((level, k) => {
      const row = values[k];
      if (row !== undefined) row[h] = quantileOfSorted(sorted, level);
    });
  }
  return { levels: [...levels], values };
};
