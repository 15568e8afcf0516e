import { DomainError } from '../../../domain/shared/domain-error.js';
import { LINE, MalformedRow } from '../ingest/malformed-row.js';
import type { IngestRow } from '../ingest/meter-ingest.types.js';
import { csvRecords, type CsvRecord } from './csv-records.js';

export const METER_CSV_COLUMNS = [
  'meterId',
  'intervalStart',
  'intervalMinutes',
  'energyKwh',
] as const;
const OPTIONAL_COLUMNS = ['meterKind'] as const;
type Column = (typeof METER_CSV_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Reads a meter-readings CSV: a header naming at least `meterId,intervalStart,intervalMinutes,
 * energyKwh` (any order, any case; `meterKind` optional, other columns ignored), then one row per
 * reading. A broken row becomes a MalformedRow in its place, so the rest of the file still counts
 * and row numbers match the file; only an unusable header fails the whole text.
 */
export const parseMeterCsv = (text: string): IngestRow[] => {
  const records = csvRecords(text);
  const header = records.next();
  if (header.done === true) throw csvError('the CSV is empty: a header row is required');
  const columns = columnsOf(header.value);
  const width = header.value.fields.length;
  const rows: IngestRow[] = [];
  for (const record of records) rows.push(rowOf(record, columns, width));
  return rows;
};

const columnsOf = (header: CsvRecord): Map<Column, number> => {
  if (header.problem !== undefined) throw csvError(`the header row is broken: ${header.problem}`);
  const known = new Map<string, Column>(
    [...METER_CSV_COLUMNS, ...OPTIONAL_COLUMNS].map((c) => [c.toLowerCase(), c]),
  );
  const columns = new Map<Column, number>();
  header.fields.forEach((name, index) => {
    const column = known.get(name.trim().toLowerCase());
    if (column === undefined) return;
    if (columns.has(column)) throw csvError(`the header names ${column} twice`);
    columns.set(column, index);
  });
  const missing = METER_CSV_COLUMNS.filter((c) => !columns.has(c));
  if (missing.length > 0)
    throw csvError(
      `the header lacks ${missing.join(', ')}; expected ${METER_CSV_COLUMNS.join(',')}`,
    );
  return columns;
};

const rowOf = (record: CsvRecord, columns: Map<Column, number>, width: number): IngestRow => {
  const cell = (column: Column): string | undefined => {
    const index = columns.get(column);
    return index === undefined ? undefined : record.fields[index]?.trim();
  };
  const broken =
    record.problem ??
    (record.fields.length === width
      ? undefined
      : `expected ${width} fields as in the header, got ${record.fields.length}`);
  if (broken !== undefined)
    return new MalformedRow(
      'METER.INVALID_ROW',
      'row',
      `line ${record.line}: ${broken}`,
      record.line,
      cell('meterId') ?? null,
      cell('intervalStart') ?? null,
    );
  const meterKind = cell('meterKind');
  return {
    meterId: cell('meterId'),
    ...(meterKind === undefined || meterKind === '' ? {} : { meterKind }),
    intervalStart: cell('intervalStart'),
    intervalMinutes: numberOrText(cell('intervalMinutes')),
    energyKwh: numberOrText(cell('energyKwh')),
    [LINE]: record.line,
  };
};

// Text that is not a plain decimal number stays text, so the refusal quotes what was sent.
const numberOrText = (text: string | undefined): number | string | undefined =>
  text !== undefined && NUMBER.test(text) ? Number(text) : text;

const csvError = (message: string): DomainError =>
  new DomainError('METER.INVALID_CSV', message, 'header');
