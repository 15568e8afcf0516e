import { HOURS_PER_DAY } from '../../../domain/shared/time/kpx-numbering.js';
import type { Kwh } from '../../../domain/shared/units.js';
import type {
  ForecastSubmissionSlot,
  SubmitRenewableForecastRequest,
} from '../../market-adapter.port.js';
import { readTable, writeTable, type TableSpec } from './csv-table.js';
import { kpxFileError } from './kpx-file-error.js';
import {
  readIntervalLabel,
  readKwh,
  readMarket,
  readTradingDay,
  writeIntervalLabel,
  writeKwh,
  writeMarket,
  type Read,
} from './kpx-values.js';

/**
 * The renewable forecast submission (kpx-market-rules.md §4.3): 24 rows, one per trading hour
 * (layout ASSUMED, README.md):
 *   거래일자,시장,자원ID,제출차수,시간,예측발전량(kWh)
 *   2024-06-03,육지,portfolio-a,1차,1,0.000
 * 제출차수 is 1차 (the D-1 10:00 submission) or 2차 (D-1 17:00).
 */
export const FORECAST_FILE: TableSpec<ForecastColumn> = {
  file: 'forecast file',
  columns: ['거래일자', '시장', '자원ID', '제출차수', '시간', '예측발전량(kWh)'],
};
type ForecastColumn = '거래일자' | '시장' | '자원ID' | '제출차수' | '시간' | '예측발전량(kWh)';

const SLOTS: Readonly<Record<ForecastSubmissionSlot, string>> = { first: '1차', second: '2차' };

/** Writes a forecast; energy is rounded half away from zero to 0.001 kWh. */
export const encodeForecastFile = (request: SubmitRenewableForecastRequest): Uint8Array => {
  const refuse = (column: ForecastColumn, message: string): never => {
    throw kpxFileError('KPX_FILE.NOT_WRITABLE', FORECAST_FILE.file, { column }, message);
  };
  if (request.hourlyEnergyKwh.length !== HOURS_PER_DAY)
    refuse('시간', `a forecast has 24 hourly values, got ${request.hourlyEnergyKwh.length}`);
  return writeTable(
    FORECAST_FILE,
    request.hourlyEnergyKwh.map((energy, index) => ({
      거래일자: request.tradingDay,
      시장: writeMarket(request.market),
      자원ID: request.portfolioId,
      제출차수: SLOTS[request.slot],
      시간: writeIntervalLabel(index, 60) ?? '',
      '예측발전량(kWh)':
        writeKwh(energy) ??
        refuse('예측발전량(kWh)', `hour ${index + 1}: ${energy} kWh cannot be written`),
    })),
  );
};

/** Reads a forecast file strictly: 24 rows, hours 1..24 each once (any order), one day and slot. */
export const decodeForecastFile = (
  bytes: Uint8Array,
  envelope: { readonly submissionId: string },
): SubmitRenewableForecastRequest => {
  const rows = readTable(FORECAST_FILE, bytes);
  const first = rows[0];
  if (first === undefined)
    throw kpxFileError('KPX_FILE.CONTENT', FORECAST_FILE.file, { line: 2 }, 'the file has no rows');
  const value = <T>(row: (typeof rows)[number], column: ForecastColumn, read: Read<T>): T =>
    read.ok ? read.value : row.fail(column, read.message);
  const tradingDay = value(first, '거래일자', readTradingDay(first.cell('거래일자'))).toString();
  const market = value(first, '시장', readMarket(first.cell('시장')));
  const slotText = first.cell('제출차수');
  const slot = (Object.keys(SLOTS) as ForecastSubmissionSlot[]).find(
    (key) => SLOTS[key] === slotText,
  );
  if (slot === undefined) return first.fail('제출차수', `expected 1차 or 2차, got "${slotText}"`);
  if (first.cell('자원ID') === '') first.fail('자원ID', 'the resource id is empty');
  const energy: (Kwh | undefined)[] = Array.from({ length: HOURS_PER_DAY }, () => undefined);
  for (const row of rows) {
    for (const column of ['거래일자', '시장', '자원ID', '제출차수'] as const)
      if (row.cell(column) !== first.cell(column))
        row.fail(
          column,
          `a forecast file holds one ${column}: "${first.cell(column)}" on line 2, "${row.cell(column)}" here`,
          'KPX_FILE.CONTENT',
        );
    const hour = value(row, '시간', readIntervalLabel(row.cell('시간'), 60));
    if (energy[hour] !== undefined)
      row.fail('시간', `hour ${hour + 1} appears twice`, 'KPX_FILE.CONTENT');
    energy[hour] = value(row, '예측발전량(kWh)', readKwh(row.cell('예측발전량(kWh)'))) as Kwh;
  }
  const missing = energy.flatMap((value, index) => (value === undefined ? [index + 1] : []));
  if (missing.length > 0)
    throw kpxFileError(
      'KPX_FILE.CONTENT',
      FORECAST_FILE.file,
      {},
      `hours ${missing.join(', ')} are missing: a forecast covers hours 1..24`,
    );
  return {
    submissionId: envelope.submissionId,
    portfolioId: first.cell('자원ID'),
    market,
    tradingDay,
    slot,
    hourlyEnergyKwh: energy as Kwh[],
  };
};
