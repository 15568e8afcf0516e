import { readFile } from 'node:fs/promises';
import { DataFileError } from './data-file-error.js';
import { parseHourlyCsv, type HourlyCsvData } from './hourly-csv.parser.js';

/** Reads and parses an hourly CSV file (see parseHourlyCsv); a file that cannot be read is a DataFileError. */
export const readHourlyCsvFile = async (
  path: string,
  columns: readonly string[],
): Promise<HourlyCsvData> => {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'no such file'
        : (error as Error).message;
    throw new DataFileError(
      'FORECAST.DATA_FILE_NOT_FOUND',
      { file: path, expected: 'a readable hourly CSV file' },
      reason,
    );
  }
  return parseHourlyCsv(text, { file: path, columns });
};
