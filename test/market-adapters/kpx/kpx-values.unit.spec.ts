import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  readIntervalLabel,
  readKwFromMw,
  readKwh,
  readMarket,
  readPriceKrwPerKwh,
  readTimestampMs,
  roundedDecimal,
  writeIntervalEnd,
  writeIntervalLabel,
  writeMwFromKw,
  writePriceKrwPerKwh,
} from '../../../market-adapters/kpx/wire/kpx-values.js';
import { TradingDay } from '../../../domain/shared/time/trading-day.js';

const valueOf = <T>(read: { ok: true; value: T } | { ok: false; message: string }): T => {
  if (!read.ok) throw new Error(read.message);
  return read.value;
};

describe('KPX file values', () => {
  it('rounds prices half away from zero to 0.01 KRW/kWh, on the decimal the number prints as', () => {
    expect(writePriceKrwPerKwh(94.09)).toBe('94.09');
    expect(writePriceKrwPerKwh(123)).toBe('123.00');
    expect(writePriceKrwPerKwh(1.005)).toBe('1.01');
    expect(writePriceKrwPerKwh(-1.005)).toBe('-1.01');
    expect(writePriceKrwPerKwh(2.675)).toBe('2.68');
    expect(writePriceKrwPerKwh(1.0049)).toBe('1.00');
    expect(writePriceKrwPerKwh(-0.004)).toBe('0.00');
    expect(writePriceKrwPerKwh(1e-7)).toBe('0.00');
    expect(writePriceKrwPerKwh(99.995)).toBe('100.00');
    expect(writePriceKrwPerKwh(1e21)).toBeUndefined();
    expect(writePriceKrwPerKwh(Number.NaN)).toBeUndefined();
    expect(roundedDecimal(2.5, 0)).toBe('3');
    expect(roundedDecimal(-2.5, 0)).toBe('-3');
  });

  it('writes any price within half a cent, with exactly two decimals', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), (price) => {
        const text = writePriceKrwPerKwh(price)!;
        expect(text).toMatch(/^-?\d+\.\d{2}$/);
        expect(Math.abs(Number(text) - price)).toBeLessThanOrEqual(0.005 + 1e-9);
      }),
    );
  });

  it('writes and reads two-decimal prices unchanged', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100_000_000, max: 100_000_000 }), (cents) => {
        const price = cents / 100;
        expect(valueOf(readPriceKrwPerKwh(writePriceKrwPerKwh(price)!))).toBe(price);
      }),
    );
  });

  it('reads prices with at most two decimals and nothing else', () => {
    expect(valueOf(readPriceKrwPerKwh('94.1'))).toBe(94.1);
    expect(valueOf(readPriceKrwPerKwh('-12'))).toBe(-12);
    expect(valueOf(readPriceKrwPerKwh('-0.00'))).toBe(0);
    for (const text of ['94.091', '1e3', '+1.00', ' 1.00', '1,000.00', '', '.5', '94.', 'NaN'])
      expect(readPriceKrwPerKwh(text)).toMatchObject({ ok: false });
    expect(readPriceKrwPerKwh('94.091')).toMatchObject({
      message: expect.stringContaining('at most 2 decimals'),
    });
  });

  it('writes whole kW as MW with three decimals and reads them back exactly', () => {
    expect(writeMwFromKw(1_500)).toBe('1.500');
    expect(writeMwFromKw(7)).toBe('0.007');
    expect(writeMwFromKw(-1)).toBe('-0.001');
    expect(writeMwFromKw(1.5)).toBeUndefined();
    expect(valueOf(readKwFromMw('2'))).toBe(2_000);
    expect(valueOf(readKwFromMw('0.1'))).toBe(100);
    expect(readKwFromMw('1.2345')).toMatchObject({ ok: false });
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (quantityKw) => {
        expect(valueOf(readKwFromMw(writeMwFromKw(quantityKw)!))).toBe(quantityKw);
      }),
    );
  });

  it('reads energy in kWh with at most three decimals', () => {
    expect(valueOf(readKwh('1234.567'))).toBe(1234.567);
    expect(readKwh('1.2345')).toMatchObject({ ok: false });
  });

  it('names the price areas as EPSIS does', () => {
    expect(valueOf(readMarket('육지'))).toBe('mainland');
    expect(valueOf(readMarket('제주'))).toBe('jeju');
    expect(readMarket('mainland')).toMatchObject({ ok: false });
  });

  it('labels hourly intervals 1..24 (interval 0 is hour 1) and Jeju slots N시 K구간', () => {
    expect(writeIntervalLabel(0, 60)).toBe('1');
    expect(writeIntervalLabel(23, 60)).toBe('24');
    expect(writeIntervalLabel(24, 60)).toBeUndefined();
    expect(writeIntervalLabel(0, 15)).toBe('1시 1구간');
    expect(writeIntervalLabel(53, 15)).toBe('14시 2구간');
    expect(writeIntervalLabel(95, 15)).toBe('24시 4구간');
    expect(writeIntervalLabel(0, 30)).toBeUndefined();
    for (let interval = 0; interval < 24; interval++)
      expect(valueOf(readIntervalLabel(writeIntervalLabel(interval, 60)!, 60))).toBe(interval);
    for (let interval = 0; interval < 96; interval++)
      expect(valueOf(readIntervalLabel(writeIntervalLabel(interval, 15)!, 15))).toBe(interval);
    for (const text of ['0', '25', '01x', ' 1', '1시'])
      expect(readIntervalLabel(text, 60)).toMatchObject({ ok: false });
    expect(readIntervalLabel('24시 5구간', 15)).toMatchObject({ ok: false });
  });

  it("stamps an interval ending at midnight '24:00' of its own day, and reads both spellings", () => {
    const day = TradingDay.parse('2024-06-03');
    const endOfDayMs = day.next().startMs;
    expect(writeIntervalEnd(endOfDayMs)).toBe('2024-06-03 24:00');
    expect(writeIntervalEnd(day.startMs + 60 * 60_000)).toBe('2024-06-03 01:00');
    expect(writeIntervalEnd(day.startMs + 1)).toBeUndefined();
    expect(valueOf(readTimestampMs('2024-06-03 24:00'))).toBe(endOfDayMs);
    expect(valueOf(readTimestampMs('2024-06-04 00:00'))).toBe(endOfDayMs);
    expect(readTimestampMs('2024-06-03 24:15')).toMatchObject({ ok: false });
  });
});
