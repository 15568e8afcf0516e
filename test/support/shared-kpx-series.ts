import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { HourlySeries } from '../../domain/forecasting/hourly-series.js';
import { TradingDay } from '../../domain/shared/time/trading-day.js';

/** Absolute path of a file under /work/shared/data/kpx, resolved from the repository root. */
export const sharedKpxPath = (file: string): string =>
  path.resolve(process.cwd(), '../shared/data/kpx', file);

/**
 * Test-only reader of a shared KPX CSV (`trading_day,hour_ending,<columns>`) into an
 * HourlySeries of one column. Deliberately minimal (the production reader lives in
 * src/forecasting/data-files/): it fails loudly on anything unexpected rather than guessing.
 */
export const readSharedKpxSeries = (file: string, column: string, unit: string): HourlySeries => {
  const lines = readFileSync(sharedKpxPath(file), 'utf8').trim().split(/\r?\n/);
  const header = (lines[0] ?? '').split(',');
  const columnIndex = header.indexOf(column);
  if (header[0] !== 'trading_day' || header[1] !== 'hour_ending' || columnIndex < 0)
    throw new Error(`${file}: unexpected header ${lines[0]}`);
  const firstDay = TradingDay.parse((lines[1] ?? '').split(',')[0] ?? '');
  const rows = lines.slice(1).map((line) => line.split(','));
  const lastDay = TradingDay.parse(rows[rows.length - 1]?.[0] ?? '');
  const values = new Float64Array((firstDay.daysUntil(lastDay) + 1) * 24).fill(Number.NaN);
  rows.forEach((fields, i) => {
    const day = TradingDay.parse(fields[0] ?? '');
    const hourEnding = Number(fields[1]);
    const text = fields[columnIndex] ?? '';
    if (!Number.isInteger(hourEnding) || hourEnding < 1 || hourEnding > 24)
      throw new Error(`${file} line ${i + 2}: hour_ending ${fields[1]}`);
    const value = text === '' ? Number.NaN : Number(text);
    if (text !== '' && !Number.isFinite(value))
      throw new Error(`${file} line ${i + 2}: ${column} "${text}" is not a number`);
    values[firstDay.daysUntil(day) * 24 + hourEnding - 1] = value;
  });
  return { firstDay, values, unit };
};
