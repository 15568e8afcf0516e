import fc from 'fast-check';
import { IntervalGrid } from '../../../domain/shared/time/interval-grid.js';
import { Interval } from '../../../domain/shared/time/interval.js';
import {
  JEJU_SLOTS_PER_DAY,
  formatJejuSlotLabel,
  intervalToJejuSlot,
  jejuSlot,
  jejuSlotAt,
  jejuSlotContaining,
  jejuSlotIndex,
  jejuSlotToInterval,
  parseJejuSlotLabel,
} from '../../../domain/shared/time/jeju-slots.js';
import { hourEndingToInterval } from '../../../domain/shared/time/kpx-numbering.js';
import { TradingDay } from '../../../domain/shared/time/trading-day.js';
import { expectDomainError } from '../../support/expect-domain-error.js';
import { instantArb, tradingDayArb } from '../../support/time-arbitraries.js';

const day = TradingDay.parse('2024-06-01');
const ALL_SLOTS = Array.from({ length: JEJU_SLOTS_PER_DAY }, (_, index) => jejuSlotAt(index));

describe('Jeju real-time slots "N시 K구간"', () => {
  it('"1시 1구간" is 00:00-00:15 KST and "24시 4구간" is 23:45-24:00 KST', () => {
    expect(jejuSlotToInterval(day, jejuSlot(1, 1)).toString()).toBe(
      '2024-05-31T15:00:00.000Z/2024-05-31T15:15:00.000Z',
    );
    expect(jejuSlotToInterval(day, jejuSlot(24, 4)).start.equals(day.at(23, 45))).toBe(true);
    expect(jejuSlotToInterval(day, jejuSlot(24, 4)).end.equals(day.endUtc)).toBe(true);
  });

  it('starts slot N, K at (N-1) h + (K-1) x 15 min', () => {
    expect(jejuSlotToInterval(day, jejuSlot(13, 2)).start.equals(day.at(12, 15))).toBe(true);
  });

  it('numbers the 96 slots 0..95 in time order, four per hour-ending hour', () => {
    expect(ALL_SLOTS).toHaveLength(96);
    expect(ALL_SLOTS.map(jejuSlotIndex)).toEqual(ALL_SLOTS.map((_, index) => index));
    expect(ALL_SLOTS.slice(0, 5)).toEqual([
      { hour: 1, segment: 1 },
      { hour: 1, segment: 2 },
      { hour: 1, segment: 3 },
      { hour: 1, segment: 4 },
      { hour: 2, segment: 1 },
    ]);
  });

  it.each(ALL_SLOTS.map((slot) => [formatJejuSlotLabel(slot), slot] as const))(
    'round-trips %s through its interval and its label',
    (label, slot) => {
      const interval = jejuSlotToInterval(day, slot);
      expect(intervalToJejuSlot(interval)).toEqual({ day, slot });
      expect(parseJejuSlotLabel(label)).toEqual(slot);
      expect(hourEndingToInterval(day, slot.hour).encloses(interval)).toBe(true);
    },
  );

  it('lays the 96 slots on the 15-minute grid of the day', () => {
    const grid = IntervalGrid.of(15).intervalsOf(day);
    expect(
      ALL_SLOTS.every((slot, i) => jejuSlotToInterval(day, slot).equals(grid[i] as Interval)),
    ).toBe(true);
  });

  it.each([
    ['13시 2구간', 13, 2],
    ['13시2구간', 13, 2],
    [' 1 시 1 구간 ', 1, 1],
    ['01시 4구간', 1, 4],
  ])('parses the label %p', (label, hour, segment) => {
    expect(parseJejuSlotLabel(label)).toEqual({ hour, segment });
  });

  it.each(['13시', '13 2구간', '13시 2 구역', 'hour 13 seg 2', '', '13시 -1구간'])(
    'rejects the malformed label %p with TIME.INVALID_JEJU_SLOT_LABEL',
    (label) => {
      expectDomainError(() => parseJejuSlotLabel(label), 'TIME.INVALID_JEJU_SLOT_LABEL');
    },
  );

  it.each(['0시 1구간', '25시 1구간', '13시 0구간', '13시 5구간'])(
    'rejects the out-of-range label %p with TIME.INVALID_JEJU_SLOT',
    (label) => {
      expectDomainError(() => parseJejuSlotLabel(label), 'TIME.INVALID_JEJU_SLOT');
    },
  );

  it.each([
    [0, 1],
    [25, 1],
    [1, 0],
    [1, 5],
    [1.5, 1],
  ])('rejects the slot N=%p K=%p', (hour, segment) => {
    expectDomainError(() => jejuSlot(hour, segment), 'TIME.INVALID_JEJU_SLOT');
    expectDomainError(() => formatJejuSlotLabel({ hour, segment }), 'TIME.INVALID_JEJU_SLOT');
  });

  it.each([-1, 96, 2.5])('rejects the slot index %p', (index) => {
    expectDomainError(() => jejuSlotAt(index), 'TIME.INVALID_JEJU_SLOT');
  });

  it('refuses intervals that are not one Jeju slot', () => {
    const start = day.at(10, 0);
    const notSlots = [
      Interval.of(start, start.plus({ minutes: 30 })),
      Interval.of(start.plus({ minutes: 5 }), start.plus({ minutes: 20 })),
      Interval.of(start, start.plus({ minutes: 5 })),
    ];
    for (const interval of notSlots)
      expectDomainError(() => intervalToJejuSlot(interval), 'TIME.NOT_A_JEJU_SLOT');
  });

  describe('properties', () => {
    const slotArb = fc.integer({ min: 0, max: 95 }).map(jejuSlotAt);

    it('slot -> interval -> slot and slot -> label -> slot are identities on every day', () => {
      fc.assert(
        fc.property(tradingDayArb(), slotArb, (someDay, slot) => {
          const back = intervalToJejuSlot(jejuSlotToInterval(someDay, slot));
          expect(back.day.equals(someDay)).toBe(true);
          expect(back.slot).toEqual(slot);
          expect(parseJejuSlotLabel(formatJejuSlotLabel(slot))).toEqual(slot);
        }),
      );
    });

    it('the slot containing an instant contains it', () => {
      fc.assert(
        fc.property(instantArb(), (instant) => {
          const { day: someDay, slot } = jejuSlotContaining(instant);
          expect(jejuSlotToInterval(someDay, slot).contains(instant)).toBe(true);
        }),
      );
    });
  });
});
