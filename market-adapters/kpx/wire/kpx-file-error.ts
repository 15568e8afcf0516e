import { DomainError } from '../../../domain/shared/domain-error.js';

/**
 * Why a KPX-style file could not be read or written:
 * - `KPX_FILE.ENCODING`: bytes that are not CP949, or text CP949 cannot hold;
 * - `KPX_FILE.HEADER`: not the expected columns;
 * - `KPX_FILE.ROW`: a cell that does not hold what its column says;
 * - `KPX_FILE.CONTENT`: rows that do not add up (a repeated hour, two trading days in one file);
 * - `KPX_FILE.NOT_WRITABLE`: a request the file format cannot express exactly.
 */
export type KpxFileErrorCode =
  | 'KPX_FILE.ENCODING'
  | 'KPX_FILE.HEADER'
  | 'KPX_FILE.ROW'
  | 'KPX_FILE.CONTENT'
  | 'KPX_FILE.NOT_WRITABLE';

/** An error about one line (1-based, the header is line 1) and optionally one column of a file. */
export const kpxFileError = (
  code: KpxFileErrorCode,
  file: string,
  where: { readonly line?: number; readonly column?: string },
  message: string,
): DomainError => {
  const place = [
    where.line === undefined ? undefined : `line ${where.line}`,
    where.column === undefined ? undefined : `column ${where.column}`,
  ].filter((part) => part !== undefined);
  const prefix = place.length === 0 ? file : `${file}, ${place.join(', ')}`;
  return new DomainError(code, `${prefix}: ${message}`, place.join(', ') || undefined, {
    file,
    ...where,
  });
};
