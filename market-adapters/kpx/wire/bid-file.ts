import type { CurvePoint, IntervalBid } from '../../../domain/market/bid-curve.js';
import { marketRules } from '../../../domain/market/market-rules.js';
import type { KrwPerKwh, Kw } from '../../../domain/shared/units.js';
import type { SubmitBidRequest } from '../../market-adapter.port.js';
import { readTable, writeTable, type TableSpec } from './csv-table.js';
import { kpxFileError } from './kpx-file-error.js';
import {
  readIntervalLabel,
  readKwFromMw,
  readMarket,
  readPriceKrwPerKwh,
  readTradingDay,
  writeIntervalLabel,
  writeMarket,
  writeMwFromKw,
  writePriceKrwPerKwh,
  type Read,
} from './kpx-values.js';

/**
 * The bid file: one row per interval, side and step of a day-ahead bid (layout ASSUMED, README.md):
 *   거래일자,시장,자원ID,시간,구분,단계,가격(원/kWh),수량(MW)
 *   2024-06-03,육지,portfolio-a,1,매도,1,90.00,1.000
 * 구분 is 매도 (sell) or 매수 (buy); 단계 numbers a curve's steps 1..n in increasing price. The
 * step column is not called 구간, which in Jeju names the 15-minute quarter of an hour (N시 K구간).
 */
export const BID_FILE: TableSpec<BidColumn> = {
  file: 'bid file',
  columns: ['거래일자', '시장', '자원ID', '시간', '구분', '단계', '가격(원/kWh)', '수량(MW)'],
};
type BidColumn =
  '거래일자' | '시장' | '자원ID' | '시간' | '구분' | '단계' | '가격(원/kWh)' | '수량(MW)';

const SIDES = { sell: '매도', buy: '매수' } as const;
type Side = keyof typeof SIDES;

/**
 * Writes a bid. Prices are rounded half away from zero to 0.01 KRW/kWh; a quantity must be whole
 * kW (a bid is an order, so it is never altered) and two steps of a curve must not round to the
 * same price. What the file cannot hold exactly is refused with `KPX_FILE.NOT_WRITABLE`.
 * An interval without any step has no row: offering nothing in an hour is not bidding it.
 */
export const encodeBidFile = (request: SubmitBidRequest): Uint8Array => {
  const minutes = marketRules(request.market).dayAhead.intervalMinutes;
  const refuse = (field: string, message: string): never => {
    throw kpxFileError('KPX_FILE.NOT_WRITABLE', BID_FILE.file, { column: field }, message);
  };
  const seen = new Set<number>();
  const rows: Record<BidColumn, string>[] = [];
  for (const bid of [...request.intervals].sort((a, b) => a.interval - b.interval)) {
    const label =
      writeIntervalLabel(bid.interval, minutes) ??
      refuse('시간', `interval ${bid.interval} is not on the ${minutes}-minute grid of a day`);
    if (seen.has(bid.interval)) refuse('시간', `interval ${bid.interval} appears twice`);
    seen.add(bid.interval);
    for (const side of ['sell', 'buy'] as const) {
      let previousPrice: string | undefined;
      bid[side].forEach((point, index) => {
        const where = `interval ${bid.interval} ${side} step ${index + 1}`;
        const price =
          writePriceKrwPerKwh(point.priceKrwPerKwh) ??
          refuse('가격(원/kWh)', `${where}: price ${point.priceKrwPerKwh} cannot be written`);
        if (price === previousPrice)
          refuse(
            '가격(원/kWh)',
            `${where}: price ${point.priceKrwPerKwh} rounds to ${price} KRW/kWh, the price of the step before`,
          );
        previousPrice = price;
        rows.push({
          거래일자: request.tradingDay,
          시장: writeMarket(request.market),
          자원ID: request.portfolioId,
          시간: label,
          구분: SIDES[side],
          단계: String(index + 1),
          '가격(원/kWh)': price,
          '수량(MW)':
            writeMwFromKw(point.quantityKw) ??
            refuse('수량(MW)', `${where}: quantity ${point.quantityKw} kW is not whole kW`),
        });
      });
    }
  }
  return writeTable(BID_FILE, rows);
};

/** What a bid file does not say: the transport's idempotency key and registration data. */
export interface BidFileEnvelope {
  readonly submissionId: string;
  readonly sellCapacityKw: Kw;
  readonly buyCapacityKw: Kw;
}

/**
 * Reads a bid file strictly: every cell well-formed (prices with at most two decimals, quantities
 * with at most three), one trading day, market and resource per file, each curve's steps numbered
 * 1..n in file order and each (hour, side, step) once. Errors name the line and column.
 */
export const decodeBidFile = (bytes: Uint8Array, envelope: BidFileEnvelope): SubmitBidRequest => {
  const rows = readTable(BID_FILE, bytes);
  if (rows.length === 0)
    throw kpxFileError('KPX_FILE.CONTENT', BID_FILE.file, { line: 2 }, 'the file has no bid rows');
  const first = rows[0]!;
  const value = <T>(row: (typeof rows)[number], column: BidColumn, read: Read<T>): T =>
    read.ok ? read.value : row.fail(column, read.message);
  const tradingDay = value(first, '거래일자', readTradingDay(first.cell('거래일자'))).toString();
  const market = value(first, '시장', readMarket(first.cell('시장')));
  const portfolioId = first.cell('자원ID');
  if (portfolioId === '') first.fail('자원ID', 'the resource id is empty');
  const minutes = marketRules(market).dayAhead.intervalMinutes;
  const curves = new Map<number, { sell: CurvePoint[]; buy: CurvePoint[] }>();
  for (const row of rows) {
    for (const [column, expected] of [
      ['거래일자', tradingDay],
      ['시장', first.cell('시장')],
      ['자원ID', portfolioId],
    ] as const)
      if (row.cell(column) !== expected)
        row.fail(
          column,
          `a bid file holds one ${column}: "${expected}" on line 2, "${row.cell(column)}" here`,
          'KPX_FILE.CONTENT',
        );
    const interval = value(row, '시간', readIntervalLabel(row.cell('시간'), minutes));
    const sideText = row.cell('구분');
    const side = (Object.keys(SIDES) as Side[]).find((key) => SIDES[key] === sideText);
    if (side === undefined) return row.fail('구분', `expected 매도 or 매수, got "${sideText}"`);
    const curve = curves.get(interval) ?? { sell: [], buy: [] };
    curves.set(interval, curve);
    const step = row.cell('단계');
    if (step !== String(curve[side].length + 1))
      row.fail(
        '단계',
        `expected step ${curve[side].length + 1} of the ${sideText} curve of hour ${row.cell('시간')} (steps run 1..n in order, each once), got "${step}"`,
        'KPX_FILE.CONTENT',
      );
    curve[side].push({
      priceKrwPerKwh: value(
        row,
        '가격(원/kWh)',
        readPriceKrwPerKwh(row.cell('가격(원/kWh)')),
      ) as KrwPerKwh,
      quantityKw: value(row, '수량(MW)', readKwFromMw(row.cell('수량(MW)'))) as Kw,
    });
  }
  const intervals: IntervalBid[] = [...curves.entries()]
    .sort(([a], [b]) => a - b)
    .map(([interval, curve]) => ({ interval, sell: curve.sell, buy: curve.buy }));
  return {
    submissionId: envelope.submissionId,
    portfolioId,
    market,
    product: 'day_ahead',
    tradingDay,
    intervals,
    sellCapacityKw: envelope.sellCapacityKw,
    buyCapacityKw: envelope.buyCapacityKw,
  };
};
