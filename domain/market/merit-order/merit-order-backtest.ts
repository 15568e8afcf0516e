import { dayIndexOf, valueAt, type HourlySeries } from '../../forecasting/hourly-series.js';
import { HOURS_PER_DAY } from '../../shared/time/kpx-numbering.js';
import type { TradingDay } from '../../shared/time/trading-day.js';
import { calibrationGrid, type MeritOrderCalibration } from './calibration.js';
import { meritOrderHour, stackPriceAt } from './merit-order-price.js';
import { supplyStackFor, type SupplyStack } from './supply-stack.js';

/** The hourly inputs of a merit-order run (MW); renewables already gap-filled by the caller. */
export interface MeritOrderSeries {
  readonly demandMw: HourlySeries;
  readonly solarMw: HourlySeries;
  readonly windMw: HourlySeries;
}

/** Simulated SMP per hour of `firstDay..lastDay` (index = day * 24 + hourEnding − 1; NaN = no input). */
export interface SimulatedSmp {
  readonly firstDay: TradingDay;
  readonly smpKrwPerKwh: Float64Array;
  /** Hours whose price a coal / LNG / ... block set, by marginal kind (clearing mode only). */
  readonly marginalHours: Readonly<Record<string, number>>;
}

export type SimulationMode = 'clearing' | 'fast';

/**
 * Runs the merit order hour by hour. `clearing` clears a pay-as-clear book per hour (the engine
 * the exchange uses); `fast` reads the same price off the stack (calibration grid).
 */
export const simulateSmp = (
  series: MeritOrderSeries,
  firstDay: TradingDay,
  lastDay: TradingDay,
  calibration: MeritOrderCalibration,
  mode: SimulationMode = 'clearing',
): SimulatedSmp => {
  const days = firstDay.daysUntil(lastDay) + 1;
  const out = new Float64Array(days * HOURS_PER_DAY).fill(Number.NaN);
  const marginalHours: Record<string, number> = {};
  const stacks = new Map<number, SupplyStack>();
  for (let d = 0; d < days; d++) {
    const day = firstDay.plusDays(d);
    let stack = stacks.get(day.month);
    if (stack === undefined) {
      stack = supplyStackFor(day.month, calibration);
      stacks.set(day.month, stack);
    }
    const [di, si, wi] = [series.demandMw, series.solarMw, series.windMw].map((s) =>
      dayIndexOf(s, day),
    ) as [number, number, number];
    for (let h = 1; h <= HOURS_PER_DAY; h++) {
      const demandMw = valueAt(series.demandMw, di, h);
      const solarMw = valueAt(series.solarMw, si, h);
      const windMw = valueAt(series.windMw, wi, h);
      if (Number.isNaN(demandMw) || Number.isNaN(solarMw) || Number.isNaN(windMw)) continue;
      const at = d * HOURS_PER_DAY + h - 1;
      if (mode === 'fast') {
        out[at] = stackPriceAt(stack, demandMw - solarMw - windMw);
        continue;
      }
      const result = meritOrderHour({ stack, demandMw, solarMw, windMw });
      out[at] = result.smpKrwPerKwh ?? Number.NaN;
      const kind = result.marginalKind ?? 'none';
      marginalHours[kind] = (marginalHours[kind] ?? 0) + 1;
    }
  }
  return { firstDay, smpKrwPerKwh: out, marginalHours };
};

export interface PeriodError {
  /** 1..12, or 0 for the whole period. */
  readonly month: number;
  /** Hours with both a simulated and a real price (MAE base). */
  readonly hours: number;
  /** Of those, hours left out of MAPE because the real SMP was 0 (the ratio is undefined). */
  readonly zeroPriceHours: number;
  readonly maeKrwPerKwh: number;
  readonly mapePct: number;
  readonly meanSimulatedKrwPerKwh: number;
  readonly meanRealKrwPerKwh: number;
}

interface Accumulator {
  hours: number;
  zero: number;
  absSum: number;
  apeSum: number;
  apeHours: number;
  simSum: number;
  realSum: number;
}

const empty = (): Accumulator => ({
  hours: 0,
  zero: 0,
  absSum: 0,
  apeSum: 0,
  apeHours: 0,
  simSum: 0,
  realSum: 0,
});

const finish = (month: number, a: Accumulator): PeriodError => ({
  month,
  hours: a.hours,
  zeroPriceHours: a.zero,
  maeKrwPerKwh: a.hours === 0 ? Number.NaN : a.absSum / a.hours,
  mapePct: a.apeHours === 0 ? Number.NaN : (100 * a.apeSum) / a.apeHours,
  meanSimulatedKrwPerKwh: a.hours === 0 ? Number.NaN : a.simSum / a.hours,
  meanRealKrwPerKwh: a.hours === 0 ? Number.NaN : a.realSum / a.hours,
});

/**
 * MAE and MAPE of a simulation against the real SMP, per calendar month and for all the months
 * in `months` together (`month: 0`). MAPE skips hours whose real SMP is 0 (6 in 2024) and says
 * how many; MAE counts every hour with both prices.
 */
export const smpErrors = (
  simulated: SimulatedSmp,
  real: HourlySeries,
  months: readonly number[] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
): { readonly byMonth: readonly PeriodError[]; readonly total: PeriodError } => {
  const wanted = new Set(months);
  const perMonth = new Map<number, Accumulator>(months.map((m) => [m, empty()]));
  const total = empty();
  const days = simulated.smpKrwPerKwh.length / HOURS_PER_DAY;
  for (let d = 0; d < days; d++) {
    const day = simulated.firstDay.plusDays(d);
    if (!wanted.has(day.month)) continue;
    const ri = dayIndexOf(real, day);
    const month = perMonth.get(day.month)!;
    for (let h = 1; h <= HOURS_PER_DAY; h++) {
      const sim = simulated.smpKrwPerKwh[d * HOURS_PER_DAY + h - 1]!;
      const actual = valueAt(real, ri, h);
      if (Number.isNaN(sim) || Number.isNaN(actual)) continue;
      for (const a of [month, total]) {
        a.hours += 1;
        a.absSum += Math.abs(sim - actual);
        a.simSum += sim;
        a.realSum += actual;
        if (actual === 0) a.zero += 1;
        else {
          a.apeSum += Math.abs(sim - actual) / Math.abs(actual);
          a.apeHours += 1;
        }
      }
    }
  }
  return {
    byMonth: months.map((m) => finish(m, perMonth.get(m)!)),
    total: finish(0, total),
  };
};

export interface CalibrationFit {
  readonly best: MeritOrderCalibration;
  readonly bestMapePct: number;
  readonly evaluated: number;
}

/** Grid search of calibrationGrid() minimising MAPE over `months` (fast mode); first best wins. */
export const fitCalibration = (
  series: MeritOrderSeries,
  real: HourlySeries,
  firstDay: TradingDay,
  lastDay: TradingDay,
  months: readonly number[],
): CalibrationFit => {
  const grid = calibrationGrid();
  let best = grid[0]!;
  let bestMapePct = Number.POSITIVE_INFINITY;
  for (const candidate of grid) {
    const simulated = simulateSmp(series, firstDay, lastDay, candidate, 'fast');
    const { mapePct } = smpErrors(simulated, real, months).total;
    if (mapePct < bestMapePct) {
      best = candidate;
      bestMapePct = mapePct;
    }
  }
  return { best, bestMapePct, evaluated: grid.length };
};
