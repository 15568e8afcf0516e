import type { DateTime } from 'luxon';
import { Interval } from './interval.js';
import { MINUTE_MS, utcInstant } from './kst.js';
import { timeError } from './time-error.js';
import { TradingDay } from './trading-day.js';

/**
 * A slot of the Jeju real-time market, labelled "N시 K구간": 96 slots of 15 minutes per day,
 * N = 1..24 and K = 1..4, starting at (N-1) h + (K-1) x 15 min KST (kpx-market-rules.md §2.2, §7.2).
 */
export interface JejuSlot {
  /** N: the hour-ending number of the hour the slot lies in, 1..24. */
  readonly hour: number;
  /** K: the quarter of that hour, 1..4. */
  readonly segment: number;
}

export interface DatedJejuSlot {
  readonly day: TradingDay;
  readonly slot: JejuSlot;
}

export const JEJU_SLOT_MINUTES = 15;
export const JEJU_SLOTS_PER_HOUR = 4;
export const JEJU_SLOTS_PER_DAY = 96;
const SLOT_MS = JEJU_SLOT_MINUTES * MINUTE_MS;

/** Builds a slot, `TIME.INVALID_JEJU_SLOT` unless 1 <= hour <= 24 and 1 <= segment <= 4. */
export const jejuSlot = (hour: number, segment: number): JejuSlot => {
  const valid =
    Number.isInteger(hour) &&
    Number.isInteger(segment) &&
    hour >= 1 &&
    hour <= 24 &&
    segment >= 1 &&
    segment <= JEJU_SLOTS_PER_HOUR;
  if (!valid)
    throw timeError(
      'TIME.INVALID_JEJU_SLOT',
      `a Jeju slot is N시 K구간 with N in 1..24 and K in 1..4, got N=${hour}, K=${segment}`,
      { hour, segment },
    );
  return { hour, segment };
};

/** 0..95 in time order: slot "1시 1구간" is 0, "24시 4구간" is 95. */
export const jejuSlotIndex = (slot: JejuSlot): number => {
  const { hour, segment } = jejuSlot(slot.hour, slot.segment);
  return (hour - 1) * JEJU_SLOTS_PER_HOUR + (segment - 1);
};

export const jejuSlotAt = (index: number): JejuSlot => {
  if (!Number.isInteger(index) || index < 0 || index >= JEJU_SLOTS_PER_DAY)
    throw timeError('TIME.INVALID_JEJU_SLOT', `a Jeju slot index is 0..95, got ${index}`, {
      index,
    });
  return jejuSlot(Math.floor(index / JEJU_SLOTS_PER_HOUR) + 1, (index % JEJU_SLOTS_PER_HOUR) + 1);
};

export const jejuSlotToInterval = (day: TradingDay, slot: JejuSlot): Interval => {
  const startMs = day.startMs + jejuSlotIndex(slot) * SLOT_MS;
  return Interval.fromMillis(startMs, startMs + SLOT_MS);
};

/** The slot containing `instant`. */
export const jejuSlotContaining = (instant: DateTime): DatedJejuSlot => {
  const day = TradingDay.containing(instant);
  const index = Math.floor((utcInstant(instant).toMillis() - day.startMs) / SLOT_MS);
  return { day, slot: jejuSlotAt(index) };
};

/** The inverse of `jejuSlotToInterval`; `TIME.NOT_A_JEJU_SLOT` unless it is exactly one slot. */
export const intervalToJejuSlot = (interval: Interval): DatedJejuSlot => {
  const dated = jejuSlotContaining(interval.start);
  if (!jejuSlotToInterval(dated.day, dated.slot).equals(interval))
    throw timeError(
      'TIME.NOT_A_JEJU_SLOT',
      `${interval.toString()} is not one 15-minute Jeju slot (quarters of KST hours)`,
      { interval: interval.toString() },
    );
  return dated;
};

// Whitespace is tolerated because scraped labels vary ("13시 2구간", "13시2구간").
const SLOT_LABEL = /^\s*(\d{1,2})\s*시\s*(\d{1,2})\s*구간\s*$/;

export const parseJejuSlotLabel = (label: string): JejuSlot => {
  const match = typeof label === 'string' ? SLOT_LABEL.exec(label) : null;
  if (match === null)
    throw timeError(
      'TIME.INVALID_JEJU_SLOT_LABEL',
      `expected a label such as '13시 2구간', got "${String(label)}"`,
      { label },
    );
  return jejuSlot(Number(match[1]), Number(match[2]));
};

export const formatJejuSlotLabel = (slot: JejuSlot): string => {
  const { hour, segment } = jejuSlot(slot.hour, slot.segment);
  return `${hour}시 ${segment}구간`;
};
