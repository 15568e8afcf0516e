import type { HourlySeries } from '../../domain/forecasting/hourly-series.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import { HOURS_PER_DAY } from '../../domain/shared/time/kpx-numbering.js';
import { TradingDay } from '../../domain/shared/time/trading-day.js';

/** How one kind of shared hourly file is read and how its errors are named. */
export interface HourlyCsvFormat {
  /** Code of the DomainError a malformed file gets, e.g. `KPXSIM.INVALID_SMP_FILE`. */
  readonly errorCode: string;
  /** The setting the file came from, for the error's `field`. */
  readonly field: string;
  /** Unit of every column kept. */
  readonly unit: string;
  /** What a cell must look like (empty cells are gaps). */
  readonly number: RegExp;
}

/** Decimals, as in the SMP file. */
export const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
/** Decimals or exponent form (the renewables file writes small values as 8e-05). */
export const DECIMAL_OR_EXPONENT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Parses a shared hourly file (`trading_day,hour_ending,<columns>...`, hour-ending 1..24 KST)
 * strictly, keeping the named columns: a malformed row fails with its line, an empty cell or an
 * absent row is a gap (NaN). A reader of its own because market-adapters/ may not import the
 * forecasting readers in src/ (DESIGN.md §2).
 */
export const parseHourlyCsv = (
  text: string,
  file: string,
  columns: readonly string[],
  format: HourlyCsvFormat,
): Record<string, HourlySeries> => {
  const invalid = (line: number, message: string): DomainError =>
    new DomainError(format.errorCode, `${file}:${line}: ${message}`, format.field, { file, line });
  const lines = text.split(/\r?\n/);
  const header = (lines[0] ?? '').replace(/^\uFEFF/, '').split(',');
  const dayColumn = header.indexOf('trading_day');
  const hourColumn = header.indexOf('hour_ending');
  const indexes = columns.map((column) => header.indexOf(column));
  if (dayColumn < 0 || hourColumn < 0 || indexes.some((index) => index < 0))
    throw invalid(1, `expected the columns trading_day, hour_ending, ${columns.join(', ')}`);
  const rows: { line: number; epochDay: number; hour: number; values: number[] }[] = [];
  const days = new Map<string, TradingDay>();
  for (let index = 1; index < lines.length; index++) {
    const raw = lines[index]!;
    if (raw.trim() === '') continue;
    const line = index + 1;
    const fields = raw.split(',');
    if (fields.length !== header.length)
      throw invalid(line, `expected ${header.length} fields, got ${fields.length}`);
    const dayText = fields[dayColumn]!.trim();
    // Parsed once per day, not per row: luxon would dominate reading years of hourly rows.
    let day = days.get(dayText);
    if (day === undefined) {
      try {
        day = TradingDay.parse(dayText);
      } catch {
        throw invalid(line, `trading_day must be YYYY-MM-DD, got "${dayText}"`);
      }
      days.set(dayText, day);
    }
    const hourText = fields[hourColumn]!.trim();
    const hour = Number(hourText);
    if (!/^\d{1,2}$/.test(hourText) || hour < 1 || hour > HOURS_PER_DAY)
      throw invalid(line, `hour_ending must be 1..24, got "${hourText}"`);
    const values = indexes.map((at, k) => {
      const cell = (fields[at] ?? '').trim();
      if (cell === '') return Number.NaN;
      if (!format.number.test(cell))
        throw invalid(line, `${columns[k]} must be a decimal number, got "${cell}"`);
      return Number(cell);
    });
    rows.push({ line, epochDay: day.epochDay, hour, values });
  }
  if (rows.length === 0) throw invalid(2, 'the file holds no data rows');
  // A loop, not Math.min(...rows): years of hourly rows would overflow the argument list.
  let first = Infinity;
  let last = -Infinity;
  for (const row of rows) {
    first = Math.min(first, row.epochDay);
    last = Math.max(last, row.epochDay);
  }
  const size = (last - first + 1) * HOURS_PER_DAY;
  const arrays = columns.map(() => new Float64Array(size).fill(Number.NaN));
  const seen = new Uint8Array(size);
  for (const row of rows) {
    const at = (row.epochDay - first) * HOURS_PER_DAY + row.hour - 1;
    if (seen[at] === 1) throw invalid(row.line, 'this trading hour appears twice');
    seen[at] = 1;
    row.values.forEach((value, k) => (arrays[k]![at] = value));
  }
  const firstDay = TradingDay.fromEpochDay(first);
  return Object.fromEntries(
    columns.map((column, k) => [column, { firstDay, values: arrays[k]!, unit: format.unit }]),
  );
};
