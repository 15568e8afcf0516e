import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dayIndexOf, valueAt } from '../../../domain/forecasting/hourly-series.js';
import { TradingDay } from '../../../domain/shared/time/trading-day.js';
import { DataFileError } from '../../../src/forecasting/data-files/data-file-error.js';
import { readHourlyCsvFile } from '../../../src/forecasting/data-files/hourly-csv.reader.js';
import {
  knownDataFile,
  resolveDataFile,
} from '../../../src/forecasting/data-files/kpx-data-files.js';

const SHARED = join(process.cwd(), '..', 'shared', 'data', 'kpx');
const directory = mkdtempSync(join(tmpdir(), 'gridfolio-data-files-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('the shared KPX files', () => {
  it('SMP 2020-12-19..2024-12-31: the gaps of 2024 are counted, not errors', async () => {
    const { column } = knownDataFile('price', 'mainland');
    const data = await readHourlyCsvFile(join(SHARED, knownDataFile('price').fileName), [
      column,
      'smp_jeju_krw_per_kwh',
    ]);
    const smp = data.series[column]!;
    expect(data.firstDay.toString()).toBe('2020-12-19');
    expect(data.lastDay.toString()).toBe('2024-12-31');
    expect(smp.unit).toBe('KRW/kWh');
    const from = dayIndexOf(smp, TradingDay.parse('2024-01-01')) * 24;
    const gaps2024 = smp.values.subarray(from).filter(Number.isNaN).length;
    // 2024-03-21 is absent as a whole, and 11 more hours on 2024-06-01, 10-23, 10-24 and 11-06.
    expect(gaps2024).toBe(35);
    expect(Number.isNaN(valueAt(smp, dayIndexOf(smp, TradingDay.parse('2024-03-21')), 12))).toBe(
      true,
    );
    expect(valueAt(smp, dayIndexOf(smp, TradingDay.parse('2024-12-31')), 24)).toBe(92.53);
    expect(data.gapHours[column]).toBe(data.missingRows);
  });

  it('market solar 2024-01..09: the largest hour is the portfolio capacity, 6,255 MW', async () => {
    const { fileName, column } = knownDataFile('pv');
    const data = await readHourlyCsvFile(join(SHARED, fileName), [column]);
    const values = data.series[column]!.values;
    expect(data.lastDay.toString()).toBe('2024-09-30');
    expect(Math.round(Math.max(...values))).toBe(6255);
    expect(data.gapHours[column]).toBe(0);
  });
});

describe('resolveDataFile', () => {
  it('takes a folder with the standard names, a file as given, or ../shared/data/kpx by default', () => {
    const folder = join(directory, 'kpx');
    mkdirSync(folder);
    expect(resolveDataFile('price', 'jeju', folder, '/elsewhere')).toEqual({
      path: join(folder, 'smp-hourly-2020-2024.csv'),
      column: 'smp_jeju_krw_per_kwh',
    });
    const file = join(directory, 'load.csv');
    writeFileSync(file, 'trading_day,hour_ending,demand_mainland_mw\n');
    expect(resolveDataFile('load', 'mainland', 'load.csv', directory).path).toBe(file);
    expect(resolveDataFile('pv', 'mainland', undefined, process.cwd()).path).toBe(
      join(SHARED, 'renewables-hourly-2024-jan-sep.csv'),
    );
  });

  it('names the path and what was expected when nothing is there', () => {
    expect(() => resolveDataFile('pv', 'mainland', 'missing', directory)).toThrow(DataFileError);
    expect(() => resolveDataFile('pv', 'mainland', undefined, directory)).toThrow(
      /shared data folder/,
    );
  });

  it('a file that cannot be read is FORECAST.DATA_FILE_NOT_FOUND', async () => {
    await expect(readHourlyCsvFile(join(directory, 'nope.csv'), ['x_mw'])).rejects.toMatchObject({
      code: 'FORECAST.DATA_FILE_NOT_FOUND',
    });
  });
});
