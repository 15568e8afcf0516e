import type { DerKind } from '../ders/der-parameters.js';
import { isRegistered, type DerState, type RegisteredDer } from '../ders/der.state.js';
import type { IntervalGrid } from '../shared/time/interval-grid.js';
import type { TradingDay } from '../shared/time/trading-day.js';
import { CapabilitySums, totalOf } from './capability-sums.js';
import type { CapabilityFigures, IntervalCapability } from './capability.types.js';
import { derIntervalFigures, type DerIntervalFigures } from './der-interval-figures.js';
import {
  carPresences,
  changesWithin,
  segmentAt,
  segmentsOver,
  type CarPresence,
} from './der-segments.js';
import { IsoInstants } from './interval-instants.js';

const HOUR_MS = 3_600_000;

interface DayGrid {
  readonly fromMs: number;
  readonly toMs: number;
  readonly lengthMs: number;
  readonly hours: number;
}

/**
 * The capability of `ders`, by kind, in every interval of `day` on `grid` (conventions:
 * capability.types.ts). Sums run in the order `ders` are given, so the same DERs in the same
 * order always give the same figures to the last bit.
 */
export const capabilityOf = (
  ders: Iterable<DerState>,
  day: TradingDay,
  grid: IntervalGrid,
): IntervalCapability[] => {
  const intervals = grid.intervalsPerDay;
  const lengthMs = grid.minutes * 60_000;
  const fromMs = day.startMs;
  const toMs = fromMs + intervals * lengthMs;
  const dayGrid: DayGrid = { fromMs, toMs, lengthMs, hours: lengthMs / HOUR_MS };
  const iso = new IsoInstants();
  const span = { fromMs, toMs, fromIso: iso.of(fromMs), toIso: iso.of(toMs) };
  const sums = new CapabilitySums(intervals);

  for (const der of ders) {
    if (!isRegistered(der)) continue;
    const cars = carPresences(der);
    const changes = changesWithin(der, cars, span);
    if (changes.length === 0) {
      const segment = segmentAt(der, cars, fromMs, toMs);
      // Constant all day unless a car is there, whose stored energy moves with time.
      if (segment.car === undefined) {
        const figures = derIntervalFigures([segment], 0, 0, toMs, dayGrid.hours);
        if (figures !== undefined) sums.addEverywhere(der.kind, figures);
        continue;
      }
    }
    addByInterval(sums, der, cars, changes, dayGrid);
  }

  return Array.from({ length: intervals }, (_, index): IntervalCapability => {
    const byKind: Record<DerKind, CapabilityFigures> = {
      pv: sums.figures(index, 'pv'),
      ess: sums.figures(index, 'ess'),
      dr_load: sums.figures(index, 'dr_load'),
      ev_charger: sums.figures(index, 'ev_charger'),
      fuel_cell: sums.figures(index, 'fuel_cell'),
    };
    const startMs = fromMs + index * lengthMs;
    return {
      index,
      start: iso.of(startMs),
      end: iso.of(startMs + lengthMs),
      total: totalOf(byKind),
      byKind,
    };
  });
};

/**
 * Adds, interval by interval, a DER whose state changes during the day (or that has a car). An
 * interval inside one segment without a car takes that segment's figures, computed once.
 */
const addByInterval = (
  sums: CapabilitySums,
  der: RegisteredDer,
  cars: readonly CarPresence[],
  changes: readonly number[],
  grid: DayGrid,
): void => {
  const segments = segmentsOver(der, cars, grid.fromMs, grid.toMs, changes);
  const settled = new Map<number, DerIntervalFigures | undefined>();
  let first = 0; // the first segment that may overlap the current interval
  for (let index = 0; grid.fromMs + index * grid.lengthMs < grid.toMs; index++) {
    const startMs = grid.fromMs + index * grid.lengthMs;
    const endMs = startMs + grid.lengthMs;
    while ((segments[first]?.endMs ?? Infinity) <= startMs) first++;
    let last = first;
    while ((segments[last + 1]?.startMs ?? Infinity) < endMs) last++;
    let figures: DerIntervalFigures | undefined;
    if (first === last && segments[first]?.car === undefined) {
      if (!settled.has(first))
        settled.set(first, derIntervalFigures(segments, first, first, endMs, grid.hours));
      figures = settled.get(first);
    } else figures = derIntervalFigures(segments, first, last, endMs, grid.hours);
    if (figures !== undefined) sums.addTo(index, der.kind, figures);
  }
};
