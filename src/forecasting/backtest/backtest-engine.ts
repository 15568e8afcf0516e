import type {
  DayAheadForecaster,
  DayForecast,
} from '../../../domain/forecasting/day-ahead-forecaster.js';
import {
  dayCount,
  dayIndexOf,
  type HourlySeries,
} from '../../../domain/forecasting/hourly-series.js';
import { DomainError } from '../../../domain/shared/domain-error.js';
import { HOURS_PER_DAY } from '../../../domain/shared/time/kpx-numbering.js';
import type { TradingDay } from '../../../domain/shared/time/trading-day.js';

export interface BacktestInput {
  /** The observed series: the truth forecasts are scored against, and the history they read. */
  readonly actual: HourlySeries;
  /** First and last target day, inclusive; both inside the series. */
  readonly from: TradingDay;
  readonly to: TradingDay;
  /** Every method judged, by key (e.g. model, persistence, climatology); all obey one rule. */
  readonly methods: Readonly<Record<string, DayAheadForecaster>>;
  /** Called after each target day, for a progress bar. */
  readonly onDay?: (daysDone: number, daysTotal: number) => void;
}

/** One method's forecasts on the scored hours, aligned with `AlignedHours.actual`. */
export interface MethodHours {
  readonly name: string;
  readonly parameters: DayAheadForecaster['parameters'];
  readonly point: Float64Array;
  /** Quantiles on the scored hours (`values[k][i]` for level k, scored hour i), if the method has them. */
  readonly quantiles?: {
    readonly levels: readonly number[];
    readonly values: readonly Float64Array[];
  };
  /** Hours of the period for which the method gave a point forecast (scored or not). */
  readonly forecastHours: number;
}

/**
 * The hours every method and the truth have a value for, so that all methods are compared on
 * the same hours; and how many hours of the period were left out.
 */
export interface AlignedHours {
  /** Hours in the period: days × 24. */
  readonly hours: number;
  readonly scoredHours: number;
  /** hours − scoredHours: no actual value, or some method gave no forecast. */
  readonly skippedHours: number;
  /** Hours of the period without an actual value (gaps in the data). */
  readonly missingActualHours: number;
  /** The trading day (epoch day) and hour-ending of each scored hour. */
  readonly epochDays: Int32Array;
  readonly hourEndings: Uint8Array;
  readonly actual: Float64Array;
  readonly methods: Readonly<Record<string, MethodHours>>;
}

const invalid = (message: string, field: string): DomainError =>
  new DomainError('FORECAST.INVALID_BACKTEST', message, field);

/**
 * Runs every method day by day over from..to and lines its forecasts up with the truth.
 *
 * The information rule is enforced, not trusted: each method receives a copy of the series
 * that holds only the days before the target day. The copy is made once per method and revealed
 * one day at a time (24 values per day), and the method is handed a view that ends at the target
 * day, so there is no per-day copy (fast over years of data) and the future is not even in the
 * buffer behind the view: a method cannot read it by any route. One copy per method also means
 * a method that writes into its history spoils only its own forecasts, never another's.
 */
export const runBacktest = (input: BacktestInput): AlignedHours => {
  const { actual, from, to } = input;
  const keys = Object.keys(input.methods);
  if (keys.length === 0) throw invalid('a backtest needs at least one method', 'methods');
  const firstIndex = dayIndexOf(actual, from);
  const lastIndex = dayIndexOf(actual, to);
  const days = dayCount(actual);
  if (lastIndex < firstIndex)
    throw invalid(
      `the period runs backwards: ${from.toString()} is after ${to.toString()}`,
      'from',
    );
  if (firstIndex < 0 || lastIndex >= days)
    throw invalid(
      `the period ${from.toString()}..${to.toString()} is outside the data ` +
        `(${actual.firstDay.toString()}..${actual.firstDay.plusDays(days - 1).toString()})`,
      firstIndex < 0 ? 'from' : 'to',
    );

  const periodDays = lastIndex - firstIndex + 1;
  const hours = periodDays * HOURS_PER_DAY;
  const revealed = keys.map(() => {
    const copy = new Float64Array(actual.values.length).fill(Number.NaN);
    copy.set(actual.values.subarray(0, firstIndex * HOURS_PER_DAY));
    return copy;
  });
  const points = keys.map(() => new Float64Array(hours));
  const quantiles: (QuantileBuffer | undefined)[] = keys.map(() => undefined);

  for (let d = 0; d < periodDays; d++) {
    const target = firstIndex + d;
    keys.forEach((key, m) => {
      if (target > 0) {
        const start = (target - 1) * HOURS_PER_DAY;
        revealed[m]!.set(actual.values.subarray(start, start + HOURS_PER_DAY), start);
      }
      const history: HourlySeries = {
        firstDay: actual.firstDay,
        values: revealed[m]!.subarray(0, target * HOURS_PER_DAY),
        unit: actual.unit,
      };
      const method = input.methods[key]!;
      const forecast = checkedForecast(method.forecastDay(history, target), key);
      points[m]!.set(forecast.point, d * HOURS_PER_DAY);
      if (forecast.quantiles !== undefined) {
        const buffer = (quantiles[m] ??= newQuantileBuffer(forecast.quantiles.levels, hours));
        storeQuantiles(buffer, forecast, d, key);
      } else if (quantiles[m] !== undefined)
        throw invalid(`method ${key} gave quantiles on some days and not on others`, key);
    });
    input.onDay?.(d + 1, periodDays);
  }
  return align(actual, firstIndex, hours, keys, input.methods, points, quantiles);
};

interface QuantileBuffer {
  readonly levels: readonly number[];
  readonly values: Float64Array[];
}

const newQuantileBuffer = (levels: readonly number[], hours: number): QuantileBuffer => ({
  levels: [...levels],
  values: levels.map(() => new Float64Array(hours).fill(Number.NaN)),
});

const storeQuantiles = (
  buffer: QuantileBuffer,
  forecast: DayForecast,
  d: number,
  key: string,
): void => {
  const q = forecast.quantiles!;
  const same =
    q.levels.length === buffer.levels.length &&
    q.levels.every((level, k) => level === buffer.levels[k]);
  if (!same)
    throw invalid(
      `method ${key} changed its quantile levels from [${buffer.levels.join(', ')}] to [${q.levels.join(', ')}]`,
      key,
    );
  q.values.forEach((values, k) => {
    if (values.length !== HOURS_PER_DAY)
      throw invalid(
        `method ${key} gave ${values.length} values for quantile ${q.levels[k]}, not 24`,
        key,
      );
    buffer.values[k]!.set(values, d * HOURS_PER_DAY);
  });
};

const checkedForecast = (forecast: DayForecast, key: string): DayForecast => {
  if (!(forecast.point instanceof Float64Array) || forecast.point.length !== HOURS_PER_DAY)
    throw invalid(`method ${key} must forecast 24 hours, got ${forecast.point?.length}`, key);
  if (
    forecast.quantiles !== undefined &&
    forecast.quantiles.values.length !== forecast.quantiles.levels.length
  )
    throw invalid(`method ${key} gave a different number of quantile levels and value rows`, key);
  return forecast;
};

const align = (
  actual: HourlySeries,
  firstIndex: number,
  hours: number,
  keys: readonly string[],
  methods: Readonly<Record<string, DayAheadForecaster>>,
  points: readonly Float64Array[],
  quantiles: readonly (QuantileBuffer | undefined)[],
): AlignedHours => {
  const offset = firstIndex * HOURS_PER_DAY;
  const scored: number[] = [];
  let missingActualHours = 0;
  const forecastHours = keys.map(() => 0);
  for (let i = 0; i < hours; i++) {
    const truth = actual.values[offset + i]!;
    if (Number.isNaN(truth)) missingActualHours++;
    let all = !Number.isNaN(truth);
    points.forEach((point, m) => {
      if (Number.isFinite(point[i]!)) forecastHours[m]!++;
      else all = false;
    });
    if (all) scored.push(i);
  }
  const pick = (source: Float64Array): Float64Array => Float64Array.from(scored, (i) => source[i]!);
  const startEpochDay = actual.firstDay.epochDay + firstIndex;
  const aligned: Record<string, MethodHours> = {};
  keys.forEach((key, m) => {
    const method = methods[key]!;
    const q = quantiles[m];
    aligned[key] = {
      name: method.name,
      parameters: method.parameters,
      point: pick(points[m]!),
      ...(q === undefined ? {} : { quantiles: { levels: q.levels, values: q.values.map(pick) } }),
      forecastHours: forecastHours[m]!,
    };
  });
  return {
    hours,
    scoredHours: scored.length,
    skippedHours: hours - scored.length,
    missingActualHours,
    epochDays: Int32Array.from(scored, (i) => startEpochDay + Math.floor(i / HOURS_PER_DAY)),
    hourEndings: Uint8Array.from(scored, (i) => (i % HOURS_PER_DAY) + 1),
    actual: Float64Array.from(scored, (i) => actual.values[offset + i]!),
    methods: aligned,
  };
};
