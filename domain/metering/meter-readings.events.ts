import type { Message } from '../shared/decider.js';
import type { Kwh } from '../shared/units.js';
import type { MeterKind } from './meter-readings.commands.js';

export interface RecordedReading {
  /** Canonical UTC ISO instant (`2025-03-10T00:15:00.000Z`). */
  readonly intervalStart: string;
  readonly energyKwh: Kwh;
}

export interface ReadingCorrection {
  readonly intervalStart: string;
  readonly previousKwh: Kwh;
  readonly correctedKwh: Kwh;
}

/**
 * Events of a meter's trading day: the storage contract. One event carries every new value of a
 * batch, so that a batch costs one append per meter and day however many readings it holds.
 */
export type MeterReadingsRecorded = Message<
  'MeterReadingsRecorded',
  {
    readonly meterId: string;
    readonly meterKind: MeterKind;
    readonly day: string;
    readonly intervalMinutes: number;
    readonly readings: readonly RecordedReading[];
    readonly recordedAt: string;
  }
>;

/** Values that replace stored ones; the previous value is kept here for audit. */
export type MeterReadingsCorrected = Message<
  'MeterReadingsCorrected',
  {
    readonly meterId: string;
    readonly day: string;
    readonly corrections: readonly ReadingCorrection[];
    readonly correctedAt: string;
  }
>;

export type MeterReadingsEvent = MeterReadingsRecorded | MeterReadingsCorrected;

export const METER_READINGS_EVENT_TYPES: readonly MeterReadingsEvent['type'][] = [
  'MeterReadingsRecorded',
  'MeterReadingsCorrected',
];
