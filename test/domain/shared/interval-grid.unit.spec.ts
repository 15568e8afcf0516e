import fc from 'fast-check';
import { DateTime } from 'luxon';
import {
  ALLOWED_INTERVAL_MINUTES,
  IntervalGrid,
  intervalsOf,
} from '../../../domain/shared/time/interval-grid.js';
import { Interval } from '../../../domain/shared/time/interval.js';
import { TradingDay } from '../../../domain/shared/time/trading-day.js';
import { expectDomainError } from '../../support/expect-domain-error.js';
import { instantArb, tradingDayArb } from '../../support/time-arbitraries.js';

const day = TradingDay.parse('2024-06-01');
const utc = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' });

describe('IntervalGrid', () => {
  it.each([
    [60, 24],
    [30, 48],
    [15, 96],
    [5, 288],
  ])('given %p-minute intervals, a trading day has %p of them', (minutes, count) => {
    const grid = IntervalGrid.of(minutes);
    const intervals = intervalsOf(day, minutes);
    expect(grid.intervalsPerDay).toBe(count);
    expect(intervals).toHaveLength(count);
    expect(intervals[0]?.start.equals(day.startUtc)).toBe(true);
    expect(intervals.at(-1)?.end.equals(day.endUtc)).toBe(true);
    expect(intervals.every((interval) => interval.durationMinutes === minutes)).toBe(true);
  });

  it('starts the 15-minute grid at 00:00 KST and numbers intervals from 0', () => {
    const grid = IntervalGrid.of(15);
    expect(grid.intervalAt(day, 0).toString()).toBe(
      '2024-05-31T15:00:00.000Z/2024-05-31T15:15:00.000Z',
    );
    expect(grid.indexOf(utc('2024-05-31T15:14:59.999'))).toBe(0);
    expect(grid.indexOf(utc('2024-05-31T15:15'))).toBe(1);
    expect(grid.indexOf(utc('2024-06-01T14:59'))).toBe(95);
    expect(grid.positionOf(utc('2024-06-01T15:00'))).toEqual({ day: day.next(), index: 0 });
  });

  it.each([0, 7, 8, 9, 11, 25, 45, 90, 120, -15, 1.5, NaN])(
    'rejects an interval length of %p minutes with TIME.INVALID_INTERVAL_LENGTH',
    (minutes) => {
      expectDomainError(() => IntervalGrid.of(minutes), 'TIME.INVALID_INTERVAL_LENGTH');
    },
  );

  it.each([-1, 96, 0.5])('rejects the index %p on a 15-minute grid', (index) => {
    expectDomainError(() => IntervalGrid.of(15).intervalAt(day, index), 'TIME.INVALID_GRID_INDEX');
  });

  it('recognises cells and aligned intervals, and splits aligned intervals into cells', () => {
    const grid = IntervalGrid.of(15);
    const hour = grid.intervalAt(day, 4);
    const twoCells = Interval.fromMillis(hour.startMs, hour.startMs + 30 * 60_000);
    const offGrid = Interval.fromMillis(hour.startMs + 60_000, hour.startMs + 16 * 60_000);
    expect([grid.isCell(hour), grid.isCell(twoCells), grid.isCell(offGrid)]).toEqual([
      true,
      false,
      false,
    ]);
    expect(grid.isAligned(twoCells)).toBe(true);
    expect(grid.cellsOf(twoCells).map((cell) => grid.indexOf(cell.start))).toEqual([4, 5]);
    expectDomainError(() => grid.cellsOf(offGrid), 'TIME.NOT_ON_GRID');
  });

  describe.each(ALLOWED_INTERVAL_MINUTES)('properties of the %p-minute grid', (minutes) => {
    const grid = IntervalGrid.of(minutes);

    it('covers every trading day without gaps or overlaps', () => {
      fc.assert(
        fc.property(tradingDayArb(), (someDay) => {
          const intervals = grid.intervalsOf(someDay);
          expect(intervals).toHaveLength((24 * 60) / minutes);
          expect(intervals[0]?.startMs).toBe(someDay.startMs);
          expect(intervals.at(-1)?.endMs).toBe(someDay.startMs + 86_400_000);
          // One plain check per boundary, then a single expect: jest's expect is slow per call.
          const breaks = intervals.filter(
            (cell, i) => i > 0 && cell.startMs !== intervals[i - 1]?.endMs,
          );
          expect(breaks).toEqual([]);
        }),
        { numRuns: 25 },
      );
    });

    it('puts every instant in exactly the interval at its index', () => {
      fc.assert(
        fc.property(instantArb(), (instant) => {
          const { day: someDay, index } = grid.positionOf(instant);
          const cell = grid.intervalAt(someDay, index);
          expect(cell.contains(instant)).toBe(true);
          expect(grid.intervalContaining(instant).equals(cell)).toBe(true);
          expect(grid.isCell(cell)).toBe(true);
          expect(someDay.equals(TradingDay.containing(instant))).toBe(true);
        }),
      );
    });
  });
});
