import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { DomainError } from '../../../domain/shared/domain-error.js';
import { parseMeterCsv } from '../csv/meter-csv.parser.js';
import type { IngestRow } from '../ingest/meter-ingest.types.js';

/**
 * The readings of a file: `.csv` with the header `meterId,intervalStart,intervalMinutes,energyKwh`,
 * or `.json` holding an array of readings or `{ "readings": [...] }`. A file that cannot be read
 * as a whole is a `METER.INVALID_FILE` (or `METER.INVALID_CSV`); single bad rows are not.
 */
export const readMeterFile = async (path: string): Promise<IngestRow[]> => {
  const extension = extname(path).toLowerCase();
  if (extension !== '.csv' && extension !== '.json')
    throw fileError(`${path}: expected a .csv or .json file`);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw fileError(`${path}: ${(error as Error).message}`);
  }
  if (extension === '.csv') return parseMeterCsv(text);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw fileError(`${path}: not JSON (${(error as Error).message})`);
  }
  const readings = Array.isArray(parsed)
    ? parsed
    : (parsed as { readings?: unknown } | null)?.readings;
  if (!Array.isArray(readings))
    throw fileError(`${path}: expected an array of readings or { "readings": [...] }`);
  return readings;
};

const fileError = (message: string): DomainError =>
  new DomainError('METER.INVALID_FILE', message, 'file');
