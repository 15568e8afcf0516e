import { DomainError } from '../../shared/domain-error.js';
import { HOURS_PER_DAY } from '../../shared/time/kpx-numbering.js';
import type { TradingDay } from '../../shared/time/trading-day.js';
import type { DayAheadForecaster, DayForecast } from '../day-ahead-forecaster.js';
import { dayCount, dayIndexOf, type HourlySeries } from '../hourly-series.js';
import { quantilesFromScaledErrors } from './error-quantiles.js';
import {
  koreanHolidayCalendar,
  LoadDayClassifier,
  type HolidayCalendar,
  type LoadDayType,
} from './load-day-type.js';
import { SimilarDayModel, type SimilarDayForecast } from './similar-day-profile.js';
import {
  degrees,
  fitTemperatureResponse,
  temperatureFactor,
  type DegreeBases,
  type TemperatureResponse,
  type TemperatureSample,
} from './temperature-response.js';

export interface LoadForecasterOptions {
  /**
   * Hourly air temperature (°C) on the same KST hour grid as the load (its firstDay may differ).
   * The target day's values are a weather forecast, an input like the calendar; past days'
   * values are what the temperature term is fitted on. Without it there is no temperature term.
   */
  readonly temperature?: HourlySeries;
  /** Public holidays; default: the Korean calendar (days outside its years count as ordinary). */
  readonly isHoliday?: HolidayCalendar;
  /** Most recent days of the target's type averaged for the daily shape (default 4). */
  readonly similarDays?: number;
  /** Weight of the j-th most recent similar day is recencyDecay^j (default 0.8). */
  readonly recencyDecay?: number;
  /** Examples of a rare day type (holidays, Seollal/Chuseok) used, however old (default 3). */
  readonly rareSimilarDays?: number;
  /** Days' worth of the fallback type's shape blended into a rarer type's shape (default 2). */
  readonly fallbackPriorDays?: number;
  /** Most recent regular days the current level is read from (default 2). */
  readonly levelDays?: number;
  /** Weight of the j-th most recent level day is levelDecay^j (default 0.6). */
  readonly levelDecay?: number;
  /** How far back the level is searched, for meters with gaps (default 28 days). */
  readonly levelLookbackDays?: number;
  /** Past days whose out-of-sample errors give the quantiles (default 56). */
  readonly errorWindowDays?: number;
  /** Past days the temperature term is fitted on (default 91: one season). */
  readonly temperatureWindowDays?: number;
  /** Days' worth of data each hour's temperature slopes are shrunk toward the pooled slopes by (default 30). */
  readonly temperatureHourPriorDays?: number;
  /** Heating balance temperature, °C (default 18). */
  readonly heatingBaseC?: number;
  /** Cooling balance temperature, °C (default 24). */
  readonly coolingBaseC?: number;
  /** Quantile levels (default P10, P50, P90). */
  readonly quantileLevels?: readonly number[];
}

const DEFAULTS = {
  similarDays: 4,
  recencyDecay: 0.8,
  rareSimilarDays: 3,
  fallbackPriorDays: 2,
  levelDays: 2,
  levelDecay: 0.6,
  levelLookbackDays: 28,
  errorWindowDays: 56,
  temperatureWindowDays: 91,
  temperatureHourPriorDays: 30,
  heatingBaseC: 18,
  coolingBaseC: 24,
} as const;

const DEFAULT_LEVELS: readonly number[] = [0.1, 0.5, 0.9];

type Settings = { -readonly [K in keyof typeof DEFAULTS]: number };

const invalid = (field: string, message: string): DomainError =>
  new DomainError('FORECAST.INVALID_INPUT', message, field);

const settingsOf = (options: LoadForecasterOptions): Settings => {
  const settings: Settings = { ...DEFAULTS };
  for (const key of Object.keys(DEFAULTS) as (keyof Settings)[]) {
    const value = options[key];
    if (value !== undefined) settings[key] = value;
  }
  const counts = [
    'similarDays',
    'rareSimilarDays',
    'levelDays',
    'levelLookbackDays',
    'errorWindowDays',
    'temperatureWindowDays',
  ] as const;
  for (const key of counts)
    if (!Number.isSafeInteger(settings[key]) || settings[key] < 1)
      throw invalid(key, `${key} is a whole number of days ≥ 1, got ${settings[key]}`);
  for (const key of ['recencyDecay', 'levelDecay'] as const)
    if (!(settings[key] > 0 && settings[key] <= 1))
      throw invalid(key, `${key} is a weight ratio in (0, 1], got ${settings[key]}`);
  for (const key of ['fallbackPriorDays', 'temperatureHourPriorDays'] as const)
    if (!(Number.isFinite(settings[key]) && settings[key] >= 0))
      throw invalid(key, `${key} is a finite number ≥ 0, got ${settings[key]}`);
  if (!Number.isFinite(settings.heatingBaseC) || !Number.isFinite(settings.coolingBaseC))
    throw invalid('heatingBaseC', 'the balance temperatures must be finite numbers of °C');
  if (settings.heatingBaseC > settings.coolingBaseC)
    throw invalid(
      'heatingBaseC',
      `the heating base (${settings.heatingBaseC} °C) must not exceed the cooling base (${settings.coolingBaseC} °C)`,
    );
  return settings;
};

const levelsOf = (levels: readonly number[] | undefined): readonly number[] => {
  if (levels === undefined) return DEFAULT_LEVELS;
  levels.forEach((level, k) => {
    if (!(level > 0 && level < 1) || (k > 0 && !(level > (levels[k - 1] ?? 0))))
      throw invalid(
        `quantileLevels[${k}]`,
        `quantile levels are increasing numbers in (0, 1), got [${levels.join(', ')}]`,
      );
  });
  return [...levels];
};

/** One forecast call's view of the data: day types, temperatures and actuals by day index. */
class ForecastContext {
  /** Index of the history's first day in the temperature series. */
  private readonly temperatureOffset: number;

  constructor(
    readonly history: HourlySeries,
    private readonly classifier: LoadDayClassifier,
    private readonly temperature: HourlySeries | undefined,
  ) {
    this.temperatureOffset =
      temperature === undefined ? 0 : temperature.firstDay.daysUntil(history.firstDay);
  }

  readonly dayType = (dayIndex: number): LoadDayType =>
    this.classifier.typeOfEpochDay(this.history.firstDay.epochDay + dayIndex);

  actual(dayIndex: number, hourIndex: number): number {
    return this.history.values[dayIndex * HOURS_PER_DAY + hourIndex] ?? Number.NaN;
  }

  temperatureAt(dayIndex: number, hourIndex: number): number {
    if (this.temperature === undefined) return Number.NaN;
    const index = dayIndex + this.temperatureOffset;
    if (index < 0) return Number.NaN;
    return this.temperature.values[index * HOURS_PER_DAY + hourIndex] ?? Number.NaN;
  }
}

/**
 * Heating and cooling degrees of (dayIndex, hour) minus the weighted degrees of the days the
 * similar-day forecast took its level from: the temperature change the forecast has not seen.
 */
const degreeDeltas = (
  context: ForecastContext,
  bases: DegreeBases,
  dayIndex: number,
  hourIndex: number,
  base: SimilarDayForecast,
): readonly [number, number] | undefined => {
  const target = context.temperatureAt(dayIndex, hourIndex);
  if (!Number.isFinite(target)) return undefined;
  let heating = 0;
  let cooling = 0;
  let weightSum = 0;
  base.levelDayIndexes.forEach((levelDay, j) => {
    const t = context.temperatureAt(levelDay, hourIndex);
    if (!Number.isFinite(t)) return;
    const weight = base.levelWeights[j] ?? 0;
    const [h, c] = degrees(t, bases);
    heating += weight * h;
    cooling += weight * c;
    weightSum += weight;
  });
  if (weightSum === 0) return undefined;
  const [targetHeating, targetCooling] = degrees(target, bases);
  return [targetHeating - heating / weightSum, targetCooling - cooling / weightSum];
};

const applyTemperature = (
  context: ForecastContext,
  bases: DegreeBases,
  response: TemperatureResponse,
  dayIndex: number,
  base: SimilarDayForecast,
): Float64Array =>
  base.point.map((value, h) => {
    const deltas = degreeDeltas(context, bases, dayIndex, h, base);
    return deltas === undefined
      ? value
      : value * temperatureFactor(response, h, deltas[0], deltas[1]);
  });

/**
 * The load model for sites (kWh per hour of one meter), DR loads and the national demand (MW):
 * - similar days: the daily shape of the most recent days of the target's day type (weekday,
 *   first business day after a day off, Saturday, Sunday, holiday, Seollal/Chuseok run, first
 *   business day after one: see load-day-type.ts), weighted by recency, scaled to the level of
 *   the last regular days (similar-day-profile.ts);
 * - with a temperature series, a heating/cooling degree term per hour fitted by least squares on
 *   the recent past's out-of-sample errors (temperature-response.ts);
 * - P10/P50/P90 from the scaled out-of-sample errors of the same model over the recent past.
 * Every past forecast used for fitting or for errors reads only days before its own day, and all
 * of them lie before the target: the DayAheadForecaster information rule holds throughout.
 * Short histories and gaps degrade the forecast (fewer examples, fallback shapes, plain recent
 * hour means) instead of failing; with no history at all every hour is NaN.
 */
export const createLoadForecaster = (options: LoadForecasterOptions = {}): DayAheadForecaster => {
  const settings = settingsOf(options);
  const levels = levelsOf(options.quantileLevels);
  // Day types depend on the date and the calendar only, so one cache serves every call.
  const classifier = new LoadDayClassifier(options.isHoliday ?? koreanHolidayCalendar);
  const temperature = options.temperature;
  const bases: DegreeBases = {
    heatingBaseC: settings.heatingBaseC,
    coolingBaseC: settings.coolingBaseC,
  };
  const profileSettings = {
    similarDays: settings.similarDays,
    recencyDecay: settings.recencyDecay,
    rareSimilarDays: settings.rareSimilarDays,
    fallbackPriorDays: settings.fallbackPriorDays,
    levelDays: settings.levelDays,
    levelDecay: settings.levelDecay,
    levelLookbackDays: settings.levelLookbackDays,
  };

  const forecastDay = (history: HourlySeries, targetDayIndex: number): DayForecast => {
    if (!Number.isSafeInteger(targetDayIndex))
      throw invalid('targetDayIndex', `a day index is a whole number, got ${targetDayIndex}`);
    const limit = Math.min(targetDayIndex, dayCount(history));
    if (limit <= 0) return { point: new Float64Array(HOURS_PER_DAY).fill(Number.NaN) };
    const context = new ForecastContext(history, classifier, temperature);
    const baseOf = (dayIndex: number): SimilarDayForecast =>
      new SimilarDayModel(history, context.dayType, profileSettings, dayIndex).forecast(
        context.dayType(dayIndex),
      );
    const target = baseOf(targetDayIndex);
    if (target.point.every((value) => Number.isNaN(value))) return { point: target.point };

    const window = Math.max(
      settings.errorWindowDays,
      temperature === undefined ? 0 : settings.temperatureWindowDays,
    );
    const past: { dayIndex: number; base: SimilarDayForecast }[] = [];
    for (let d = Math.max(1, limit - window); d < limit; d++)
      past.push({ dayIndex: d, base: baseOf(d) });

    let point = target.point;
    let pastPoints = past.map(({ base }) => base.point);
    if (temperature !== undefined) {
      const response = fitTemperatureResponse(
        temperatureSamples(context, bases, past, limit - settings.temperatureWindowDays),
        settings.temperatureHourPriorDays,
      );
      point = applyTemperature(context, bases, response, targetDayIndex, target);
      pastPoints = past.map(({ dayIndex, base }) =>
        applyTemperature(context, bases, response, dayIndex, base),
      );
    }

    const scaledErrors: number[] = [];
    past.forEach(({ dayIndex }, k) => {
      if (dayIndex < limit - settings.errorWindowDays) return;
      const forecast = pastPoints[k];
      if (forecast === undefined) return;
      for (let h = 0; h < HOURS_PER_DAY; h++) {
        const actual = context.actual(dayIndex, h);
        const predicted = forecast[h] ?? Number.NaN;
        if (!Number.isFinite(actual) || !Number.isFinite(predicted)) continue;
        if (predicted === 0) {
          // A zero forecast has no scale: only a hit says something (no spread).
          if (actual === 0) scaledErrors.push(0);
          continue;
        }
        scaledErrors.push((actual - predicted) / Math.abs(predicted));
      }
    });
    const quantiles = quantilesFromScaledErrors(point, scaledErrors, levels);
    return quantiles === undefined ? { point } : { point, quantiles };
  };

  return {
    name: temperature === undefined ? 'load-similar-day' : 'load-similar-day-temperature',
    parameters: {
      ...settings,
      quantileLevels: levels.join(','),
      temperature: temperature !== undefined,
      holidays: options.isHoliday === undefined ? 'korean-public' : 'custom',
    },
    forecastDay,
  };
};

/** The temperature term's training set: past days in the fit window, hours with all inputs. */
const temperatureSamples = (
  context: ForecastContext,
  bases: DegreeBases,
  past: readonly { dayIndex: number; base: SimilarDayForecast }[],
  firstDayIndex: number,
): TemperatureSample[] => {
  const samples: TemperatureSample[] = [];
  for (const { dayIndex, base } of past) {
    if (dayIndex < firstDayIndex) continue;
    for (let h = 0; h < HOURS_PER_DAY; h++) {
      const actual = context.actual(dayIndex, h);
      const predicted = base.point[h] ?? Number.NaN;
      if (!Number.isFinite(actual) || !(predicted > 0)) continue;
      const deltas = degreeDeltas(context, bases, dayIndex, h, base);
      if (deltas === undefined) continue;
      samples.push({
        hourIndex: h,
        heatingDelta: deltas[0],
        coolingDelta: deltas[1],
        relativeError: actual / predicted - 1,
      });
    }
  }
  return samples;
};

/** A DR load's expected consumption for one day: the load model's forecast plus the day's total. */
export interface DrLoadDayForecast extends DayForecast {
  readonly day: TradingDay;
  /** The meter series' unit, e.g. 'kWh' (per hour); the total is in the same unit. */
  readonly unit: string;
  /** Sum of the 24 point values; NaN when any hour cannot be forecast. */
  readonly dailyTotal: number;
}

/**
 * The expected consumption of a DR load (one customer's hourly meter series) on `day`, from the
 * same model as every other load. It reads only meter values before `day`, so the history may
 * already hold part of the day. This is the "what would it have used" forecast, distinct from the
 * KPX customer baseline load (CBL), which is a settlement rule (domain/forecasting/cbl/).
 */
export const forecastDrLoadDay = (
  meterHistory: HourlySeries,
  day: TradingDay,
  options: LoadForecasterOptions = {},
): DrLoadDayForecast => {
  const forecast = createLoadForecaster(options).forecastDay(
    meterHistory,
    dayIndexOf(meterHistory, day),
  );
  let dailyTotal = 0;
  for (const value of forecast.point) dailyTotal += value;
  return { ...forecast, day, unit: meterHistory.unit, dailyTotal };
};
