import { marketRules, type MarketId } from '../../../domain/market/market-rules.js';
import { instantMs } from '../../../domain/shared/iso-instant.js';
import { MINUTE_MS } from '../../../domain/shared/time/kst.js';
import type { TradingDay } from '../../../domain/shared/time/trading-day.js';
import type { KrwPerKwh } from '../../../domain/shared/units.js';
import type {
  IsoInstant,
  PriceKind,
  PublishedPrice,
  PublishedPrices,
} from '../../market-adapter.port.js';
import { readTable, writeTable, type TableSpec } from './csv-table.js';
import { kpxFileError } from './kpx-file-error.js';
import {
  readIntervalLabel,
  readMarket,
  readPriceKrwPerKwh,
  readTimestampMs,
  readTradingDay,
  writeIntervalEnd,
  writeIntervalLabel,
  writeMarket,
  writePriceKrwPerKwh,
  type Read,
} from './kpx-values.js';

/**
 * Published prices, long layout: one row per interval (layout ASSUMED; the labels and the
 * '24:00' stamp are KPX/EPSIS conventions, kpx-market-rules.md §7.2):
 *   거래일자,시장,구분,시간,시각,SMP(원/kWh),비고
 *   2024-06-03,육지,하루전,24,2024-06-03 24:00,101.00,
 *   2024-06-03,제주,실시간,24시 4구간,2024-06-03 24:00,98.12,
 * 시각 is the interval's end, the day's end written 24:00; an interval that did not clear has an
 * empty SMP and its reason in 비고.
 */
export const PRICES_FILE: TableSpec<PricesColumn> = {
  file: 'prices file',
  columns: ['거래일자', '시장', '구분', '시간', '시각', 'SMP(원/kWh)', '비고'],
};
type PricesColumn = '거래일자' | '시장' | '구분' | '시간' | '시각' | 'SMP(원/kWh)' | '비고';

/** 하루전시장 / 실시간시장 (glossary, kpx-market-rules.md §0). */
const KINDS: Readonly<Record<PriceKind, string>> = { day_ahead: '하루전', real_time: '실시간' };

const minutesOf = (market: MarketId, kind: PriceKind): number | undefined =>
  kind === 'day_ahead'
    ? marketRules(market).dayAhead.intervalMinutes
    : marketRules(market).realTime?.intervalMinutes;

export const encodePricesFile = (prices: PublishedPrices): Uint8Array => {
  const refuse = (message: string): never => {
    throw kpxFileError('KPX_FILE.NOT_WRITABLE', PRICES_FILE.file, {}, message);
  };
  if (prices.prices.length === 0) refuse('a prices file lists at least one interval');
  return writeTable(
    PRICES_FILE,
    prices.prices.map((price) => ({
      거래일자: prices.tradingDay,
      시장: writeMarket(prices.market),
      구분: KINDS[prices.kind],
      시간:
        writeIntervalLabel(price.interval, prices.intervalMinutes) ??
        refuse(
          `interval ${price.interval} of the ${prices.intervalMinutes}-minute grid has no KPX label`,
        ),
      시각:
        writeIntervalEnd(instantMs(price.endsAt)) ??
        refuse(`interval ${price.interval} ends at ${price.endsAt}, not on a whole minute`),
      'SMP(원/kWh)':
        price.priceKrwPerKwh === null
          ? ''
          : (writePriceKrwPerKwh(price.priceKrwPerKwh) ??
            refuse(`interval ${price.interval}: price cannot be written`)),
      비고: price.reason ?? '',
    })),
  );
};

export interface PricesFileEnvelope {
  readonly final: boolean;
  readonly publishedAt: IsoInstant;
}

const iso = (ms: number): IsoInstant => new Date(ms).toISOString();

/**
 * Reads a prices file strictly: one day, market and kind; intervals rising, each once; 시각 must
 * be the end of the interval 시간 names ('2024-06-04 00:00' is read as well as '2024-06-03 24:00').
 */
export const decodePricesFile = (
  bytes: Uint8Array,
  envelope: PricesFileEnvelope,
): PublishedPrices => {
  const rows = readTable(PRICES_FILE, bytes);
  const first = rows[0];
  if (first === undefined)
    throw kpxFileError('KPX_FILE.CONTENT', PRICES_FILE.file, { line: 2 }, 'the file has no rows');
  const value = <T>(row: (typeof rows)[number], column: PricesColumn, read: Read<T>): T =>
    read.ok ? read.value : row.fail(column, read.message);
  const day: TradingDay = value(first, '거래일자', readTradingDay(first.cell('거래일자')));
  const market = value(first, '시장', readMarket(first.cell('시장')));
  const kindText = first.cell('구분');
  const kind = (Object.keys(KINDS) as PriceKind[]).find((key) => KINDS[key] === kindText);
  if (kind === undefined) return first.fail('구분', `expected 하루전 or 실시간, got "${kindText}"`);
  const minutes =
    minutesOf(market, kind) ??
    first.fail('구분', `the ${first.cell('시장')} market has no ${kindText} market`);
  let previous = -1;
  const prices: PublishedPrice[] = rows.map((row) => {
    for (const column of ['거래일자', '시장', '구분'] as const)
      if (row.cell(column) !== first.cell(column))
        row.fail(
          column,
          `a prices file holds one ${column}: "${first.cell(column)}" on line 2, "${row.cell(column)}" here`,
          'KPX_FILE.CONTENT',
        );
    const interval = value(row, '시간', readIntervalLabel(row.cell('시간'), minutes));
    if (interval <= previous)
      row.fail(
        '시간',
        `intervals must rise, each once: "${row.cell('시간')}" comes after a later one or repeats`,
        'KPX_FILE.CONTENT',
      );
    previous = interval;
    const startMs = day.startMs + interval * minutes * MINUTE_MS;
    const endMs = startMs + minutes * MINUTE_MS;
    if (value(row, '시각', readTimestampMs(row.cell('시각'))) !== endMs)
      row.fail(
        '시각',
        `"${row.cell('시각')}" is not the end of ${row.cell('시간')} (${writeIntervalEnd(endMs)})`,
        'KPX_FILE.CONTENT',
      );
    const priceText = row.cell('SMP(원/kWh)');
    const reason = row.cell('비고');
    return {
      interval,
      startsAt: iso(startMs),
      endsAt: iso(endMs),
      priceKrwPerKwh:
        priceText === ''
          ? null
          : (value(row, 'SMP(원/kWh)', readPriceKrwPerKwh(priceText)) as KrwPerKwh),
      ...(reason === '' ? {} : { reason }),
    };
  });
  return {
    status: 'published',
    market,
    tradingDay: day.toString(),
    kind,
    intervalMinutes: minutes,
    final: envelope.final,
    publishedAt: envelope.publishedAt,
    prices,
  };
};
