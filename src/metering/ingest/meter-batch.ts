import {
  screenMeterReadings,
  toMeterStreamId,
  type IntervalLimitsKwh,
  type MeterReadingsEvent,
  type RecordMeterReadings,
  type ScreenedBatch,
} from '../../../domain/metering/index.js';
import { isDomainError } from '../../../domain/shared/domain-error.js';
import type { RejectedRow } from './meter-ingest.types.js';
import type { ParsedRow } from './meter-row.parser.js';

export type CommandResult =
  | {
      readonly ok: true;
      readonly events: readonly { readonly type: string; readonly data: unknown }[];
    }
  | { readonly ok: false; readonly code: string; readonly field: string; readonly reason: string };

export type RecordCommand = (
  streamId: string,
  command: RecordMeterReadings,
) => Promise<CommandResult>;

export interface GroupResult {
  readonly accepted: number;
  readonly unchanged: number;
  readonly corrected: number;
  readonly rejected: readonly RejectedRow[];
}

/**
 * The rows of one meter, day, grid and limits: one command. Limits are part of the key because
 * a DER's parameters may change within a day; one interval always falls in one group, so the
 * order of its values is kept.
 */
export class MeterGroup {
  private readonly rows: ParsedRow[] = [];

  constructor(
    private readonly first: ParsedRow,
    private readonly limits: IntervalLimitsKwh,
    private readonly now: string,
  ) {}

  add(row: ParsedRow): void {
    this.rows.push(row);
  }

  async run(record: RecordCommand): Promise<GroupResult> {
    const { meterId, meterKind, day, intervalMinutes } = this.first;
    const command: RecordMeterReadings = {
      type: 'RecordMeterReadings',
      data: {
        meterId,
        meterKind,
        day,
        intervalMinutes,
        readings: this.rows.map((row) => ({
          intervalStart: row.intervalStart,
          energyKwh: row.energyKwh as number, // checked by the screening below
        })),
        ...this.limits,
        now: this.now,
      },
    };
    let screened: ScreenedBatch;
    try {
      screened = screenMeterReadings(command);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      return this.refuseAll(this.rows, error.code, error.field ?? 'row', error.message);
    }
    const rejected = screened.rejected.map((r) =>
      toRejected(this.rows[r.index] as ParsedRow, r.code, r.field, r.reason),
    );
    const validRows = screened.valid.map((r) => this.rows[r.index] as ParsedRow);
    if (validRows.length === 0) return { accepted: 0, unchanged: 0, corrected: 0, rejected };

    const readings = screened.valid.map(({ intervalStart, energyKwh }) => ({
      intervalStart,
      energyKwh,
    }));
    const valid = { ...command, data: { ...command.data, readings } };
    const result = await record(toMeterStreamId(meterKind, meterId, day), valid);
    if (!result.ok) {
      const refused = this.refuseAll(validRows, result.code, result.field, result.reason);
      return { ...refused, rejected: [...rejected, ...refused.rejected] };
    }
    const { accepted, corrected } = countOf(result.events as readonly MeterReadingsEvent[]);
    return { accepted, corrected, unchanged: validRows.length - accepted - corrected, rejected };
  }

  private refuseAll(rows: readonly ParsedRow[], code: string, field: string, reason: string) {
    return {
      accepted: 0,
      unchanged: 0,
      corrected: 0,
      rejected: rows.map((row) => toRejected(row, code, field, reason)),
    };
  }
}

/** Rows of one batch, grouped into commands in the order their first rows came. */
export class MeterBatch {
  private readonly byKey = new Map<string, MeterGroup>();

  constructor(private readonly now: string) {}

  add(row: ParsedRow, limits: IntervalLimitsKwh): void {
    const key = `${row.meterKind}|${row.meterId}|${row.day}|${row.intervalMinutes}|${limits.limitKwh}|${limits.exportLimitKwh ?? ''}`;
    let group = this.byKey.get(key);
    if (group === undefined) {
      group = new MeterGroup(row, limits, this.now);
      this.byKey.set(key, group);
    }
    group.add(row);
  }

  groups(): Iterable<MeterGroup> {
    return this.byKey.values();
  }
}

const countOf = (events: readonly MeterReadingsEvent[]) => {
  let accepted = 0;
  let corrected = 0;
  for (const event of events) {
    if (event.type === 'MeterReadingsRecorded') accepted += event.data.readings.length;
    else if (event.type === 'MeterReadingsCorrected') corrected += event.data.corrections.length;
  }
  return { accepted, corrected };
};

export const toRejected = (
  row: ParsedRow,
  code: string,
  field: string,
  reason: string,
): RejectedRow => ({
  row: row.row,
  meterId: row.meterId,
  intervalStart: row.intervalStart,
  code,
  field,
  reason,
  ...(row.line === undefined ? {} : { line: row.line }),
});
