import { marketRules } from '../../../domain/market/market-rules.js';
import type { KrwPerKwh, Kw } from '../../../domain/shared/units.js';
import type {
  DayAheadResults,
  IntervalAward,
  IsoInstant,
  UnclearedInterval,
} from '../../market-adapter.port.js';
import { readTable, writeTable, type TableSpec } from './csv-table.js';
import { kpxFileError } from './kpx-file-error.js';
import {
  intervalsPerDayOf,
  readIntervalLabel,
  readKwFromMw,
  readMarket,
  readPriceKrwPerKwh,
  readTradingDay,
  roundedDecimal,
  writeIntervalLabel,
  writeMarket,
  writeMwFromKw,
  writePriceKrwPerKwh,
  type Read,
} from './kpx-values.js';

/**
 * The day-ahead results (award) file of one resource: one row per interval of the day, in order
 * (layout ASSUMED, README.md):
 *   거래일자,시장,자원ID,시간,SMP(원/kWh),매도낙찰량(MW),매수낙찰량(MW),비고코드,비고
 *   2024-06-03,육지,portfolio-a,1,101.00,1.000,0.000,,          <- awarded
 *   2024-06-03,육지,portfolio-a,2,,,,PRICE.NO_HISTORICAL_SMP,... <- did not clear
 *   2024-06-03,육지,portfolio-a,3,,,,,                         <- no bid in this hour
 * Awarded quantities are rounded half away from zero to whole kW (0.001 MW).
 */
export const RESULTS_FILE: TableSpec<ResultsColumn> = {
  file: 'results file',
  columns: [
    '거래일자',
    '시장',
    '자원ID',
    '시간',
    'SMP(원/kWh)',
    '매도낙찰량(MW)',
    '매수낙찰량(MW)',
    '비고코드',
    '비고',
  ],
};
type ResultsColumn =
  | '거래일자'
  | '시장'
  | '자원ID'
  | '시간'
  | 'SMP(원/kWh)'
  | '매도낙찰량(MW)'
  | '매수낙찰량(MW)'
  | '비고코드'
  | '비고';

const wholeKw = (valueKw: number): number | undefined => {
  const text = roundedDecimal(valueKw, 0);
  return text === undefined ? undefined : Number(text);
};

export const encodeResultsFile = (results: DayAheadResults): Uint8Array => {
  const refuse = (column: ResultsColumn | undefined, message: string): never => {
    throw kpxFileError(
      'KPX_FILE.NOT_WRITABLE',
      RESULTS_FILE.file,
      column === undefined ? {} : { column },
      message,
    );
  };
  const count =
    intervalsPerDayOf(results.intervalMinutes) ??
    refuse('시간', `the ${results.intervalMinutes}-minute grid has no KPX interval label`);
  const awards = new Map(results.awards.map((award) => [award.interval, award]));
  const uncleared = new Map(results.uncleared.map((entry) => [entry.interval, entry]));
  for (const interval of [...awards.keys(), ...uncleared.keys()])
    if (!Number.isInteger(interval) || interval < 0 || interval >= count)
      refuse('시간', `interval ${interval} is not on the grid of the day`);
  if (awards.size !== results.awards.length || uncleared.size !== results.uncleared.length)
    refuse('시간', 'an interval is listed twice');
  const quantity = (valueKw: number, column: ResultsColumn, interval: number): string =>
    writeMwFromKw(wholeKw(valueKw) ?? NaN) ??
    refuse(column, `interval ${interval}: ${valueKw} kW cannot be written`);
  return writeTable(
    RESULTS_FILE,
    Array.from({ length: count }, (_, interval) => {
      const award = awards.get(interval);
      const notCleared = uncleared.get(interval);
      if (award !== undefined && notCleared !== undefined)
        refuse('시간', `interval ${interval} is both awarded and not cleared`);
      return {
        거래일자: results.tradingDay,
        시장: writeMarket(results.market),
        자원ID: results.portfolioId,
        시간: writeIntervalLabel(interval, results.intervalMinutes) ?? '',
        'SMP(원/kWh)':
          award === undefined
            ? ''
            : (writePriceKrwPerKwh(award.clearingPriceKrwPerKwh) ??
              refuse('SMP(원/kWh)', `interval ${interval}: price cannot be written`)),
        '매도낙찰량(MW)':
          award === undefined ? '' : quantity(award.awardedSellKw, '매도낙찰량(MW)', interval),
        '매수낙찰량(MW)':
          award === undefined ? '' : quantity(award.awardedBuyKw, '매수낙찰량(MW)', interval),
        비고코드: notCleared?.code ?? '',
        비고: notCleared?.reason ?? '',
      };
    }),
  );
};

/** What the results file does not say: when it was published and which of our bids it answers. */
export interface ResultsFileEnvelope {
  readonly publishedAt: IsoInstant;
  readonly bid: DayAheadResults['bid'];
}

/**
 * Reads a results file strictly: every interval of the day once and in order, one day, market
 * and resource; a row is awarded (price and both quantities), not cleared (a code, no price) or
 * empty (no bid), never a mix.
 */
export const decodeResultsFile = (
  bytes: Uint8Array,
  envelope: ResultsFileEnvelope,
): DayAheadResults => {
  const rows = readTable(RESULTS_FILE, bytes);
  const first = rows[0];
  if (first === undefined)
    throw kpxFileError('KPX_FILE.CONTENT', RESULTS_FILE.file, { line: 2 }, 'the file has no rows');
  const value = <T>(row: (typeof rows)[number], column: ResultsColumn, read: Read<T>): T =>
    read.ok ? read.value : row.fail(column, read.message);
  const tradingDay = value(first, '거래일자', readTradingDay(first.cell('거래일자'))).toString();
  const market = value(first, '시장', readMarket(first.cell('시장')));
  if (first.cell('자원ID') === '') first.fail('자원ID', 'the resource id is empty');
  const minutes = marketRules(market).dayAhead.intervalMinutes;
  const count = intervalsPerDayOf(minutes) ?? 0;
  if (rows.length !== count)
    throw kpxFileError(
      'KPX_FILE.CONTENT',
      RESULTS_FILE.file,
      {},
      `expected ${count} rows, one per interval of the day, got ${rows.length}`,
    );
  const awards: IntervalAward[] = [];
  const uncleared: UnclearedInterval[] = [];
  rows.forEach((row, index) => {
    for (const column of ['거래일자', '시장', '자원ID'] as const)
      if (row.cell(column) !== first.cell(column))
        row.fail(
          column,
          `a results file holds one ${column}: "${first.cell(column)}" on line 2, "${row.cell(column)}" here`,
          'KPX_FILE.CONTENT',
        );
    const interval = value(row, '시간', readIntervalLabel(row.cell('시간'), minutes));
    if (interval !== index)
      row.fail(
        '시간',
        `expected hour ${index + 1} (rows in order, each once), got "${row.cell('시간')}"`,
        'KPX_FILE.CONTENT',
      );
    const price = row.cell('SMP(원/kWh)');
    const code = row.cell('비고코드');
    if (price !== '') {
      if (code !== '' || row.cell('비고') !== '')
        row.fail('비고코드', 'an awarded row has no remark', 'KPX_FILE.CONTENT');
      awards.push({
        interval,
        clearingPriceKrwPerKwh: value(row, 'SMP(원/kWh)', readPriceKrwPerKwh(price)) as KrwPerKwh,
        awardedSellKw: value(row, '매도낙찰량(MW)', readKwFromMw(row.cell('매도낙찰량(MW)'))) as Kw,
        awardedBuyKw: value(row, '매수낙찰량(MW)', readKwFromMw(row.cell('매수낙찰량(MW)'))) as Kw,
      });
      return;
    }
    for (const column of ['매도낙찰량(MW)', '매수낙찰량(MW)'] as const)
      if (row.cell(column) !== '')
        row.fail(column, 'a quantity without an SMP: an award has both', 'KPX_FILE.CONTENT');
    if (code !== '') uncleared.push({ interval, code, reason: row.cell('비고') });
    else if (row.cell('비고') !== '')
      row.fail('비고코드', 'a remark without a code', 'KPX_FILE.CONTENT');
  });
  return {
    status: 'published',
    portfolioId: first.cell('자원ID'),
    market,
    tradingDay,
    intervalMinutes: minutes,
    publishedAt: envelope.publishedAt,
    bid: envelope.bid,
    awards,
    uncleared,
  };
};
