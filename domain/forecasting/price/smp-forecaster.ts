import {
  isInKoreanHolidayCoverage,
  isKoreanPublicHoliday,
} from '../../calendar/korean-holidays.js';
import { DomainError } from '../../shared/domain-error.js';
import { HOURS_PER_DAY } from '../../shared/time/kpx-numbering.js';
import { TradingDay } from '../../shared/time/trading-day.js';
import type { DayAheadForecaster, DayForecast, QuantileForecast } from '../day-ahead-forecaster.js';
import type { HourlySeries } from '../hourly-series.js';
import { quantileOfSorted, sortedFinite } from './empirical-quantile.js';
import {
  fitSmpDay,
  SMP_FEATURE_NAMES,
  type SmpDayModel,
  type SmpRegressionSettings,
} from './smp-regression.js';

export interface SmpForecasterOptions {
  readonly windowDays?: number;
  readonly minimumFitDays?: number;
  readonly residualDays?: number;
  readonly refitEveryDays?: number;
  readonly loss?: 'l1' | 'l2';
  readonly irlsIterations?: number;
  readonly irlsEpsilonKrwPerKwh?: number;
  /** Quantile levels in (0, 1), increasing; default P10 / P50 / P90. */
  readonly quantileLevels?: readonly number[];
  /** With fewer out-of-sample error days than this for an hour, no quantiles are given. */
  readonly minimumResidualDays?: number;
  /**
   * Off-days besides weekends. Default: the Korean public holiday calendar, and "not a holiday"
   * outside the years it covers (the model then only loses the holiday dummy, it does not fail).
   */
  readonly isHoliday?: (day: TradingDay) => boolean;
}

/** The SMP forecaster; `model` also gives the out-of-sample error days that scenarios are drawn from. */
export interface SmpForecaster extends DayAheadForecaster {
  readonly settings: SmpRegressionSettings;
  readonly quantileLevels: readonly number[];
  model(history: HourlySeries, targetDayIndex: number): SmpDayModel;
}

export const DEFAULT_SMP_QUANTILE_LEVELS: readonly number[] = [0.1, 0.5, 0.9];

const koreanHolidayOrUnknown = (day: TradingDay): boolean =>
  isInKoreanHolidayCoverage(day) && isKoreanPublicHoliday(day);

/**
 * Weekend or holiday by epoch day, remembered: every forecast rebuilds ~150 days of features, and
 * this keeps the date-library backed TradingDay construction out of the backtest's hot path.
 * Bounded by the number of distinct days ever asked.
 */
const offDayLookup = (isHoliday: (day: TradingDay) => boolean): ((epochDay: number) => boolean) => {
  const known = new Map<number, boolean>();
  return (epochDay) => {
    let answer = known.get(epochDay);
    if (answer === undefined) {
      // ISO weekday from the epoch day (1970-01-01 was a Thursday, ISO 4): 6 and 7 are the weekend.
      const isoWeekday = ((((epochDay + 3) % 7) + 7) % 7) + 1;
      answer = isoWeekday >= 6 || isHoliday(TradingDay.fromEpochDay(epochDay));
      known.set(epochDay, answer);
    }
    return answer;
  };
};

const invalid = (field: string, message: string): DomainError =>
  new DomainError('FORECAST.INVALID_INPUT', message, field);

const wholeNumber = (field: string, value: number, min: number, max: number): number => {
  if (!Number.isSafeInteger(value) || value < min || value > max)
    throw invalid(field, `${field} must be a whole number in ${min}..${max}, got ${value}`);
  return value;
};

/** Validates quantile levels: each in (0, 1), strictly increasing. */
export const checkQuantileLevels = (levels: readonly number[]): readonly number[] => {
  levels.forEach((level, k) => {
    if (!(level > 0 && level < 1))
      throw invalid(`quantileLevels[${k}]`, `a quantile level lies in (0, 1), got ${level}`);
    if (k > 0 && level <= (levels[k - 1] ?? 0))
      throw invalid(
        `quantileLevels[${k}]`,
        `quantile levels must increase, got ${levels.join(', ')}`,
      );
  });
  return [...levels];
};

/**
 * Hourly day-ahead SMP forecaster (KRW/kWh), the same model for the mainland and the Jeju series:
 * one regression per hour-ending on features known at D-1 (lag-1 and lag-7 same hour, yesterday's
 * mean level, off-day dummies incl. Korean public holidays), fitted by least absolute deviations on
 * a rolling window of past days. The point is read as the median: quantiles are the point plus
 * the empirical quantiles of that hour's recent out-of-sample errors, centred on their median (the
 * recent bias is not added back: in the 2024 backtest centring lowered the pinball loss).
 */
export const createSmpForecaster = (options: SmpForecasterOptions = {}): SmpForecaster => {
  const windowDays = wholeNumber('windowDays', options.windowDays ?? 60, 14, 3660);
  const settings: SmpRegressionSettings = {
    windowDays,
    minimumFitDays: wholeNumber('minimumFitDays', options.minimumFitDays ?? 28, 10, windowDays),
    residualDays: wholeNumber('residualDays', options.residualDays ?? 42, 0, 3660),
    refitEveryDays: wholeNumber('refitEveryDays', options.refitEveryDays ?? 14, 1, 366),
    loss: options.loss ?? 'l1',
    irlsIterations: wholeNumber('irlsIterations', options.irlsIterations ?? 3, 0, 100),
    irlsEpsilonKrwPerKwh: options.irlsEpsilonKrwPerKwh ?? 0.5,
    isOffDay: offDayLookup(options.isHoliday ?? koreanHolidayOrUnknown),
  };
  if (settings.loss !== 'l1' && settings.loss !== 'l2')
    throw invalid('loss', `loss is 'l1' or 'l2', got ${String(settings.loss)}`);
  if (!(settings.irlsEpsilonKrwPerKwh > 0 && Number.isFinite(settings.irlsEpsilonKrwPerKwh)))
    throw invalid('irlsEpsilonKrwPerKwh', 'irlsEpsilonKrwPerKwh must be a positive number');
  const quantileLevels = checkQuantileLevels(options.quantileLevels ?? DEFAULT_SMP_QUANTILE_LEVELS);
  const minimumResidualDays = wholeNumber(
    'minimumResidualDays',
    options.minimumResidualDays ?? 20,
    2,
    Math.max(2, settings.residualDays),
  );

  const model = (history: HourlySeries, targetDayIndex: number): SmpDayModel =>
    fitSmpDay(history, targetDayIndex, settings);

  return {
    name: 'smp-hourly-regression',
    parameters: {
      unit: 'KRW/kWh',
      features: SMP_FEATURE_NAMES.join(','),
      loss: settings.loss,
      windowDays: settings.windowDays,
      minimumFitDays: settings.minimumFitDays,
      residualDays: settings.residualDays,
      refitEveryDays: settings.refitEveryDays,
      irlsIterations: settings.irlsIterations,
      irlsEpsilonKrwPerKwh: settings.irlsEpsilonKrwPerKwh,
      holidays: options.isHoliday === undefined ? 'korean-public-holidays' : 'custom',
      quantileLevels: quantileLevels.join(','),
      quantileMethod: 'point + median-centred empirical quantile of out-of-sample errors per hour',
      minimumResidualDays,
    },
    settings,
    quantileLevels,
    model,
    forecastDay: (history: HourlySeries, targetDayIndex: number): DayForecast => {
      const fitted = model(history, targetDayIndex);
      const quantiles = errorQuantiles(fitted, quantileLevels, minimumResidualDays);
      return quantiles === undefined ? { point: fitted.point } : { point: fitted.point, quantiles };
    },
  };
};

const errorQuantiles = (
  fitted: SmpDayModel,
  levels: readonly number[],
  minimumResidualDays: number,
): QuantileForecast | undefined => {
  if (levels.length === 0) return undefined;
  const values = levels.map(() => new Float64Array(HOURS_PER_DAY).fill(Number.NaN));
  let anyHour = false;
  for (let h = 0; h < HOURS_PER_DAY; h++) {
    const point = fitted.point[h] ?? Number.NaN;
    const errors = sortedFinite(fitted.residualDays.map((day) => day[h] ?? Number.NaN));
    if (Number.isNaN(point) || errors.length < minimumResidualDays) continue;
    anyHour = true;
    const medianError = quantileOfSorted(errors, 0.5);
    levels.forEach((level, k) => {
      const row = values[k];
      // The floor is monotone, so clipping keeps the levels ordered.
      if (row !== undefined)
        row[h] = Math.max(
          fitted.floorKrwPerKwh,
          point + quantileOfSorted(errors, level) - medianError,
        );
    });
  }
  return anyHour ? { levels, values } : undefined;
};
