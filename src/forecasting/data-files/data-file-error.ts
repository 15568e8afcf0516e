import { DomainError } from '../../../domain/shared/domain-error.js';

export type DataFileErrorCode =
  'FORECAST.INVALID_DATA_FILE' | 'FORECAST.DATA_FILE_NOT_FOUND' | 'FORECAST.DATA_OUT_OF_RANGE';

/** Where a data file is wrong and what was expected there; every field is optional but `file`. */
export interface DataFileErrorPlace {
  readonly file: string;
  /** 1-based line of the file (the header is line 1). */
  readonly line?: number;
  readonly column?: string;
  /** What the reader expected to find, e.g. "an integer hour_ending 1..24". */
  readonly expected?: string;
}

/**
 * A data file that cannot be used as a whole. The message reads `file:line: column <name>: what was
 * wrong (expected ...)`, so a person can open the file at the right line; the parts are also kept
 * as fields for callers and tests. It is a DomainError so the CLI reports it like every other bad
 * input (exit code 2).
 */
export class DataFileError extends DomainError {
  readonly file: string;
  readonly line: number | undefined;
  readonly column: string | undefined;
  readonly expected: string | undefined;

  constructor(code: DataFileErrorCode, place: DataFileErrorPlace, problem: string) {
    super(code, describe(place, problem), place.column, { ...place });
    this.file = place.file;
    this.line = place.line;
    this.column = place.column;
    this.expected = place.expected;
  }
}

const describe = (place: DataFileErrorPlace, problem: string): string => {
  const where = place.line === undefined ? place.file : `${place.file}:${place.line}`;
  const column = place.column === undefined ? '' : ` column ${place.column}:`;
  const expected = place.expected === undefined ? '' : ` (expected ${place.expected})`;
  return `${where}:${column} ${problem}${expected}`;
};
