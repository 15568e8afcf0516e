import type { HourlySeries } from '../../../../domain/forecasting/hourly-series.js';
import { HOURS_PER_DAY } from '../../../../domain/shared/time/kpx-numbering.js';
import { SeededRandom } from '../../../../domain/shared/seeded-random.js';
import { TradingDay } from '../../../../domain/shared/time/trading-day.js';

/** Office-like daily shape: low at night, high 9..18 h. */
export const dayShape = (hourIndex: number): number =>
  hourIndex >= 8 && hourIndex < 18 ? 1.4 : hourIndex >= 6 && hourIndex < 21 ? 1.0 : 0.6;

/** Level by ISO weekday: Mon..Fri 100, Sat 70, Sun 50. */
export const weekdayLevel = (day: TradingDay): number => {
  const isoWeekday = ((((day.epochDay + 3) % 7) + 7) % 7) + 1;
  return isoWeekday === 7 ? 50 : isoWeekday === 6 ? 70 : 100;
};

export interface SyntheticLoadSpec {
  readonly firstDay: string;
  readonly days: number;
  readonly seed?: number;
  /** Relative noise (standard deviation) on every hour; default 0. */
  readonly noise?: number;
  /** Level of a day; default weekdayLevel. */
  readonly level?: (day: TradingDay) => number;
  /** Extra relative load per degree below 18 °C, given the temperature series. */
  readonly heatingPerDegree?: number;
  readonly temperature?: HourlySeries;
}

/** A winter-like temperature series: a seeded random walk around 3 °C plus a daily cycle. */
export const syntheticTemperature = (firstDay: string, days: number, seed = 7): HourlySeries => {
  const random = new SeededRandom(seed).derive('temperature');
  const values = new Float64Array(days * HOURS_PER_DAY);
  let dailyMean = 3;
  for (let d = 0; d < days; d++) {
    dailyMean = 3 + 0.6 * (dailyMean - 3) + random.normal(0, 4);
    for (let h = 0; h < HOURS_PER_DAY; h++)
      values[d * HOURS_PER_DAY + h] = dailyMean + 4 * Math.sin(((h - 9) / 24) * 2 * Math.PI);
  }
  return { firstDay: TradingDay.parse(firstDay), values, unit: '°C' };
};

export const syntheticLoad = (spec: SyntheticLoadSpec): HourlySeries => {
  const firstDay = TradingDay.parse(spec.firstDay);
  const random = new SeededRandom(spec.seed ?? 1).derive('load');
  const values = new Float64Array(spec.days * HOURS_PER_DAY);
  for (let d = 0; d < spec.days; d++) {
    const day = firstDay.plusDays(d);
    const level = (spec.level ?? weekdayLevel)(day);
    for (let h = 0; h < HOURS_PER_DAY; h++) {
      const temperature = spec.temperature?.values[d * HOURS_PER_DAY + h] ?? 18;
      const heating = (spec.heatingPerDegree ?? 0) * Math.max(0, 18 - temperature);
      const noise = spec.noise === undefined ? 0 : random.normal(0, spec.noise);
      values[d * HOURS_PER_DAY + h] = level * dayShape(h) * (1 + heating) * (1 + noise);
    }
  }
  return { firstDay, values, unit: 'kWh' };
};

/** Mean absolute error of a forecast against the series' own day `dayIndex`. */
export const dayMae = (series: HourlySeries, dayIndex: number, point: Float64Array): number => {
  let sum = 0;
  for (let h = 0; h < HOURS_PER_DAY; h++)
    sum += Math.abs((series.values[dayIndex * HOURS_PER_DAY + h] ?? Number.NaN) - (point[h] ?? 0));
  return sum / HOURS_PER_DAY;
};
