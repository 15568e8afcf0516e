import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { IntervalBid } from '../../../domain/market/bid-curve.js';
import type { KrwPerKwh, Kw, Kwh } from '../../../domain/shared/units.js';
import type {
  DayAheadResults,
  PublishedPrices,
  SubmitBidRequest,
  SubmitRenewableForecastRequest,
} from '../../../market-adapters/market-adapter.port.js';
import {
  decodeBidFile,
  decodeCp949Lines,
  decodeForecastFile,
  decodePricesFile,
  decodeResultsFile,
  encodeBidFile,
  encodeCp949Lines,
  encodeForecastFile,
  encodePricesFile,
  encodeResultsFile,
} from '../../../market-adapters/kpx/wire/index.js';
import { TradingDay } from '../../../domain/shared/time/trading-day.js';

const cp949 = (text: string): Uint8Array => encodeCp949Lines(text.split('\n'), 'test file');
const textOf = (bytes: Uint8Array): string => decodeCp949Lines(bytes, 'test file').join('\n');
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const point = (priceKrwPerKwh: number, quantityKw: number) => ({
  priceKrwPerKwh: priceKrwPerKwh as KrwPerKwh,
  quantityKw: quantityKw as Kw,
});
const expectError = (run: () => unknown, code: string, message: string | RegExp): void => {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toMatchObject({ name: 'DomainError', code });
  expect((caught as Error).message).toMatch(message);
};

const bid = (intervals: IntervalBid[]): SubmitBidRequest => ({
  submissionId: 'sub-1',
  portfolioId: 'portfolio-a',
  market: 'mainland',
  tradingDay: '2024-06-03',
  intervals,
  sellCapacityKw: 5_000 as Kw,
  buyCapacityKw: 5_000 as Kw,
});
const envelope = { submissionId: 'sub-1', sellCapacityKw: 5_000 as Kw, buyCapacityKw: 5_000 as Kw };

describe('CP949', () => {
  it('writes Korean text as CP949 bytes, each line ended by CRLF', () => {
    // 거 B0C5, 래 B7A1, 일 C0CF, 자 C0DA (KS X 1001); 똠 8C63 exists only in CP949's extension.
    expect(hex(encodeCp949Lines(['거래일자,시간', '똠'], 'f'))).toBe(
      'b0c5b7a1c0cfc0da2cbdc3b0a30d0a' + '8c630d0a',
    );
    expect(decodeCp949Lines(encodeCp949Lines(['거래일자,시간', '똠'], 'f'), 'f')).toEqual([
      '거래일자,시간',
      '똠',
    ]);
  });

  it('round-trips every Hangul syllable', () => {
    const all = Array.from({ length: 0xd7a3 - 0xac00 + 1 }, (_, k) =>
      String.fromCodePoint(0xac00 + k),
    );
    const lines = Array.from({ length: Math.ceil(all.length / 100) }, (_, k) =>
      all.slice(k * 100, k * 100 + 100).join(''),
    );
    expect(decodeCp949Lines(encodeCp949Lines(lines, 'f'), 'f')).toEqual(lines);
  });

  it('refuses text CP949 cannot hold, naming the line and the character', () => {
    expectError(
      () => encodeCp949Lines(['ok', 'price 😀'], 'bid file'),
      'KPX_FILE.ENCODING',
      /bid file, line 2: "😀" \(U\+1F600\)/,
    );
  });

  it('refuses bytes that are not CP949, naming the line', () => {
    const bytes = new Uint8Array([...cp949('거래일자\n1'), 0xff, 0xff, 0x0d, 0x0a]);
    expectError(
      () => decodeCp949Lines(bytes, 'bid file'),
      'KPX_FILE.ENCODING',
      /bid file, line 3: bytes that are not CP949/,
    );
    const cut = new Uint8Array([0x41, 0x0a, 0xb0]); // a lead byte without its trail byte
    expectError(() => decodeCp949Lines(cut, 'f'), 'KPX_FILE.ENCODING', /line 2/);
  });

  it('recognises a UTF-8 file by its byte-order mark', () => {
    const utf8 = new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from('거래일자\r\n')]);
    expectError(
      () => decodeCp949Lines(utf8, 'bid file'),
      'KPX_FILE.ENCODING',
      /UTF-8 byte-order mark/,
    );
  });

  it('reads LF as well as CRLF line ends', () => {
    expect(decodeCp949Lines(new Uint8Array([0x61, 0x0a, 0x62]), 'f')).toEqual(['a', 'b']);
  });
});

describe('bid file', () => {
  const request = bid([
    { interval: 23, sell: [point(90, 1_000), point(110.5, 2_500)], buy: [point(50, 1_500)] },
    { interval: 0, sell: [point(95.005, 1_000)], buy: [] },
  ]);

  it('writes one CP949 row per hour, side and step, hour 1 for interval 0', () => {
    expect(textOf(encodeBidFile(request))).toBe(
      [
        '거래일자,시장,자원ID,시간,구분,단계,가격(원/kWh),수량(MW)',
        '2024-06-03,육지,portfolio-a,1,매도,1,95.01,1.000',
        '2024-06-03,육지,portfolio-a,24,매도,1,90.00,1.000',
        '2024-06-03,육지,portfolio-a,24,매도,2,110.50,2.500',
        '2024-06-03,육지,portfolio-a,24,매수,1,50.00,1.500',
      ].join('\n'),
    );
  });

  it('reads back what it wrote, prices rounded to 0.01', () => {
    expect(decodeBidFile(encodeBidFile(request), envelope)).toEqual({
      ...request,
      product: 'day_ahead',
      intervals: [{ interval: 0, sell: [point(95.01, 1_000)], buy: [] }, request.intervals[0]],
    });
  });

  it('round-trips any bid with two-decimal prices and whole-kW quantities', () => {
    const curve = fc
      .uniqueArray(fc.integer({ min: -10_000, max: 100_000 }), { maxLength: 4 })
      .chain((cents) =>
        fc.tuple(
          fc.constant([...cents].sort((a, b) => a - b)),
          fc.array(fc.integer({ min: 0, max: 5_000 }), {
            minLength: cents.length,
            maxLength: cents.length,
          }),
        ),
      )
      .map(([cents, quantities]) => cents.map((c, k) => point(c / 100, quantities[k]!)));
    const intervals = fc.uniqueArray(
      fc.record({ interval: fc.integer({ min: 0, max: 23 }), sell: curve, buy: curve }),
      { selector: (b) => b.interval, maxLength: 24 },
    );
    fc.assert(
      fc.property(intervals, fc.constantFrom('mainland', 'jeju' as const), (bids, market) => {
        const original = { ...bid(bids), market };
        const expected = bids
          .filter((b) => b.sell.length + b.buy.length > 0)
          .sort((a, b) => a.interval - b.interval);
        if (expected.length === 0) return; // a file without rows is not a bid
        expect(decodeBidFile(encodeBidFile(original), envelope)).toEqual({
          ...original,
          product: 'day_ahead',
          intervals: expected,
        });
      }),
    );
  });

  it('refuses what it cannot write exactly', () => {
    expectError(
      () => encodeBidFile(bid([{ interval: 0, sell: [point(90, 1_000.5)], buy: [] }])),
      'KPX_FILE.NOT_WRITABLE',
      /interval 0 sell step 1: quantity 1000.5 kW is not whole kW/,
    );
    expectError(
      () =>
        encodeBidFile(
          bid([{ interval: 0, sell: [point(90.001, 1_000), point(90.004, 2_000)], buy: [] }]),
        ),
      'KPX_FILE.NOT_WRITABLE',
      /step 2: price 90.004 rounds to 90.00 KRW\/kWh, the price of the step before/,
    );
    expectError(
      () => encodeBidFile(bid([{ interval: 24, sell: [point(90, 1_000)], buy: [] }])),
      'KPX_FILE.NOT_WRITABLE',
      /interval 24 is not on the 60-minute grid/,
    );
    const twice = { interval: 3, sell: [point(90, 1_000)], buy: [] };
    expectError(
      () => encodeBidFile(bid([twice, twice])),
      'KPX_FILE.NOT_WRITABLE',
      /interval 3 appears twice/,
    );
    expectError(
      () => encodeBidFile({ ...bid([twice]), portfolioId: 'pv-☀' }),
      'KPX_FILE.ENCODING',
      /line 2: "☀"/,
    );
  });

  const file = (...rows: string[]): Uint8Array =>
    cp949(['거래일자,시장,자원ID,시간,구분,단계,가격(원/kWh),수량(MW)', ...rows].join('\n'));

  it('reads strictly, naming the line and column at fault', () => {
    const good = '2024-06-03,육지,portfolio-a,1,매도,1,90.00,1.000';
    expectError(
      () => decodeBidFile(cp949('date,market\n'), envelope),
      'KPX_FILE.HEADER',
      /line 1: expected the columns 거래일자,시장/,
    );
    expectError(
      () =>
        decodeBidFile(file(good, '2024-06-03,육지,portfolio-a,1,매도,2,90.123,1.000'), envelope),
      'KPX_FILE.ROW',
      /line 3, column 가격\(원\/kWh\): expected a price in KRW\/kWh with at most 2 decimals/,
    );
    expectError(
      () => decodeBidFile(file(good, '2024-06-03,육지,portfolio-a,1,매도,1,95.00,1.000'), envelope),
      'KPX_FILE.CONTENT',
      /line 3, column 단계: expected step 2/,
    );
    expectError(
      () => decodeBidFile(file(good, '2024-06-04,육지,portfolio-a,2,매도,1,90.00,1.000'), envelope),
      'KPX_FILE.CONTENT',
      /line 3, column 거래일자: a bid file holds one 거래일자/,
    );
    expectError(
      () => decodeBidFile(file(good, '2024-06-03,육지,portfolio-a,1,sell,1,90.00,1.000'), envelope),
      'KPX_FILE.ROW',
      /line 3, column 구분: expected 매도 or 매수/,
    );
    expectError(
      () => decodeBidFile(file('2024-06-03,육지,portfolio-a,25,매도,1,90.00,1.000'), envelope),
      'KPX_FILE.ROW',
      /line 2, column 시간: expected a trading hour 1..24/,
    );
    expectError(
      () => decodeBidFile(file(good, '2024-06-03,육지,portfolio-a,2,매도,1,90.00'), envelope),
      'KPX_FILE.ROW',
      /line 3: expected 8 fields/,
    );
    expectError(
      () => decodeBidFile(file(good, '', good), envelope),
      'KPX_FILE.ROW',
      /line 3: an empty line/,
    );
    expectError(() => decodeBidFile(file(), envelope), 'KPX_FILE.CONTENT', /no bid rows/);
  });

  it('reads quoted fields and ignores trailing empty lines', () => {
    const bytes = file('2024-06-03,육지,"port,""a""",1,매도,1,90.00,1.000', '', '');
    expect(decodeBidFile(bytes, envelope).portfolioId).toBe('port,"a"');
    expect(
      textOf(
        encodeBidFile({
          ...bid([{ interval: 0, sell: [point(90, 1_000)], buy: [] }]),
          portfolioId: 'port,"a"',
        }),
      ),
    ).toContain(',"port,""a""",');
    expectError(
      () => decodeBidFile(file('2024-06-03,육지,port"a,1,매도,1,90.00,1.000'), envelope),
      'KPX_FILE.ROW',
      /line 2: a quote inside an unquoted field/,
    );
    expectError(
      () => decodeBidFile(file('2024-06-03,육지,"porta,1,매도,1,90.00,1.000'), envelope),
      'KPX_FILE.ROW',
      /line 2: a quoted field is not closed/,
    );
  });
});

describe('forecast file', () => {
  const request: SubmitRenewableForecastRequest = {
    submissionId: 'fc-1',
    portfolioId: 'pv-fleet',
    market: 'jeju',
    tradingDay: '2024-06-03',
    slot: 'second',
    hourlyEnergyKwh: Array.from({ length: 24 }, (_, h) => (h * 100.25) as Kwh),
  };

  it('writes 24 rows, hour 1..24, and reads them back', () => {
    const bytes = encodeForecastFile(request);
    const lines = textOf(bytes).split('\n');
    expect(lines[0]).toBe('거래일자,시장,자원ID,제출차수,시간,예측발전량(kWh)');
    expect(lines[1]).toBe('2024-06-03,제주,pv-fleet,2차,1,0.000');
    expect(lines[24]).toBe('2024-06-03,제주,pv-fleet,2차,24,2305.750');
    expect(decodeForecastFile(bytes, { submissionId: 'fc-1' })).toEqual(request);
  });

  it('rounds energy to 0.001 kWh', () => {
    const bytes = encodeForecastFile({
      ...request,
      hourlyEnergyKwh: request.hourlyEnergyKwh.map(() => 1.0005 as Kwh),
    });
    expect(textOf(bytes).split('\n')[1]).toMatch(/,1\.001$/);
  });

  it('reads every hour once, in any order', () => {
    const lines = textOf(encodeForecastFile(request)).split('\n');
    const shuffled = [lines[0]!, ...lines.slice(1).reverse()];
    expect(decodeForecastFile(cp949(shuffled.join('\n')), { submissionId: 'fc-1' })).toEqual(
      request,
    );
    const missing = lines.slice(0, 24).join('\n');
    expectError(
      () => decodeForecastFile(cp949(missing), { submissionId: 'fc-1' }),
      'KPX_FILE.CONTENT',
      /hours 24 are missing/,
    );
    const repeated = [...lines.slice(0, 24), lines[1]!].join('\n');
    expectError(
      () => decodeForecastFile(cp949(repeated), { submissionId: 'fc-1' }),
      'KPX_FILE.CONTENT',
      /line 25, column 시간: hour 1 appears twice/,
    );
    expectError(
      () => encodeForecastFile({ ...request, hourlyEnergyKwh: [] }),
      'KPX_FILE.NOT_WRITABLE',
      /24 hourly values/,
    );
  });
});

describe('results file', () => {
  const results: DayAheadResults = {
    status: 'published',
    portfolioId: 'portfolio-a',
    market: 'mainland',
    tradingDay: '2024-06-03',
    intervalMinutes: 60,
    publishedAt: '2024-06-02T06:00:00.000Z',
    bid: { submissionId: 'sub-1', exchangeBidId: 'KPXSIM-MAINLAND-2024-06-03-000001' },
    awards: [
      {
        interval: 0,
        clearingPriceKrwPerKwh: 101 as KrwPerKwh,
        awardedSellKw: 1_000 as Kw,
        awardedBuyKw: 0 as Kw,
      },
      {
        interval: 23,
        clearingPriceKrwPerKwh: 124.09 as KrwPerKwh,
        awardedSellKw: 3_000 as Kw,
        awardedBuyKw: 0 as Kw,
      },
    ],
    uncleared: [
      {
        interval: 5,
        code: 'PRICE.NO_HISTORICAL_SMP',
        reason: 'no SMP for hour 6, so the hour did not clear',
      },
    ],
  };

  it('writes one row per hour of the day and reads the results back', () => {
    const bytes = encodeResultsFile(results);
    const lines = textOf(bytes).split('\n');
    expect(lines).toHaveLength(25);
    expect(lines[0]).toBe(
      '거래일자,시장,자원ID,시간,SMP(원/kWh),매도낙찰량(MW),매수낙찰량(MW),비고코드,비고',
    );
    expect(lines[1]).toBe('2024-06-03,육지,portfolio-a,1,101.00,1.000,0.000,,');
    expect(lines[2]).toBe('2024-06-03,육지,portfolio-a,2,,,,,');
    expect(lines[6]).toBe(
      '2024-06-03,육지,portfolio-a,6,,,,PRICE.NO_HISTORICAL_SMP,"no SMP for hour 6, so the hour did not clear"',
    );
    expect(lines[24]).toBe('2024-06-03,육지,portfolio-a,24,124.09,3.000,0.000,,');
    expect(
      decodeResultsFile(bytes, { publishedAt: results.publishedAt, bid: results.bid }),
    ).toEqual(results);
  });

  it('refuses rows that mix an award with a remark, or hours out of order', () => {
    const lines = textOf(encodeResultsFile(results)).split('\n');
    const envelopeOf = { publishedAt: results.publishedAt, bid: null };
    const swapped = [...lines];
    [swapped[2], swapped[3]] = [swapped[3]!, swapped[2]!];
    expectError(
      () => decodeResultsFile(cp949(swapped.join('\n')), envelopeOf),
      'KPX_FILE.CONTENT',
      /line 3, column 시간: expected hour 2/,
    );
    const mixed = [...lines];
    mixed[1] = '2024-06-03,육지,portfolio-a,1,101.00,1.000,0.000,X,';
    expectError(
      () => decodeResultsFile(cp949(mixed.join('\n')), envelopeOf),
      'KPX_FILE.CONTENT',
      /line 2, column 비고코드/,
    );
    const half = [...lines];
    half[2] = '2024-06-03,육지,portfolio-a,2,,1.000,,,';
    expectError(
      () => decodeResultsFile(cp949(half.join('\n')), envelopeOf),
      'KPX_FILE.CONTENT',
      /line 3, column 매도낙찰량\(MW\): a quantity without an SMP/,
    );
    expectError(
      () => decodeResultsFile(cp949(lines.slice(0, 10).join('\n')), envelopeOf),
      'KPX_FILE.CONTENT',
      /expected 24 rows/,
    );
  });
});

describe('prices file', () => {
  const day = TradingDay.parse('2024-06-03');
  const iso = (ms: number) => new Date(ms).toISOString();
  const pricesOf = (
    kind: 'day_ahead' | 'real_time',
    minutes: number,
    count: number,
  ): PublishedPrices => ({
    status: 'published',
    market: kind === 'day_ahead' ? 'mainland' : 'jeju',
    tradingDay: '2024-06-03',
    kind,
    intervalMinutes: minutes,
    final: true,
    publishedAt: '2024-06-02T06:00:00.000Z',
    prices: Array.from({ length: count }, (_, interval) => ({
      interval,
      startsAt: iso(day.startMs + interval * minutes * 60_000),
      endsAt: iso(day.startMs + (interval + 1) * minutes * 60_000),
      ...(interval === 2
        ? { priceKrwPerKwh: null, reason: 'no historical SMP' }
        : { priceKrwPerKwh: (100 + interval / 4) as KrwPerKwh }),
    })),
  });

  it("writes day-ahead prices by hour-ending, the last stamped '24:00', and reads them back", () => {
    const prices = pricesOf('day_ahead', 60, 24);
    const bytes = encodePricesFile(prices);
    const lines = textOf(bytes).split('\n');
    expect(lines[0]).toBe('거래일자,시장,구분,시간,시각,SMP(원/kWh),비고');
    expect(lines[1]).toBe('2024-06-03,육지,하루전,1,2024-06-03 01:00,100.00,');
    expect(lines[3]).toBe('2024-06-03,육지,하루전,3,2024-06-03 03:00,,no historical SMP');
    expect(lines[24]).toBe('2024-06-03,육지,하루전,24,2024-06-03 24:00,105.75,');
    expect(decodePricesFile(bytes, { final: true, publishedAt: prices.publishedAt })).toEqual(
      prices,
    );
  });

  it('writes Jeju real-time prices by N시 K구간 and reads them back', () => {
    const prices = pricesOf('real_time', 15, 96);
    const bytes = encodePricesFile(prices);
    const lines = textOf(bytes).split('\n');
    expect(lines[1]).toBe('2024-06-03,제주,실시간,1시 1구간,2024-06-03 00:15,100.00,');
    expect(lines[96]).toBe('2024-06-03,제주,실시간,24시 4구간,2024-06-03 24:00,123.75,');
    expect(decodePricesFile(bytes, { final: true, publishedAt: prices.publishedAt })).toEqual(
      prices,
    );
  });

  it("reads '00:00' of the next day for the day's end, and refuses a stamp that is not the interval's end", () => {
    const prices = pricesOf('day_ahead', 60, 24);
    const lines = textOf(encodePricesFile(prices)).split('\n');
    const nextDay = [...lines];
    nextDay[24] = '2024-06-03,육지,하루전,24,2024-06-04 00:00,105.75,';
    expect(
      decodePricesFile(cp949(nextDay.join('\n')), { final: true, publishedAt: prices.publishedAt }),
    ).toEqual(prices);
    const wrong = [...lines];
    wrong[24] = '2024-06-03,육지,하루전,24,2024-06-03 23:00,105.75,';
    expectError(
      () =>
        decodePricesFile(cp949(wrong.join('\n')), { final: true, publishedAt: prices.publishedAt }),
      'KPX_FILE.CONTENT',
      /line 25, column 시각: "2024-06-03 23:00" is not the end of 24 \(2024-06-03 24:00\)/,
    );
    const mainlandRealTime = [lines[0]!, '2024-06-03,육지,실시간,1시 1구간,2024-06-03 00:15,1.00,'];
    expectError(
      () =>
        decodePricesFile(cp949(mainlandRealTime.join('\n')), {
          final: true,
          publishedAt: prices.publishedAt,
        }),
      'KPX_FILE.ROW',
      /line 2, column 구분: the 육지 market has no 실시간 market/,
    );
  });
});
