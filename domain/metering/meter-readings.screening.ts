import { DomainError } from '../shared/domain-error.js';
import { failWith } from '../shared/input-parsing.js';
import { instantMs, isoInstant } from '../shared/iso-instant.js';
import { instantFromMillis, DAY_MS, KST_OFFSET_MS, MINUTE_MS } from '../shared/time/kst.js';
import type { Kwh } from '../shared/units.js';
import type { MeterKind, RecordMeterReadings } from './meter-readings.commands.js';
import { failMeter, meterError, type MeterReadingRejectionCode } from './meter-readings.errors.js';
import { intervalMinutesOf, meterDayOf, meterIdOf, meterKindOf } from './meter-ids.js';

/** A reading refused on its own: the rest of the batch goes on. `index` is in `readings`. */
export interface ReadingRejection {
  readonly index: number;
  readonly code: MeterReadingRejectionCode;
  readonly field: 'intervalStart' | 'energyKwh';
  readonly reason: string;
}

export interface ScreenedReading {
  readonly index: number;
  /** Canonical UTC ISO instant. */
  readonly intervalStart: string;
  readonly energyKwh: Kwh;
}

/** The command's own fields, checked and normalised once for all its readings. */
export interface MeterBatchHeader {
  readonly meterId: string;
  readonly meterKind: MeterKind;
  readonly day: string;
  readonly intervalMinutes: number;
  readonly limitKwh: number;
  readonly exportLimitKwh: number;
  readonly now: string;
}

export interface ScreenedBatch {
  readonly header: MeterBatchHeader;
  readonly valid: readonly ScreenedReading[];
  readonly rejected: readonly ReadingRejection[];
}

const limitOf = (value: unknown, field: string): number => {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
    throw meterError(
      'METER.INVALID_LIMIT',
      `${field} must be a finite number >= 0, got ${String(value)}`,
      field,
      { value },
    );
  return value + 0;
};

/**
 * Splits a command's readings into those that may be stored and those refused, with a reason for
 * each. Throws only for the command's own fields (meter, day, grid, limits, now), which every
 * reading shares. Pure and cheap: both the decider and the ingest service call it.
 */
export const screenMeterReadings = (command: RecordMeterReadings): ScreenedBatch => {
  const { data } = command;
  const { day, epochDay } = meterDayOf(data.day);
  const header: MeterBatchHeader = {
    meterId: meterIdOf(data.meterId),
    meterKind: meterKindOf(data.meterKind),
    day,
    intervalMinutes: intervalMinutesOf(data.intervalMinutes),
    limitKwh: limitOf(data.limitKwh, 'limitKwh'),
    exportLimitKwh: limitOf(data.exportLimitKwh ?? 0, 'exportLimitKwh'),
    now: isoInstant(data.now, 'now', failMeter('METER.INVALID_INPUT')),
  };
  if (!Array.isArray(data.readings))
    throw meterError('METER.INVALID_INPUT', 'readings must be an array', 'readings');
  const checks = readingChecks(header, epochDay);
  const valid: ScreenedReading[] = [];
  const rejected: ReadingRejection[] = [];
  data.readings.forEach((reading, index) => {
    const outcome = checks(reading, index);
    if ('code' in outcome) rejected.push(outcome);
    else valid.push(outcome);
  });
  return { header, valid, rejected };
};

const readingChecks = (header: MeterBatchHeader, epochDay: number) => {
  const lengthMs = header.intervalMinutes * MINUTE_MS;
  const dayStartMs = epochDay * DAY_MS - KST_OFFSET_MS;
  const nowMs = instantMs(header.now);
  return (
    reading: { readonly intervalStart: unknown; readonly energyKwh: unknown } | undefined,
    index: number,
  ): ScreenedReading | ReadingRejection => {
    const reject = (
      code: MeterReadingRejectionCode,
      field: ReadingRejection['field'],
      reason: string,
    ): ReadingRejection => ({ index, code, field, reason });

    const raw = reading?.intervalStart;
    const intervalStart = canonicalInstant(raw);
    if (intervalStart === undefined)
      return reject(
        'METER.INVALID_INTERVAL_START',
        'intervalStart',
        `intervalStart must be an ISO 8601 instant with an offset, got ${String(raw)}`,
      );
    const startMs = instantMs(intervalStart);
    // KST is a whole number of hours from UTC, so grid boundaries are multiples of the length.
    if (startMs % lengthMs !== 0)
      return reject(
        'METER.OFF_GRID',
        'intervalStart',
        `${intervalStart} is not on the ${header.intervalMinutes}-minute grid`,
      );
    if (startMs < dayStartMs || startMs >= dayStartMs + DAY_MS)
      return reject(
        'METER.OUTSIDE_DAY',
        'intervalStart',
        `${intervalStart} is not in trading day ${header.day} (KST)`,
      );
    if (startMs + lengthMs > nowMs)
      return reject(
        'METER.FUTURE_INTERVAL',
        'intervalStart',
        `the interval from ${intervalStart} ends at ${iso(startMs + lengthMs)}, after now (${header.now})`,
      );

    const energy = reading?.energyKwh;
    if (typeof energy !== 'number' || !Number.isFinite(energy))
      return reject(
        'METER.NOT_FINITE',
        'energyKwh',
        `energyKwh must be a finite number, got ${JSON.stringify(energy) ?? String(energy)}`,
      );
    const energyKwh = (energy + 0) as Kwh; // -0 becomes 0: one zero in equality and JSON
    if (header.meterKind === 'der' && energyKwh < 0)
      return reject(
        'METER.NEGATIVE_ENERGY',
        'energyKwh',
        `a DER meter reads energy >= 0, got ${energyKwh} kWh (only site net meters read export as negative)`,
      );
    if (energyKwh > header.limitKwh)
      return reject(
        'METER.ABOVE_LIMIT',
        'energyKwh',
        `${energyKwh} kWh is above the ${header.limitKwh} kWh a ${header.intervalMinutes}-minute interval can hold (capacity x interval x (1 + tolerance))`,
      );
    if (energyKwh < -header.exportLimitKwh)
      return reject(
        'METER.EXPORT_ABOVE_LIMIT',
        'energyKwh',
        `an export of ${-energyKwh} kWh is above the site's ${header.exportLimitKwh} kWh per ${header.intervalMinutes}-minute interval`,
      );
    return { index, intervalStart, energyKwh };
  };
};

const canonicalInstant = (value: unknown): string | undefined => {
  try {
    return isoInstant(value, 'intervalStart', failWith('METER.INVALID_INTERVAL_START'));
  } catch (error) {
    if (error instanceof DomainError) return undefined;
    throw error;
  }
};

const iso = (ms: number): string => instantFromMillis(ms).toISO() ?? String(ms);
