import {
  intervalMinutesOf,
  meterIdOf,
  meterKindOf,
  type MeterKind,
} from '../../../domain/metering/index.js';
import { isDomainError } from '../../../domain/shared/domain-error.js';
import { failWith } from '../../../domain/shared/input-parsing.js';
import { instantMs, isoInstant } from '../../../domain/shared/iso-instant.js';
import { DAY_MS, KST_OFFSET_MS } from '../../../domain/shared/time/kst.js';
import { TradingDay } from '../../../domain/shared/time/trading-day.js';
import { LINE, MalformedRow } from './malformed-row.js';
import type { RejectedRow } from './meter-ingest.types.js';

/** A row whose meter, grid and interval are readable; its energy is checked by the decider. */
export interface ParsedRow {
  readonly row: number;
  readonly meterId: string;
  readonly meterKind: MeterKind;
  /** Canonical UTC ISO instant. */
  readonly intervalStart: string;
  readonly startMs: number;
  /** Trading day (KST) of the interval: the day stream it goes to. */
  readonly day: string;
  readonly intervalMinutes: number;
  readonly energyKwh: unknown;
  readonly line: number | undefined;
}

const failStart = failWith('METER.INVALID_INTERVAL_START');

const textOrNull = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** Reads the routing fields of each row; one parser per batch caches trading-day names. */
export class MeterRowParser {
  private readonly days = new Map<number, string>();

  parse(input: unknown, row: number): ParsedRow | RejectedRow {
    if (input instanceof MalformedRow)
      return {
        row,
        meterId: input.meterId,
        intervalStart: input.intervalStart,
        code: input.code,
        field: input.field,
        reason: input.reason,
        ...(input.line === undefined ? {} : { line: input.line }),
      };
    const record =
      typeof input === 'object' && input !== null && !Array.isArray(input)
        ? (input as Record<string | symbol, unknown>)
        : undefined;
    const line = typeof record?.[LINE] === 'number' ? record[LINE] : undefined;
    const reject = (code: string, field: string, reason: string): RejectedRow => ({
      row,
      meterId: textOrNull(record?.['meterId']),
      intervalStart: textOrNull(record?.['intervalStart']),
      code,
      field,
      reason,
      ...(line === undefined ? {} : { line }),
    });
    if (record === undefined)
      return reject('METER.INVALID_ROW', 'row', 'a reading must be a JSON object');
    try {
      const meterId = meterIdOf(record['meterId']);
      const meterKind = meterKindOf(record['meterKind'] ?? 'der');
      const intervalStart = isoInstant(record['intervalStart'], 'intervalStart', failStart);
      const intervalMinutes = intervalMinutesOf(record['intervalMinutes']);
      const startMs = instantMs(intervalStart);
      return {
        row,
        meterId,
        meterKind,
        intervalStart,
        startMs,
        day: this.dayOf(startMs),
        intervalMinutes,
        energyKwh: record['energyKwh'],
        line,
      };
    } catch (error) {
      if (!isDomainError(error)) throw error;
      return reject(error.code, error.field ?? 'row', error.message);
    }
  }

  private dayOf(startMs: number): string {
    const epochDay = Math.floor((startMs + KST_OFFSET_MS) / DAY_MS);
    let day = this.days.get(epochDay);
    if (day === undefined) {
      day = TradingDay.fromEpochDay(epochDay).toString();
      this.days.set(epochDay, day);
    }
    return day;
  }
}
