export type * from './meter-readings.commands.js';
export type * from './meter-readings.events.js';
export { METER_KINDS } from './meter-readings.commands.js';
export { METER_READINGS_EVENT_TYPES } from './meter-readings.events.js';
export type {
  MeterCommandErrorCode,
  MeterErrorCode,
  MeterReadingRejectionCode,
} from './meter-readings.errors.js';
export { meterReadingsDecider } from './meter-readings.decider.js';
export {
  MAX_METER_ID_LENGTH,
  intervalMinutesOf,
  meterIdOf,
  meterKindOf,
  toMeterStreamId,
} from './meter-ids.js';
export {
  screenMeterReadings,
  type MeterBatchHeader,
  type ReadingRejection,
  type ScreenedBatch,
  type ScreenedReading,
} from './meter-readings.screening.js';
export {
  initialMeterDayState,
  readingAt,
  type MeterDayState,
  type RecordingMeterDay,
} from './meter-readings.state.js';
export { derIntervalLimits, siteIntervalLimits, type IntervalLimitsKwh } from './meter-limits.js';
