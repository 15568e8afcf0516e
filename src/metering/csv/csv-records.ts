/** One record of a CSV text: its fields and the 1-based line it starts on. */
export interface CsvRecord {
  readonly fields: readonly string[];
  readonly line: number;
  /** Set when the record is broken (an unclosed quote, text after a closing quote). */
  readonly problem?: string;
}

/**
 * Splits CSV text into records (RFC 4180): fields separated by commas, records by CRLF, LF or
 * CR; a field in double quotes may hold commas, line breaks and doubled quotes (""). A leading
 * byte-order mark is dropped and blank lines are skipped. A broken record is returned with its
 * problem instead of failing the text, so one bad line never hides the others.
 */
export function* csvRecords(text: string): Generator<CsvRecord> {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (i < text.length) {
    const startLine = line;
    const fields: string[] = [];
    let problem: string | undefined;
    let field = '';
    let atRecordEnd = false;
    while (!atRecordEnd) {
      let start = i;
      while (text[start] === ' ' || text[start] === '\t') start++;
      if (text[start] === '"') {
        i = start;
        // A quoted field: runs to the next lone quote.
        i++;
        let closed = false;
        while (i < text.length) {
          const c = text[i] as string;
          if (c === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
          field += c;
          i++;
        }
        if (!closed) problem ??= 'a quoted field is not closed before the end of the text';
        // Only spaces may follow the closing quote before the separator.
        while (text[i] === ' ' || text[i] === '\t') i++;
        if (i < text.length && !isSeparator(text, i)) {
          problem ??= `unexpected text after a closing quote in field ${fields.length + 1}`;
          while (i < text.length && !isSeparator(text, i)) i++;
        }
      } else {
        while (i < text.length && !isSeparator(text, i)) field += text[i++];
      }
      fields.push(field);
      field = '';
      if (text[i] === ',') i++;
      else {
        atRecordEnd = true;
        i = skipLineBreak(text, i);
        line++;
      }
    }
    const blank = fields.length === 1 && fields[0]?.trim() === '' && problem === undefined;
    if (!blank)
      yield problem === undefined
        ? { fields, line: startLine }
        : { fields, line: startLine, problem };
  }
}

const isSeparator = (text: string, i: number): boolean =>
  text[i] === ',' || text[i] === '\n' || text[i] === '\r';

const skipLineBreak = (text: string, i: number): number =>
  text[i] === '\r' ? (text[i + 1] === '\n' ? i + 2 : i + 1) : text[i] === '\n' ? i + 1 : i;
