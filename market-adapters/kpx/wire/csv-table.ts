import { decodeCp949Lines, encodeCp949Lines } from './cp949.js';
import { kpxFileError } from './kpx-file-error.js';

/**
 * A CSV table in a CP949 file: a header line naming the columns, then one record per line.
 * Fields are separated by commas and quoted with '"' when they hold a comma, a quote or outer
 * spaces (RFC 4180); a record never spans lines, so every error names the file's own line number.
 */
export interface TableSpec<C extends string> {
  /** For messages: 'bid file', 'results file'... */
  readonly file: string;
  /** In file order; the header line must be exactly these. */
  readonly columns: readonly C[];
}

export interface TableRow<C extends string> {
  /** 1-based line in the file (the header is line 1). */
  readonly line: number;
  cell(column: C): string;
  /** Throws `KPX_FILE.ROW` (or `code`) naming this line and the column. */
  fail(column: C | undefined, message: string, code?: 'KPX_FILE.ROW' | 'KPX_FILE.CONTENT'): never;
}

const needsQuotes = (field: string): boolean => /[",]/.test(field) || field.trim() !== field;

export const writeTable = <C extends string>(
  spec: TableSpec<C>,
  rows: readonly Readonly<Record<C, string>>[],
): Uint8Array => {
  const record = (fields: readonly string[], line: number): string =>
    fields
      .map((field, index) => {
        if (/[\r\n]/.test(field))
          throw kpxFileError(
            'KPX_FILE.NOT_WRITABLE',
            spec.file,
            { line, column: spec.columns[index] },
            'a field cannot hold a line break',
          );
        return needsQuotes(field) ? `"${field.replaceAll('"', '""')}"` : field;
      })
      .join(',');
  const lines = [
    record(spec.columns, 1),
    ...rows.map((row, index) =>
      record(
        spec.columns.map((column) => row[column]),
        index + 2,
      ),
    ),
  ];
  return encodeCp949Lines(lines, spec.file);
};

/** Splits one CSV record into its fields, or returns why it is not well-formed. */
const splitRecord = (text: string): string[] | string => {
  const fields: string[] = [];
  let index = 0;
  for (;;) {
    if (text[index] === '"') {
      let value = '';
      index++;
      for (;;) {
        const quote = text.indexOf('"', index);
        if (quote < 0) return `a quoted field is not closed (from character ${index})`;
        value += text.slice(index, quote);
        if (text[quote + 1] === '"') {
          value += '"';
          index = quote + 2;
          continue;
        }
        index = quote + 1;
        break;
      }
      fields.push(value);
      if (index === text.length) return fields;
      if (text[index] !== ',')
        return `unexpected text after a quoted field at character ${index + 1}`;
      index++;
    } else {
      const comma = text.indexOf(',', index);
      const value = comma < 0 ? text.slice(index) : text.slice(index, comma);
      if (value.includes('"'))
        return `a quote inside an unquoted field "${value}" (quote the whole field and double the quote)`;
      fields.push(value);
      if (comma < 0) return fields;
      index = comma + 1;
    }
  }
};

/** Reads a table strictly: the exact header, then records with exactly one field per column. */
export const readTable = <C extends string>(
  spec: TableSpec<C>,
  bytes: Uint8Array,
): TableRow<C>[] => {
  const lines = decodeCp949Lines(bytes, spec.file);
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const header = lines[0] === undefined ? [] : splitRecord(lines[0]);
  if (
    typeof header === 'string' ||
    header.length !== spec.columns.length ||
    header.some((name, index) => name !== spec.columns[index])
  )
    throw kpxFileError(
      'KPX_FILE.HEADER',
      spec.file,
      { line: 1 },
      `expected the columns ${spec.columns.join(',')}, got ${lines[0] === undefined ? 'an empty file' : `"${lines[0]}"`}`,
    );
  return lines.slice(1).map((text, index) => {
    const line = index + 2;
    const fail = (
      column: C | undefined,
      message: string,
      code: 'KPX_FILE.ROW' | 'KPX_FILE.CONTENT' = 'KPX_FILE.ROW',
    ): never => {
      throw kpxFileError(
        code,
        spec.file,
        column === undefined ? { line } : { line, column },
        message,
      );
    };
    if (text === '') fail(undefined, 'an empty line inside the table');
    const fields = splitRecord(text);
    if (typeof fields === 'string') fail(undefined, fields);
    if (fields.length !== spec.columns.length)
      fail(
        undefined,
        `expected ${spec.columns.length} fields (${spec.columns.join(',')}), got ${fields.length}`,
      );
    const values = new Map(
      spec.columns.map((column, at) => [column, (fields as string[])[at] ?? '']),
    );
    return { line, cell: (column: C) => values.get(column) ?? '', fail };
  });
};
