import fc from 'fast-check';
import { DateTime } from 'luxon';
import {
  formatHourLabel,
  formatKpxTimestamp,
  formatKpxTradingHour,
  hourEndingContaining,
  hourEndingToInterval,
  intervalToHourEnding,
  parseHourLabel,
  parseKpxTimestamp,
  parseKpxTradingHour,
} from '../../../domain/shared/time/kpx-numbering.js';
import { Interval } from '../../../domain/shared/time/interval.js';
import { TradingDay } from '../../../domain/shared/time/trading-day.js';
import { expectDomainError } from '../../support/expect-domain-error.js';
import { instantArb, tradingDayArb } from '../../support/time-arbitraries.js';

const day = TradingDay.parse('2020-12-19');
const HOURS = Array.from({ length: 24 }, (_, i) => i + 1);

describe('KPX hour-ending numbering', () => {
  it('hour 1 is 00:00-01:00 KST and hour 24 is 23:00-24:00 KST', () => {
    expect(hourEndingToInterval(day, 1).toString()).toBe(
      '2020-12-18T15:00:00.000Z/2020-12-18T16:00:00.000Z',
    );
    expect(hourEndingToInterval(day, 24).toString()).toBe(
      '2020-12-19T14:00:00.000Z/2020-12-19T15:00:00.000Z',
    );
    expect(hourEndingToInterval(day, 24).end.equals(day.next().startUtc)).toBe(true);
  });

  it.each(HOURS)('round-trips hour %p through its interval', (hourEnding) => {
    const interval = hourEndingToInterval(day, hourEnding);
    const back = intervalToHourEnding(interval);
    expect(back.day.equals(day)).toBe(true);
    expect(back.hourEnding).toBe(hourEnding);
    expect(interval.durationHours).toBe(1);
  });

  it.each([0, 25, -1, 1.5, NaN])('rejects hour %p with TIME.INVALID_HOUR_ENDING', (hourEnding) => {
    expectDomainError(() => hourEndingToInterval(day, hourEnding), 'TIME.INVALID_HOUR_ENDING');
  });

  it('refuses intervals that are not one whole KST hour', () => {
    const start = day.at(3, 0);
    const halfHour = Interval.of(start, start.plus({ minutes: 30 }));
    const shifted = Interval.of(start.plus({ minutes: 15 }), start.plus({ minutes: 75 }));
    const twoHours = Interval.of(start, start.plus({ hours: 2 }));
    for (const interval of [halfHour, shifted, twoHours])
      expectDomainError(() => intervalToHourEnding(interval), 'TIME.NOT_A_TRADING_HOUR');
  });

  it('finds the hour containing an instant: 00:30 KST is hour 1, 23:59 KST is hour 24', () => {
    expect(hourEndingContaining(day.at(0, 30)).hourEnding).toBe(1);
    expect(hourEndingContaining(day.at(23, 59)).hourEnding).toBe(24);
    expect(hourEndingContaining(day.at(24, 0))).toEqual({ day: day.next(), hourEnding: 1 });
  });

  it('maps any instant to an hour whose interval contains it (property)', () => {
    fc.assert(
      fc.property(instantArb(), (instant) => {
        const { day: someDay, hourEnding } = hourEndingContaining(instant);
        expect(hourEndingToInterval(someDay, hourEnding).contains(instant)).toBe(true);
      }),
    );
  });

  it('interval -> hour-ending -> interval is the identity for every day and hour (property)', () => {
    fc.assert(
      fc.property(tradingDayArb(), fc.integer({ min: 1, max: 24 }), (someDay, hourEnding) => {
        const interval = hourEndingToInterval(someDay, hourEnding);
        const back = intervalToHourEnding(interval);
        expect(back.day.equals(someDay) && back.hourEnding === hourEnding).toBe(true);
        expect(hourEndingToInterval(back.day, back.hourEnding).equals(interval)).toBe(true);
      }),
    );
  });
});

describe('KPX timestamps', () => {
  it("reads '2020-12-19 24:00' as the next day's 00:00 KST (15:00 UTC)", () => {
    const instant = parseKpxTimestamp('2020-12-19 24:00');
    expect(instant.toISO()).toBe('2020-12-19T15:00:00.000Z');
    expect(instant.equals(parseKpxTimestamp('2020-12-20 00:00'))).toBe(true);
  });

  it('reads ordinary wall times in KST', () => {
    expect(parseKpxTimestamp('2020-12-19 10:30').toISO()).toBe('2020-12-19T01:30:00.000Z');
  });

  it.each([
    '2020-12-19 24:30',
    '2020-12-19 25:00',
    '2020-12-19 10:60',
    '2020-02-30 10:00',
    '2020-12-19T10:00',
    '2020-12-19 1:00',
    '2020-12-19 10:00:00',
    '',
  ])('rejects %p with TIME.INVALID_KPX_TIMESTAMP', (text) => {
    expectDomainError(() => parseKpxTimestamp(text), 'TIME.INVALID_KPX_TIMESTAMP');
  });

  it("writes midnight as '00:00' of the new day, or '24:00' of the old day when asked", () => {
    const midnight = DateTime.fromISO('2020-12-19T15:00:00Z');
    expect(formatKpxTimestamp(midnight)).toBe('2020-12-20 00:00');
    expect(formatKpxTimestamp(midnight, { midnight: '24:00' })).toBe('2020-12-19 24:00');
    expect(formatKpxTimestamp(day.at(13, 45), { midnight: '24:00' })).toBe('2020-12-19 13:45');
  });

  it('refuses to drop seconds when formatting', () => {
    expectDomainError(
      () => formatKpxTimestamp(day.at(13, 45).plus({ seconds: 1 })),
      'TIME.INVALID_KPX_TIMESTAMP',
    );
  });

  it('parse(format(t)) is t for minute instants, in both midnight forms (property)', () => {
    const minuteArb = instantArb().map((instant) => instant.startOf('minute'));
    fc.assert(
      fc.property(
        minuteArb,
        fc.constantFrom('00:00' as const, '24:00' as const),
        (instant, midnight) => {
          expect(parseKpxTimestamp(formatKpxTimestamp(instant, { midnight })).equals(instant)).toBe(
            true,
          );
        },
      ),
    );
  });
});

describe('KPX trading-hour labels', () => {
  it("reads '2020-12-19 24:00' as hour 24 of the date written, not of the next day", () => {
    expect(parseKpxTradingHour('2020-12-19 24:00')).toEqual({ day, hourEnding: 24 });
    expect(parseKpxTradingHour('2020-12-19 01:00')).toEqual({ day, hourEnding: 1 });
  });

  it("reads '00:00' as the hour ending then: hour 24 of the previous day", () => {
    expect(parseKpxTradingHour('2020-12-20 00:00')).toEqual({ day, hourEnding: 24 });
  });

  it('refuses labels that are not on the hour', () => {
    expectDomainError(() => parseKpxTradingHour('2020-12-19 10:30'), 'TIME.INVALID_KPX_TIMESTAMP');
  });

  it.each(HOURS)('round-trips hour %p through its label', (hourEnding) => {
    const label = formatKpxTradingHour({ day, hourEnding });
    expect(label).toBe(`2020-12-19 ${String(hourEnding).padStart(2, '0')}:00`);
    expect(parseKpxTradingHour(label)).toEqual({ day, hourEnding });
    // The label names the instant at which the hour ends.
    expect(parseKpxTimestamp(label).equals(hourEndingToInterval(day, hourEnding).end)).toBe(true);
  });

  it("reads and writes wide-table column labels '1시' .. '24시'", () => {
    expect(HOURS.map(formatHourLabel).map(parseHourLabel)).toEqual(HOURS);
    expect(parseHourLabel(' 24 시 ')).toBe(24);
    expectDomainError(() => parseHourLabel('25시'), 'TIME.INVALID_HOUR_ENDING');
    expectDomainError(() => parseHourLabel('0시'), 'TIME.INVALID_HOUR_ENDING');
    expectDomainError(() => parseHourLabel('1 hour'), 'TIME.INVALID_HOUR_ENDING');
  });
});
