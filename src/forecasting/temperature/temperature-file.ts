import { readFile } from 'node:fs/promises';
import type { HourlySeries } from '../../../domain/forecasting/hourly-series.js';
import { csvRecords } from '../../metering/csv/csv-records.js';
import { DataFileError } from '../data-files/data-file-error.js';
import { parseHourlyCsv } from '../data-files/hourly-csv.parser.js';

/** The value column of a temperature file (TEMPERATURE_FORMAT.md). */
export const TEMPERATURE_COLUMN = 'temperature_c';

/** The unit of the series returned. */
export const TEMPERATURE_UNIT = '°C';

/**
 * Plausible air temperatures, °C. Korea's records are about −33 °C and +41 °C; anything outside
 * ±60 °C is a unit mix-up (Fahrenheit, Kelvin, tenths of a degree) or a sensor fault value
 * such as −99.9, and a load forecast fed with it would be silently wrong.
 */
export const TEMPERATURE_RANGE_C = { min: -60, max: 60 } as const;

/** The two accepted headers, exactly: a file with other or extra columns is refused. */
const LAYOUTS: readonly (readonly string[])[] = [
  ['trading_day', 'hour_ending', TEMPERATURE_COLUMN],
  ['timestamp_kst', TEMPERATURE_COLUMN],
];
const LAYOUT_TEXT = LAYOUTS.map((columns) => `'${columns.join(',')}'`).join(' or ');

/**
 * Parses an hourly temperature CSV (TEMPERATURE_FORMAT.md) into an HourlySeries in °C over whole
 * KST days from the first to the last day in the file; hours without a row, and empty cells, are
 * gaps (NaN). Strict: the first wrong thing fails the whole text with a DataFileError naming the
 * file, line and column. Dates, hours, KST timestamps, numbers and duplicates are checked by the
 * shared hourly reader (src/forecasting/data-files/), the header and the range here.
 */
export const parseTemperatureCsv = (text: string, file = 'temperature.csv'): HourlySeries => {
  const records = csvRecords(text);
  const header = records.next();
  const names = header.done === true ? [] : header.value.fields.map((name) => name.trim());
  const layout = LAYOUTS.find(
    (columns) => columns.length === names.length && columns.every((c, k) => c === names[k]),
  );
  if (layout === undefined)
    throw new DataFileError(
      'FORECAST.INVALID_DATA_FILE',
      { file, line: 1, expected: LAYOUT_TEXT },
      names.length === 0
        ? 'the file is empty'
        : `the header is "${names.join(',')}", not a temperature layout`,
    );
  const data = parseHourlyCsv(text, { file, columns: [TEMPERATURE_COLUMN] });
  // The shared reader has accepted every row, so each value cell is empty or a decimal number.
  const valueIndex = layout.length - 1;
  for (const record of records) {
    const cell = (record.fields[valueIndex] ?? '').trim();
    if (cell === '') continue;
    const value = Number(cell);
    if (value < TEMPERATURE_RANGE_C.min || value > TEMPERATURE_RANGE_C.max)
      throw new DataFileError(
        'FORECAST.DATA_OUT_OF_RANGE',
        {
          file,
          line: record.line,
          column: TEMPERATURE_COLUMN,
          expected: `an air temperature in °C from ${TEMPERATURE_RANGE_C.min} to ${TEMPERATURE_RANGE_C.max}`,
        },
        `${cell} °C is not a plausible air temperature`,
      );
  }
  const series = data.series[TEMPERATURE_COLUMN];
  if (series === undefined)
    throw new DataFileError('FORECAST.INVALID_DATA_FILE', { file }, 'no temperature column read');
  return { ...series, unit: TEMPERATURE_UNIT };
};

/** Reads and parses a temperature file; a file that cannot be read is FORECAST.DATA_FILE_NOT_FOUND. */
export const readTemperatureFile = async (path: string): Promise<HourlySeries> => {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(error);
    throw new DataFileError(
      'FORECAST.DATA_FILE_NOT_FOUND',
      { file: path, expected: 'a readable temperature CSV file' },
      reason,
    );
  }
  return parseTemperatureCsv(text, path);
};
