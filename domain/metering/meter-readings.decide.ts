import type { Kwh } from '../shared/units.js';
import type { RecordMeterReadings } from './meter-readings.commands.js';
import { meterError } from './meter-readings.errors.js';
import type {
  MeterReadingsEvent,
  ReadingCorrection,
  RecordedReading,
} from './meter-readings.events.js';
import { screenMeterReadings, type MeterBatchHeader } from './meter-readings.screening.js';
import type { MeterDayState } from './meter-readings.state.js';

/**
 * Stores what is new and corrects what changed; a value equal to the one held is a no-op, so a
 * resent batch appends nothing. When a batch holds one interval twice, the later value wins.
 * Refused readings are left out here; `screenMeterReadings` tells the caller why.
 */
export const decideMeterReadings = (
  command: RecordMeterReadings,
  state: MeterDayState,
): MeterReadingsEvent[] => {
  const { header, valid } = screenMeterReadings(command);
  mustMatchStream(header, state);
  // The last value sent for an interval wins; collapsing first keeps a resent batch a no-op
  // even when it holds one interval twice with different values.
  const latest = new Map<string, Kwh>();
  for (const { intervalStart, energyKwh } of valid) latest.set(intervalStart, energyKwh);
  const readings: RecordedReading[] = [];
  const corrections: ReadingCorrection[] = [];
  for (const [intervalStart, energyKwh] of latest) {
    const previous = state.status === 'recording' ? state.readings.get(intervalStart) : undefined;
    if (previous === undefined) readings.push({ intervalStart, energyKwh });
    else if (previous !== energyKwh)
      corrections.push({ intervalStart, previousKwh: previous, correctedKwh: energyKwh });
  }
  const { meterId, meterKind, day, intervalMinutes, now } = header;
  const events: MeterReadingsEvent[] = [];
  if (readings.length > 0)
    events.push({
      type: 'MeterReadingsRecorded',
      data: { meterId, meterKind, day, intervalMinutes, readings, recordedAt: now },
    });
  if (corrections.length > 0)
    events.push({
      type: 'MeterReadingsCorrected',
      data: { meterId, day, corrections, correctedAt: now },
    });
  return events;
};

/** A day's readings share one meter kind and one grid; mixing them would make keys ambiguous. */
const mustMatchStream = (header: MeterBatchHeader, state: MeterDayState): void => {
  if (state.status !== 'recording') return;
  if (state.meterKind !== header.meterKind)
    throw meterError(
      'METER.KIND_MISMATCH',
      `meter ${header.meterId} on ${header.day} holds ${state.meterKind} readings, not ${header.meterKind}`,
      'meterKind',
      { recorded: state.meterKind, sent: header.meterKind },
    );
  if (state.intervalMinutes !== header.intervalMinutes)
    throw meterError(
      'METER.INTERVAL_LENGTH_MISMATCH',
      `meter ${header.meterId} on ${header.day} is read every ${state.intervalMinutes} minutes, not ${header.intervalMinutes}`,
      'intervalMinutes',
      { recorded: state.intervalMinutes, sent: header.intervalMinutes },
    );
};
