import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { valueAt } from '../../../domain/forecasting/hourly-series.js';
import { formatKpxTradingHour } from '../../../domain/shared/time/kpx-numbering.js';
import { TradingDay } from '../../../domain/shared/time/trading-day.js';
import { DataFileError } from '../../../src/forecasting/data-files/data-file-error.js';
import {
  parseHourlyCsv,
  type HourlyCsvOptions,
} from '../../../src/forecasting/data-files/hourly-csv.parser.js';

const options: HourlyCsvOptions = { file: 'prices.csv', columns: ['smp_krw_per_kwh'] };

/** A trading_day,hour_ending file for `days` whole days from 2024-01-01, value = day*100 + hour. */
const longFile = (days = 2, column = 'smp_krw_per_kwh'): string[] => {
  const lines = [`trading_day,hour_ending,${column}`];
  for (let d = 0; d < days; d++)
    for (let h = 1; h <= 24; h++)
      lines.push(`${TradingDay.parse('2024-01-01').plusDays(d).toString()},${h},${d * 100 + h}`);
  return lines;
};

const stampFile = (days = 2): string[] => {
  const lines = ['timestamp_kst,smp_krw_per_kwh'];
  for (let d = 0; d < days; d++)
    for (let h = 1; h <= 24; h++)
      lines.push(
        `${formatKpxTradingHour({ day: TradingDay.parse('2024-01-01').plusDays(d), hourEnding: h })},${d * 100 + h}`,
      );
  return lines;
};

/** Replaces line `line` (1-based, header = 1) of `lines`. */
const withLine = (lines: string[], line: number, text: string): string =>
  lines.map((l, i) => (i === line - 1 ? text : l)).join('\n');

const parseError = (text: string, opts: HourlyCsvOptions = options): DataFileError => {
  try {
    parseHourlyCsv(text, opts);
  } catch (error) {
    if (error instanceof DataFileError) return error;
    throw error;
  }
  throw new Error('expected a DataFileError');
};

describe('parseHourlyCsv: the two layouts', () => {
  it('reads trading_day,hour_ending rows into a dense series with the unit from the column name', () => {
    const data = parseHourlyCsv(longFile(2).join('\n'), options);
    const series = data.series['smp_krw_per_kwh']!;
    expect(data.layout).toBe('trading_day,hour_ending');
    expect(data.firstDay.toString()).toBe('2024-01-01');
    expect(data.lastDay.toString()).toBe('2024-01-02');
    expect(data.rows).toBe(48);
    expect(series.unit).toBe('KRW/kWh');
    expect(series.values).toHaveLength(48);
    expect(valueAt(series, 0, 1)).toBe(1);
    expect(valueAt(series, 1, 24)).toBe(124);
    expect(data.gapHours['smp_krw_per_kwh']).toBe(0);
  });

  it('reads hour-ending timestamps, where YYYY-MM-DD 24:00 is hour 24 of that day', () => {
    const text = stampFile(2).join('\r\n');
    expect(text).toContain('2024-01-01 24:00,24');
    const data = parseHourlyCsv(text, options);
    const series = data.series['smp_krw_per_kwh']!;
    expect(data.layout).toBe('timestamp_kst');
    expect(data.firstDay.toString()).toBe('2024-01-01');
    expect(data.lastDay.toString()).toBe('2024-01-02');
    expect(valueAt(series, 0, 24)).toBe(24);
    expect(valueAt(series, 1, 1)).toBe(101);
  });

  it('reads only the requested columns, in any position after the time columns', () => {
    const text =
      'trading_day,hour_ending,wind_mw,solar_market_mw\n2024-03-01,1,5,0\n2024-03-01,2,6,1.5\n';
    const data = parseHourlyCsv(text, { file: 'r.csv', columns: ['solar_market_mw'] });
    expect(Object.keys(data.series)).toEqual(['solar_market_mw']);
    expect(data.series['solar_market_mw']!.unit).toBe('MW');
    expect(valueAt(data.series['solar_market_mw']!, 0, 2)).toBe(1.5);
  });
});

describe('parseHourlyCsv: gaps are data, counted', () => {
  it('counts empty cells and absent rows as gaps (NaN), and fills partial days', () => {
    const lines = longFile(2);
    lines[5] = '2024-01-01,5,'; // an empty cell
    lines.splice(30, 3); // three absent rows of day 2
    const data = parseHourlyCsv(lines.join('\n'), options);
    const series = data.series['smp_krw_per_kwh']!;
    expect(data.gapHours['smp_krw_per_kwh']).toBe(4);
    expect(data.missingRows).toBe(3);
    expect(Number.isNaN(valueAt(series, 0, 5))).toBe(true);
    expect(Number.isNaN(valueAt(series, 1, 6))).toBe(true);
    expect(valueAt(series, 1, 9)).toBe(109);
  });

  it('rows in any order give the same series', () => {
    const lines = longFile(2);
    const shuffled = [lines[0]!, ...lines.slice(1).reverse()];
    const a = parseHourlyCsv(lines.join('\n'), options).series['smp_krw_per_kwh']!;
    const b = parseHourlyCsv(shuffled.join('\n'), options).series['smp_krw_per_kwh']!;
    expect(Array.from(b.values)).toEqual(Array.from(a.values));
  });

  it('property: a series written in either layout reads back with the same values and gap count', () => {
    const cell = fc.oneof(
      { weight: 1, arbitrary: fc.constant(Number.NaN) },
      { weight: 6, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20_000 }),
        fc
          .integer({ min: 1, max: 4 })
          .chain((days) => fc.array(cell, { minLength: days * 24, maxLength: days * 24 })),
        fc.boolean(),
        (offset, values, stamps) => {
          const first = TradingDay.parse('1990-01-01').plusDays(offset);
          // Keep the first and last hour so the file spans exactly these days.
          values[0] = 1;
          values[values.length - 1] = 2;
          const lines = [stamps ? 'timestamp_kst,load_mw' : 'trading_day,hour_ending,load_mw'];
          values.forEach((value, i) => {
            const day = first.plusDays(Math.floor(i / 24));
            const hourEnding = (i % 24) + 1;
            const text = Number.isNaN(value) ? '' : String(value);
            lines.push(
              stamps
                ? `${formatKpxTradingHour({ day, hourEnding })},${text}`
                : `${day.toString()},${hourEnding},${text}`,
            );
          });
          const data = parseHourlyCsv(lines.join('\n'), { file: 'p.csv', columns: ['load_mw'] });
          const series = data.series['load_mw']!;
          expect(series.firstDay.equals(first)).toBe(true);
          expect(Array.from(series.values)).toEqual(values.map((v) => (Object.is(v, -0) ? 0 : v)));
          expect(data.gapHours['load_mw']).toBe(values.filter(Number.isNaN).length);
        },
      ),
    );
  });
});

describe('parseHourlyCsv: a bad file fails as a whole, naming the line and column', () => {
  it.each([
    [
      'hour_ending 0 (a file numbered 0..23)',
      withLine(longFile(), 3, '2024-01-01,0,1'),
      3,
      'hour_ending',
      /0\.\.23/,
    ],
    [
      'hour_ending 25',
      withLine(longFile(), 4, '2024-01-01,25,1'),
      4,
      'hour_ending',
      /"25" is not an hour/,
    ],
    [
      'a non-integer hour_ending',
      withLine(longFile(), 5, '2024-01-01,4.5,1'),
      5,
      'hour_ending',
      /"4.5"/,
    ],
    [
      'a date that does not exist',
      withLine(longFile(), 6, '2024-02-30,5,1'),
      6,
      'trading_day',
      /2024-02-30/,
    ],
    [
      '29 February of a common year',
      withLine(longFile(), 7, '2023-02-29,6,1'),
      7,
      'trading_day',
      /2023-02-29/,
    ],
    [
      'a decimal comma (an extra field)',
      withLine(longFile(), 8, '2024-01-01,7,12,5'),
      8,
      undefined,
      /3 fields as in the header/,
    ],
    [
      'a word for a value',
      withLine(longFile(), 9, '2024-01-01,8,n/a'),
      9,
      'smp_krw_per_kwh',
      /"n\/a" is not a number/,
    ],
    [
      'an infinite value',
      withLine(longFile(), 9, '2024-01-01,8,Infinity'),
      9,
      'smp_krw_per_kwh',
      /"Infinity"/,
    ],
    [
      'a hexadecimal value',
      withLine(longFile(), 9, '2024-01-01,8,0x10'),
      9,
      'smp_krw_per_kwh',
      /"0x10"/,
    ],
    [
      'a duplicate hour',
      withLine(longFile(), 12, '2024-01-01,1,5'),
      12,
      'hour_ending',
      /also on line 2/,
    ],
  ])('%s', (_name, text, line, column, message) => {
    const error = parseError(text);
    expect(error.code).toBe('FORECAST.INVALID_DATA_FILE');
    expect(error.file).toBe('prices.csv');
    expect(error.line).toBe(line);
    expect(error.column).toBe(column);
    expect(error.message).toMatch(new RegExp(`^prices\\.csv:${line}:`));
    expect(error.message).toMatch(message);
  });

  it.each([
    [
      '00:00 of the next day instead of 24:00',
      withLine(stampFile(), 25, '2024-01-02 00:00,24'),
      25,
      /24:00/,
    ],
    [
      'a file whose hours run 00:00..23:00',
      stampFile()
        .map((l, i) =>
          i === 0
            ? l
            : l.replace(
                / (\d\d):00/,
                (_m, h: string) => ` ${String(Number(h) - 1).padStart(2, '0')}:00`,
              ),
        )
        .join('\n'),
      2,
      /00:00/,
    ],
    [
      'a timestamp off the hour',
      withLine(stampFile(), 3, '2024-01-01 02:30,2'),
      3,
      /not on the hour/,
    ],
    [
      'a time past 24:00',
      withLine(stampFile(), 3, '2024-01-01 25:00,2'),
      3,
      /does not exist in KST/,
    ],
    [
      'a date that does not exist in KST',
      withLine(stampFile(), 3, '2024-02-30 02:00,2'),
      3,
      /does not exist in KST/,
    ],
    [
      'an ISO timestamp',
      withLine(stampFile(), 3, '2024-01-01T02:00:00+09:00,2'),
      3,
      /YYYY-MM-DD HH:MM/,
    ],
  ])('timestamps: %s', (_name, text, line, message) => {
    const error = parseError(text);
    expect(error.line).toBe(line);
    expect(error.column).toBe('timestamp_kst');
    expect(error.expected).toMatch(/24:00/);
    expect(error.message).toMatch(message);
  });

  it('a repeated 24:00 stamp is a duplicate, named at the later line', () => {
    // Both spellings cannot appear (00:00 is refused), so duplicates are plain repeats.
    const error = parseError(withLine(stampFile(), 26, '2024-01-01 24:00,1'));
    expect(error.line).toBe(26);
    expect(error.message).toMatch(/also on line 25/);
  });

  it.each([
    [
      'an unknown first column',
      'date,hour,smp_krw_per_kwh\n2024-01-01,1,5',
      'date',
      /trading_day,hour_ending/,
    ],
    [
      'hour instead of hour_ending',
      'trading_day,hour,smp_krw_per_kwh\n2024-01-01,1,5',
      'hour',
      /hour_ending/,
    ],
    [
      'the value column missing',
      'trading_day,hour_ending,smp_jeju\n2024-01-01,1,5',
      'smp_krw_per_kwh',
      /lacks column smp_krw_per_kwh/,
    ],
    [
      'a column named twice',
      'trading_day,hour_ending,smp_krw_per_kwh,smp_krw_per_kwh\n2024-01-01,1,5,5',
      'smp_krw_per_kwh',
      /twice/,
    ],
  ])('header: %s (line 1)', (_name, text, column, message) => {
    const error = parseError(text);
    expect(error.line).toBe(1);
    expect(error.column).toBe(column);
    expect(error.message).toMatch(message);
  });

  it('an empty file and a header without rows are errors', () => {
    expect(parseError('').message).toMatch(/empty/);
    expect(parseError('trading_day,hour_ending,smp_krw_per_kwh\n').line).toBe(2);
  });
});
