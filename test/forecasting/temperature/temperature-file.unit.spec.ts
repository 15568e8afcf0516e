import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { valueAt } from '../../../domain/forecasting/hourly-series.js';
import { DataFileError } from '../../../src/forecasting/data-files/data-file-error.js';
import {
  parseTemperatureCsv,
  readTemperatureFile,
} from '../../../src/forecasting/temperature/temperature-file.js';

const failure = (text: string): DataFileError => {
  try {
    parseTemperatureCsv(text, 'weather.csv');
  } catch (error) {
    if (error instanceof DataFileError) return error;
    throw error;
  }
  throw new Error('expected the text to be refused');
};

describe('parseTemperatureCsv', () => {
  it('reads the trading_day,hour_ending layout into a °C series with gaps as NaN', () => {
    const series = parseTemperatureCsv(
      'trading_day,hour_ending,temperature_c\n2024-07-02,24,25.5\n2024-07-01,1,-3.5\n2024-07-01,2,\n',
    );
    expect(series.unit).toBe('°C');
    expect(series.firstDay.toString()).toBe('2024-07-01');
    expect(series.values.length).toBe(48);
    expect(valueAt(series, 0, 1)).toBe(-3.5);
    expect(valueAt(series, 0, 2)).toBeNaN();
    expect(valueAt(series, 0, 3)).toBeNaN();
    expect(valueAt(series, 1, 24)).toBe(25.5);
  });

  it('reads hour-ending KST timestamps: 24:00 is the last hour of the day it ends', () => {
    const series = parseTemperatureCsv(
      'timestamp_kst,temperature_c\r\n2024-01-01 01:00,1.5\r\n2024-01-01 24:00,-2\r\n',
    );
    expect(series.firstDay.toString()).toBe('2024-01-01');
    expect(valueAt(series, 0, 1)).toBe(1.5);
    expect(valueAt(series, 0, 24)).toBe(-2);
  });

  it.each([
    ['trading_day,hour_ending,temp\n2024-01-01,1,3\n', 1, 'INVALID_DATA_FILE'],
    ['trading_day,hour_ending,temperature_c,humidity\n2024-01-01,1,3,50\n', 1, 'INVALID_DATA_FILE'],
    ['', 1, 'INVALID_DATA_FILE'],
    [
      'trading_day,hour_ending,temperature_c\n2024-01-01,1,3\n2024-01-01,2,warm\n',
      3,
      'INVALID_DATA_FILE',
    ],
    [
      'trading_day,hour_ending,temperature_c\n2024-01-01,1,3\n2024-01-01,2,NaN\n',
      3,
      'INVALID_DATA_FILE',
    ],
    ['trading_day,hour_ending,temperature_c\n2024-01-01,1,-99.9\n', 2, 'DATA_OUT_OF_RANGE'],
    [
      'trading_day,hour_ending,temperature_c\n2024-01-01,1,3\n2024-01-01,2,60.5\n',
      3,
      'DATA_OUT_OF_RANGE',
    ],
    ['trading_day,hour_ending,temperature_c\n2024-01-01,0,3\n', 2, 'INVALID_DATA_FILE'],
    ['trading_day,hour_ending,temperature_c\n2024-01-01,25,3\n', 2, 'INVALID_DATA_FILE'],
    ['trading_day,hour_ending,temperature_c\n2023-02-29,1,3\n', 2, 'INVALID_DATA_FILE'],
    [
      'trading_day,hour_ending,temperature_c\n2024-01-01,1,3\n2024-01-01,1,4\n',
      3,
      'INVALID_DATA_FILE',
    ],
    ['timestamp_kst,temperature_c\n2024-02-30 10:00,3\n', 2, 'INVALID_DATA_FILE'],
    ['timestamp_kst,temperature_c\n2024-01-01 25:00,3\n', 2, 'INVALID_DATA_FILE'],
    ['timestamp_kst,temperature_c\n2024-01-01 10:30,3\n', 2, 'INVALID_DATA_FILE'],
    ['timestamp_kst,temperature_c\n2024-01-01 00:00,3\n', 2, 'INVALID_DATA_FILE'],
    ['timestamp_kst,temperature_c\n2024-01-01T10:00+09:00,3\n', 2, 'INVALID_DATA_FILE'],
  ])('refuses %j at line %i (%s)', (text, line, code) => {
    const error = failure(text);
    expect(error.code).toBe(`FORECAST.${code}`);
    expect(error.line).toBe(line);
    expect(error.message).toContain(`weather.csv:${line}`);
  });

  it('names the column and the plausible range when a value is out of range', () => {
    const error = failure('timestamp_kst,temperature_c\n2024-01-01 01:00,-99.9\n');
    expect(error.column).toBe('temperature_c');
    expect(error.message).toContain('-60');
    expect(error.message).toContain('60');
  });

  it('accepts the range limits themselves', () => {
    const series = parseTemperatureCsv(
      'trading_day,hour_ending,temperature_c\n2024-01-01,1,-60\n2024-01-01,2,60\n',
    );
    expect(valueAt(series, 0, 1)).toBe(-60);
    expect(valueAt(series, 0, 2)).toBe(60);
  });
});

describe('readTemperatureFile', () => {
  it('reads a file and reports a missing one as FORECAST.DATA_FILE_NOT_FOUND', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'gridfolio-temperature-'));
    try {
      const file = path.join(folder, 'temperature.csv');
      writeFileSync(file, 'timestamp_kst,temperature_c\n2024-01-01 01:00,1\n');
      expect(valueAt(await readTemperatureFile(file), 0, 1)).toBe(1);
      await expect(readTemperatureFile(path.join(folder, 'absent.csv'))).rejects.toMatchObject({
        code: 'FORECAST.DATA_FILE_NOT_FOUND',
      });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
