import fc from 'fast-check';
import { DateTime } from 'luxon';
import { TradingDay } from '../../../domain/shared/time/trading-day.js';
import { expectDomainError } from '../../support/expect-domain-error.js';
import { instantArb, tradingDayArb } from '../../support/time-arbitraries.js';

const utc = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' });

describe('TradingDay', () => {
  describe('given a KST calendar date', () => {
    const day = TradingDay.parse('2024-06-01');

    it('starts at KST midnight, which is 15:00 UTC of the previous calendar day', () => {
      expect(day.startUtc.toISO()).toBe('2024-05-31T15:00:00.000Z');
      expect(day.endUtc.toISO()).toBe('2024-06-01T15:00:00.000Z');
      expect(day.interval.durationHours).toBe(24);
    });

    it('returns instants in UTC', () => {
      expect(day.startUtc.zoneName).toBe('UTC');
      expect(day.at(10).zoneName).toBe('UTC');
    });

    it('exposes its parts and prints as YYYY-MM-DD (also in JSON)', () => {
      expect([day.year, day.month, day.day]).toEqual([2024, 6, 1]);
      expect(day.toString()).toBe('2024-06-01');
      expect(JSON.stringify({ day })).toBe('{"day":"2024-06-01"}');
    });

    it('gives KST wall times as UTC instants: the D-1 10:00 gate is 01:00 UTC on D-1', () => {
      expect(day.previous().at(10, 0).toISO()).toBe('2024-05-31T01:00:00.000Z');
      expect(day.at(0).equals(day.startUtc)).toBe(true);
      expect(day.at(24, 0).equals(day.endUtc)).toBe(true);
      expect(day.at(23, 59).toISO()).toBe('2024-06-01T14:59:00.000Z');
    });

    it.each([
      [24, 1],
      [25, 0],
      [-1, 0],
      [10, 60],
      [1.5, 0],
      [10, NaN],
    ])('rejects the wall time %p:%p with TIME.INVALID_WALL_TIME', (hour, minute) => {
      expectDomainError(() => day.at(hour, minute), 'TIME.INVALID_WALL_TIME');
    });
  });

  describe('boundaries', () => {
    it('puts 14:59:59.999 UTC in the earlier day and 15:00 UTC in the next', () => {
      expect(TradingDay.containing(utc('2024-05-31T14:59:59.999')).toString()).toBe('2024-05-31');
      expect(TradingDay.containing(utc('2024-05-31T15:00:00.000')).toString()).toBe('2024-06-01');
    });

    it('reads instants in any zone by their UTC value', () => {
      const kstMidnight = DateTime.fromISO('2024-06-01T00:00:00+09:00', { setZone: true });
      expect(TradingDay.containing(kstMidnight).toString()).toBe('2024-06-01');
      expect(TradingDay.parse('2024-06-01').contains(kstMidnight)).toBe(true);
      expect(TradingDay.parse('2024-05-31').contains(kstMidnight)).toBe(false);
    });

    it('rejects invalid luxon DateTimes with TIME.INVALID_INSTANT', () => {
      expectDomainError(
        () => TradingDay.containing(DateTime.invalid('test')),
        'TIME.INVALID_INSTANT',
      );
    });
  });

  describe('parsing', () => {
    it.each(['2024-02-30', '2023-02-29', '2024-13-01', '2024-00-10', '2024-01-00'])(
      'rejects the non-existent date %p',
      (text) => {
        expectDomainError(() => TradingDay.parse(text), 'TIME.INVALID_TRADING_DAY');
      },
    );

    it.each(['2024-6-1', '20240601', '2024-06-01T00:00', ' 2024-06-01', '', '2024/06/01'])(
      'rejects the malformed text %p',
      (text) => {
        expectDomainError(() => TradingDay.parse(text), 'TIME.INVALID_TRADING_DAY');
      },
    );

    it('accepts 29 February in a leap year', () => {
      expect(TradingDay.parse('2024-02-29').next().toString()).toBe('2024-03-01');
    });

    it('rejects non-integer parts in of()', () => {
      expectDomainError(() => TradingDay.of(2024, 1.5, 1), 'TIME.INVALID_TRADING_DAY');
    });
  });

  describe('stepping and ordering', () => {
    it('crosses month and year ends', () => {
      expect(TradingDay.parse('2024-12-31').next().toString()).toBe('2025-01-01');
      expect(TradingDay.parse('2025-03-01').previous().toString()).toBe('2025-02-28');
      expect(TradingDay.parse('2024-06-01').plusDays(-366).toString()).toBe('2023-06-01');
    });

    it('rejects fractional day offsets', () => {
      expectDomainError(
        () => TradingDay.parse('2024-06-01').plusDays(0.5),
        'TIME.INVALID_DAY_OFFSET',
      );
    });

    it('rejects days beyond year 9999', () => {
      expectDomainError(() => TradingDay.parse('9999-12-31').next(), 'TIME.INVALID_TRADING_DAY');
    });

    it('compares and sorts by date', () => {
      const days = ['2024-06-02', '2023-12-31', '2024-06-01'].map((text) => TradingDay.parse(text));
      expect(days.sort(TradingDay.compare).map(String)).toEqual([
        '2023-12-31',
        '2024-06-01',
        '2024-06-02',
      ]);
      const [a, b] = [TradingDay.parse('2024-06-01'), TradingDay.parse('2024-06-03')];
      expect([
        a.isBefore(b),
        a.isAfter(b),
        a.daysUntil(b),
        a.equals(TradingDay.parse('2024-06-01')),
      ]).toEqual([true, false, 2, true]);
    });
  });

  describe('properties', () => {
    it('parse(toString(day)) is the same day', () => {
      fc.assert(
        fc.property(tradingDayArb(), (day) => {
          expect(TradingDay.parse(day.toString()).equals(day)).toBe(true);
        }),
      );
    });

    it('every day lasts 24 hours and ends where the next begins', () => {
      fc.assert(
        fc.property(tradingDayArb(), (day) => {
          expect(day.endUtc.diff(day.startUtc, 'hours').hours).toBe(24);
          expect(day.endUtc.equals(day.next().startUtc)).toBe(true);
          expect(day.startUtc.setZone('UTC+9').toFormat('yyyy-MM-dd HH:mm')).toBe(
            `${day.toString()} 00:00`,
          );
        }),
      );
    });

    it('the day containing an instant contains it, and is its KST calendar date', () => {
      fc.assert(
        fc.property(instantArb(), (instant) => {
          const day = TradingDay.containing(instant);
          expect(day.contains(instant)).toBe(true);
          expect(day.toString()).toBe(instant.setZone('UTC+9').toISODate());
        }),
      );
    });

    it('plusDays(n) then plusDays(-n) returns to the same day', () => {
      fc.assert(
        fc.property(tradingDayArb(), fc.integer({ min: -3000, max: 3000 }), (day, days) => {
          expect(day.plusDays(days).plusDays(-days).equals(day)).toBe(true);
          expect(day.daysUntil(day.plusDays(days))).toBe(days);
        }),
      );
    });
  });
});
