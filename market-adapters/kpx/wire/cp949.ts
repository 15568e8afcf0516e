import iconv from 'iconv-lite';
import { kpxFileError } from './kpx-file-error.js';

/**
 * CP949 (Microsoft's extension of EUC-KR, "UHC"), the encoding of KPX and EPSIS CSV files
 * (kpx-market-rules.md §7.1, §7.2). Both directions go through iconv-lite: Node 20's
 * `TextDecoder('euc-kr')` is ICU's plain EUC-KR here and garbles the 8,822 Hangul syllables that
 * only CP949 holds (e.g. '똠' = 0x8C 0x63), so it cannot be trusted with names.
 *
 * Files are split into lines on the byte 0x0A before decoding: CP949 trail bytes are 0x41..0xFE,
 * so a line feed byte is always a line feed, and every error can name its line.
 */
const ENCODING = 'cp949';
const LF = 0x0a;
const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;
// iconv-lite writes '?' for a character CP949 lacks and U+FFFD for bytes it cannot read; neither is
// acceptable in a file that carries prices and quantities, so both are turned into errors.
const REPLACEMENT = '\uFFFD';

/** Decodes a whole file into its lines (without line ends), failing on the first unreadable line. */
export const decodeCp949Lines = (bytes: Uint8Array, file: string): string[] => {
  if (UTF8_BOM.every((byte, index) => bytes[index] === byte))
    throw kpxFileError(
      'KPX_FILE.ENCODING',
      file,
      { line: 1 },
      'the file starts with a UTF-8 byte-order mark; KPX files are CP949: save it as CP949 (ANSI/EUC-KR)',
    );
  const lines: string[] = [];
  let start = 0;
  for (let index = 0; index <= bytes.length; index++) {
    if (index < bytes.length && bytes[index] !== LF) continue;
    let end = index;
    if (end > start && bytes[end - 1] === 0x0d) end--; // CRLF
    const text = iconv.decode(bytes.subarray(start, end), ENCODING);
    const bad = text.indexOf(REPLACEMENT);
    if (bad >= 0)
      throw kpxFileError(
        'KPX_FILE.ENCODING',
        file,
        { line: lines.length + 1 },
        `bytes that are not CP949 after "${text.slice(Math.max(0, bad - 20), bad)}"`,
      );
    lines.push(text);
    start = index + 1;
  }
  // A file normally ends with a line end: that leaves one empty "line" after it, not a row.
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
};

/** Encodes lines as CP949, each ended by CRLF (what spreadsheet tools on Windows write and read). */
export const encodeCp949Lines = (lines: readonly string[], file: string): Uint8Array => {
  const parts = lines.map((line, index) => {
    const bytes = iconv.encode(line, ENCODING);
    if (iconv.decode(bytes, ENCODING) !== line) {
      const at = [...line].findIndex(
        (char) => iconv.decode(iconv.encode(char, ENCODING), ENCODING) !== char,
      );
      const char = [...line][at] ?? '';
      throw kpxFileError(
        'KPX_FILE.ENCODING',
        file,
        { line: index + 1 },
        `"${char}" (U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}) cannot be written in CP949`,
      );
    }
    return Buffer.concat([bytes, Buffer.from([0x0d, LF])]);
  });
  return new Uint8Array(Buffer.concat(parts));
};
