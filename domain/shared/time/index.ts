export { KST, instantFromMillis, utcInstant } from './kst.js';
export type { TimeErrorCode } from './time-error.js';
export { TradingDay } from './trading-day.js';
export { Interval } from './interval.js';
export {
  ALLOWED_INTERVAL_MINUTES,
  IntervalGrid,
  intervalsOf,
  isIntervalMinutes,
  type GridPosition,
  type IntervalMinutes,
} from './interval-grid.js';
export {
  HOURS_PER_DAY,
  formatHourLabel,
  formatKpxTimestamp,
  formatKpxTradingHour,
  hourEndingContaining,
  hourEndingToInterval,
  intervalToHourEnding,
  parseHourLabel,
  parseKpxTimestamp,
  parseKpxTradingHour,
  type KpxTimestampFormat,
  type TradingHour,
} from './kpx-numbering.js';
export {
  JEJU_SLOTS_PER_DAY,
  JEJU_SLOTS_PER_HOUR,
  JEJU_SLOT_MINUTES,
  formatJejuSlotLabel,
  intervalToJejuSlot,
  jejuSlot,
  jejuSlotAt,
  jejuSlotContaining,
  jejuSlotIndex,
  jejuSlotToInterval,
  parseJejuSlotLabel,
  type DatedJejuSlot,
  type JejuSlot,
} from './jeju-slots.js';
