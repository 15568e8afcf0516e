import type { HourlySeries } from '../../../domain/forecasting/hourly-series.js';
import { isDomainError } from '../../../domain/shared/domain-error.js';
import { HOURS_PER_DAY, parseKpxTradingHour } from '../../../domain/shared/time/kpx-numbering.js';
import { TradingDay } from '../../../domain/shared/time/trading-day.js';
import { csvRecords, type CsvRecord } from '../../metering/csv/csv-records.js';
import { DataFileError } from './data-file-error.js';

/** The two layouts of an hourly file (FORMATS.md). */
export type HourlyCsvLayout = 'trading_day,hour_ending' | 'timestamp_kst';

export interface HourlyCsvOptions {
  /** Named in every error; the path as the user gave it. */
  readonly file: string;
  /** Value columns to read; each must be in the header. Other columns are ignored. */
  readonly columns: readonly string[];
}

export interface HourlyCsvData {
  readonly layout: HourlyCsvLayout;
  readonly firstDay: TradingDay;
  readonly lastDay: TradingDay;
  /** Data rows read (the header not counted). */
  readonly rows: number;
  /** One dense series per requested column, over whole days firstDay..lastDay. */
  readonly series: Readonly<Record<string, HourlySeries>>;
  /**
   * Hours of firstDay..lastDay without a value, per column: rows absent from the file plus empty
   * cells. Gaps are data, not errors (the shared SMP file lacks hours), so they are counted here.
   */
  readonly gapHours: Readonly<Record<string, number>>;
  /** Hours of firstDay..lastDay with no row at all. */
  readonly missingRows: number;
}

// Plain decimal notation only: Number() would also take '0x1F', 'Infinity' and ' ' silently.
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const INTEGER = /^\d+$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2} (\d{2}):(\d{2})$/;
const HOUR_ENDING_EXPECTED = 'an integer hour_ending 1..24 (hour h covers (h-1):00..h:00 KST)';
const TIMESTAMP_EXPECTED =
  "an hour-ending stamp 'YYYY-MM-DD HH:00' with HH 01..24, where 24:00 ends the day";

/** Derives the unit from the column name's suffix, the naming rule of the shared files. */
export const unitOfColumn = (column: string): string => {
  if (column.endsWith('_krw_per_kwh')) return 'KRW/kWh';
  if (column.endsWith('_mwh')) return 'MWh';
  if (column.endsWith('_mw')) return 'MW';
  if (column.endsWith('_kwh')) return 'kWh';
  if (column.endsWith('_kw')) return 'kW';
  return '';
};

interface Header {
  readonly layout: HourlyCsvLayout;
  readonly width: number;
  /** Index of each requested column in a row. */
  readonly indexes: readonly number[];
}

/**
 * Reads an hourly CSV strictly (FORMATS.md): any row that is not exactly what the layout says
 * fails the whole text with a DataFileError naming the line and column, so that a file with
 * the "24:00" convention mishandled, a non-existent date or a stray word never turns into a
 * silently wrong backtest. Only gaps are tolerated: empty cells and absent rows become NaN and
 * are counted.
 */
export const parseHourlyCsv = (text: string, options: HourlyCsvOptions): HourlyCsvData => {
  const { file } = options;
  const records = csvRecords(text);
  const first = records.next();
  if (first.done === true)
    throw new DataFileError(
      'FORECAST.INVALID_DATA_FILE',
      { file, line: 1, expected: 'a header row' },
      'the file is empty',
    );
  const header = headerOf(first.value, options);
  const days = new Map<string, TradingDay>();
  const epochDays: number[] = [];
  const hours: number[] = [];
  const lines: number[] = [];
  const values: number[][] = options.columns.map(() => []);
  for (const record of records) {
    const cells = cellsOf(record, header.width, file);
    const { day, hourEnding } =
      header.layout === 'timestamp_kst'
        ? stampOf(cells[0] ?? '', record.line, file)
        : {
            day: dayOf(cells[0] ?? '', record.line, file, days),
            hourEnding: hourOf(cells[1] ?? '', record.line, file),
          };
    epochDays.push(day.epochDay);
    hours.push(hourEnding);
    lines.push(record.line);
    header.indexes.forEach((index, k) => {
      values[k]!.push(valueOf(cells[index] ?? '', record.line, options.columns[k]!, file));
    });
  }
  if (epochDays.length === 0)
    throw new DataFileError(
      'FORECAST.INVALID_DATA_FILE',
      { file, line: 2, expected: 'at least one data row after the header' },
      'the file has a header but no data',
    );
  return assemble(header.layout, options, { epochDays, hours, lines, values });
};

const headerOf = (record: CsvRecord, options: HourlyCsvOptions): Header => {
  const { file } = options;
  const fail = (problem: string, column?: string, expected?: string): never => {
    throw new DataFileError(
      'FORECAST.INVALID_DATA_FILE',
      {
        file,
        line: record.line,
        ...(column === undefined ? {} : { column }),
        ...(expected === undefined ? {} : { expected }),
      },
      problem,
    );
  };
  if (record.problem !== undefined) fail(`the header row is broken: ${record.problem}`);
  const names = record.fields.map((name) => name.trim());
  const layouts = "'trading_day,hour_ending,<columns>' or 'timestamp_kst,<columns>'";
  let layout: HourlyCsvLayout;
  if (names[0] === 'timestamp_kst') layout = 'timestamp_kst';
  else if (names[0] === 'trading_day') {
    if (names[1] !== 'hour_ending')
      fail(`the second column is "${names[1] ?? ''}"`, names[1] ?? 'hour_ending', layouts);
    layout = 'trading_day,hour_ending';
  } else fail(`the first column is "${names[0] ?? ''}"`, names[0], layouts);
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) fail(`the header names ${name} twice`, name);
    seen.add(name);
  }
  const indexes = options.columns.map((column) => {
    const index = names.indexOf(column);
    if (index < 0 || index < (layout === 'timestamp_kst' ? 1 : 2))
      fail(
        `the header lacks column ${column}; it has ${names.join(',')}`,
        column,
        `a column named ${column}`,
      );
    return index;
  });
  return { layout: layout!, width: names.length, indexes };
};

const cellsOf = (record: CsvRecord, width: number, file: string): string[] => {
  if (record.problem !== undefined)
    throw new DataFileError(
      'FORECAST.INVALID_DATA_FILE',
      { file, line: record.line },
      record.problem,
    );
  if (record.fields.length !== width)
    throw new DataFileError(
      'FORECAST.INVALID_DATA_FILE',
      { file, line: record.line, expected: `${width} fields as in the header` },
      `the row has ${record.fields.length} fields`,
    );
  return record.fields.map((cell) => cell.trim());
};

const dayOf = (
  text: string,
  line: number,
  file: string,
  cache: Map<string, TradingDay>,
): TradingDay => {
  const cached = cache.get(text);
  if (cached !== undefined) return cached;
  let day: TradingDay;
  try {
    day = TradingDay.parse(text);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    throw new DataFileError(
      'FORECAST.INVALID_DATA_FILE',
      { file, line, column: 'trading_day', expected: 'an existing calendar date YYYY-MM-DD (KST)' },
      `"${text}" is not a date that exists`,
    );
  }
  cache.set(text, day);
  return day;
};

const hourOf = (text: string, line: number, file: string): number => {
  const hour = INTEGER.test(text) ? Number(text) : Number.NaN;
  if (hour >= 1 && hour <= HOURS_PER_DAY) return hour;
  const hint =
    hour === 0
      ? '; hour 0 means the file numbers hours 0..23 (hour-beginning), not KPX hour-ending 1..24'
      : '';
  throw new DataFileError(
    'FORECAST.INVALID_DATA_FILE',
    { file, line, column: 'hour_ending', expected: HOUR_ENDING_EXPECTED },
    `"${text}" is not an hour${hint}`,
  );
};

const stampOf = (
  text: string,
  line: number,
  file: string,
): { day: TradingDay; hourEnding: number } => {
  const fail = (problem: string): never => {
    throw new DataFileError(
      'FORECAST.INVALID_DATA_FILE',
      { file, line, column: 'timestamp_kst', expected: TIMESTAMP_EXPECTED },
      problem,
    );
  };
  const match = TIMESTAMP.exec(text);
  if (match === null) return fail(`"${text}" is not 'YYYY-MM-DD HH:MM'`);
  // An hour-ending stamp is never 00:00: midnight ends hour 24 and is written 24:00 of the day
  // before. A 00:00 here is the classic mishandled "24:00" (shifted or hour-beginning) file.
  if (match[1] === '00')
    return fail(
      `"${text}" is 00:00; in an hour-ending file midnight is written 24:00 of the day before (a 00:00 stamp means the "24:00" convention was mishandled)`,
    );
  if (match[2] !== '00') return fail(`"${text}" is not on the hour`);
  try {
    return parseKpxTradingHour(text);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return fail(`"${text}" does not exist in KST: ${error.message}`);
  }
};

const valueOf = (text: string, line: number, column: string, file: string): number => {
  if (text === '') return Number.NaN;
  const value = NUMBER.test(text) ? Number(text) : Number.NaN;
  if (Number.isFinite(value)) return value;
  throw new DataFileError(
    'FORECAST.INVALID_DATA_FILE',
    { file, line, column, expected: 'a decimal number, or an empty cell for a gap' },
    `"${text}" is not a number`,
  );
};

interface Rows {
  readonly epochDays: readonly number[];
  readonly hours: readonly number[];
  readonly lines: readonly number[];
  readonly values: readonly (readonly number[])[];
}

const assemble = (
  layout: HourlyCsvLayout,
  options: HourlyCsvOptions,
  rows: Rows,
): HourlyCsvData => {
  let minDay = Number.POSITIVE_INFINITY;
  let maxDay = Number.NEGATIVE_INFINITY;
  for (const epochDay of rows.epochDays) {
    if (epochDay < minDay) minDay = epochDay;
    if (epochDay > maxDay) maxDay = epochDay;
  }
  const firstDay = TradingDay.fromEpochDay(minDay);
  const size = (maxDay - minDay + 1) * HOURS_PER_DAY;
  // Line of the row that filled each hour (0 = none), to name both lines of a duplicate.
  const lineAt = new Uint32Array(size);
  rows.epochDays.forEach((epochDay, r) => {
    const index = (epochDay - minDay) * HOURS_PER_DAY + rows.hours[r]! - 1;
    const earlier = lineAt[index]!;
    if (earlier !== 0)
      throw new DataFileError(
        'FORECAST.INVALID_DATA_FILE',
        {
          file: options.file,
          line: rows.lines[r]!,
          column: layout === 'timestamp_kst' ? 'timestamp_kst' : 'hour_ending',
          expected: 'each trading hour once',
        },
        `hour ${rows.hours[r]} of ${TradingDay.fromEpochDay(epochDay).toString()} is also on line ${earlier}`,
      );
    lineAt[index] = rows.lines[r]!;
  });
  const series: Record<string, HourlySeries> = {};
  const gapHours: Record<string, number> = {};
  options.columns.forEach((column, k) => {
    const values = new Float64Array(size).fill(Number.NaN);
    const columnValues = rows.values[k]!;
    rows.epochDays.forEach((epochDay, r) => {
      values[(epochDay - minDay) * HOURS_PER_DAY + rows.hours[r]! - 1] = columnValues[r]!;
    });
    let gaps = 0;
    for (const value of values) if (Number.isNaN(value)) gaps++;
    series[column] = { firstDay, values, unit: unitOfColumn(column) };
    gapHours[column] = gaps;
  });
  return {
    layout,
    firstDay,
    lastDay: TradingDay.fromEpochDay(maxDay),
    rows: rows.epochDays.length,
    series,
    gapHours,
    missingRows: size - rows.epochDays.length,
  };
};
