import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  ALL_KOREAN_HOLIDAYS,
  KOREAN_HOLIDAYS_COVERAGE,
  isKoreanBusinessDay,
  isKoreanPublicHoliday,
  koreanHolidayOn,
  koreanHolidaysIn,
} from '../../../domain/calendar/korean-holidays.js';
import { isoWeekday, isWeekend } from '../../../domain/calendar/weekday.js';
import { TradingDay } from '../../../domain/shared/time/trading-day.js';
import { expectDomainError } from '../../support/expect-domain-error.js';

const day = (iso: string) => TradingDay.parse(iso);
const holidayDates = (year: number) => koreanHolidaysIn(year).map((h) => h.date);

describe('isoWeekday', () => {
  it.each([
    ['1970-01-01', 4],
    ['2024-02-12', 1],
    ['2025-10-08', 3],
    ['2027-02-07', 7],
    ['2026-06-06', 6],
  ])('%s is ISO weekday %p', (iso, weekday) => {
    expect(isoWeekday(day(iso))).toBe(weekday);
  });
});

describe('Korean public holidays', () => {
  it('knows Seollal 2024 with its substitute day (02-09..02-12)', () => {
    for (const iso of ['2024-02-09', '2024-02-10', '2024-02-11', '2024-02-12'])
      expect(isKoreanPublicHoliday(day(iso))).toBe(true);
    expect(koreanHolidayOn(day('2024-02-12'))?.kind).toBe('substitute');
    expect(isKoreanPublicHoliday(day('2024-02-13'))).toBe(false);
    expect(isKoreanPublicHoliday(day('2024-02-08'))).toBe(false);
  });

  it('knows Chuseok 2024 (09-16..09-18) and the 2024-10-01 temporary holiday', () => {
    expect(holidayDates(2024)).toEqual(
      expect.arrayContaining(['2024-09-16', '2024-09-17', '2024-09-18', '2024-10-01']),
    );
    expect(isKoreanPublicHoliday(day('2024-09-19'))).toBe(false);
    expect(koreanHolidayOn(day('2024-10-01'))?.kind).toBe('temporary');
  });

  it('knows the October 2025 run: 10-03, Chuseok 10-05..07, substitute 10-08, Hangeul 10-09', () => {
    for (const iso of ['2025-10-03', '2025-10-06', '2025-10-07', '2025-10-08', '2025-10-09'])
      expect(isKoreanBusinessDay(day(iso))).toBe(false);
    expect(koreanHolidayOn(day('2025-10-08'))?.kind).toBe('substitute');
    expect(isKoreanPublicHoliday(day('2025-10-10'))).toBe(false);
    expect(isKoreanBusinessDay(day('2025-10-10'))).toBe(true);
  });

  it('knows Seollal 2027 (02-06..08, Sunday on Seollal day -> substitute 02-09)', () => {
    expect(holidayDates(2027).filter((d) => d.startsWith('2027-02'))).toEqual([
      '2027-02-06',
      '2027-02-07',
      '2027-02-08',
      '2027-02-09',
    ]);
  });

  it.each([
    ['2020-04-15', 'election'],
    ['2022-03-09', 'election'],
    ['2022-06-01', 'election'],
    ['2024-04-10', 'election'],
    ['2025-06-03', 'election'],
    ['2026-06-03', 'election'],
    ['2020-08-17', 'temporary'],
    ['2023-10-02', 'temporary'],
    ['2025-01-27', 'temporary'],
    ['2021-08-16', 'substitute'],
    ['2023-05-29', 'substitute'],
    ['2027-12-27', 'substitute'],
  ])('%s is a %s holiday', (iso, kind) => {
    expect(koreanHolidayOn(day(iso))?.kind).toBe(kind);
  });

  it.each([
    // Substitutes that did NOT exist under the rules of their time.
    '2021-12-27', // Christmas on Saturday before the 2023 extension
    '2022-05-09', // Buddha's Birthday on Sunday before 2023
    '2023-10-02', // listed, but as a temporary holiday, not a Chuseok substitute
    '2026-06-08', // Memorial Day never gets a substitute
    '2023-01-02', // New Year's Day never gets a substitute
  ])('%s is not a substitute holiday', (iso) => {
    expect(koreanHolidayOn(day(iso))?.kind).not.toBe('substitute');
  });

  it('every substitute, temporary and election day falls on a weekday', () => {
    const movable = ALL_KOREAN_HOLIDAYS.filter((h) => h.kind !== 'fixed' && h.kind !== 'lunar');
    expect(movable.length).toBeGreaterThan(30);
    for (const holiday of movable)
      expect([holiday.date, isWeekend(day(holiday.date))]).toEqual([holiday.date, false]);
  });

  it.each([2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027])(
    '%p has New Year, a 3-day Seollal, a 3-day Chuseok and Christmas',
    (year) => {
      const holidays = koreanHolidaysIn(year);
      const names = holidays.map((h) => h.nameEn);
      expect(names).toContain("New Year's Day");
      expect(names).toContain('Christmas Day');
      expect(names.filter((n) => /Seollal/.test(n) && !/Substitute/.test(n))).toHaveLength(3);
      expect(names.filter((n) => /Chuseok/.test(n) && !/Substitute/.test(n))).toHaveLength(3);
      expect(holidays.every((h) => h.date.startsWith(`${year}-`))).toBe(true);
    },
  );

  it('the table is sorted, has no duplicate dates, and holds only real calendar dates', () => {
    const dates = ALL_KOREAN_HOLIDAYS.map((h) => h.date);
    expect([...dates].sort()).toEqual(dates);
    expect(new Set(dates).size).toBe(dates.length);
    for (const iso of dates) expect(day(iso).toString()).toBe(iso);
  });

  it('every row names its confidence; unverified rows are few and flagged', () => {
    const unverified = ALL_KOREAN_HOLIDAYS.filter((h) => h.confidence === 'unverified');
    expect(unverified.map((h) => h.date)).toEqual(['2020-04-30', '2025-06-03', '2027-07-19']);
  });

  it('refuses days outside the covered years instead of answering "not a holiday"', () => {
    const error = expectDomainError(
      () => isKoreanPublicHoliday(day('2019-12-31')),
      'CALENDAR.OUT_OF_COVERAGE',
    );
    expect(error.message).toContain('2019-12-31');
    expectDomainError(() => isKoreanBusinessDay(day('2028-01-03')), 'CALENDAR.OUT_OF_COVERAGE');
    expectDomainError(() => koreanHolidaysIn(2028), 'CALENDAR.OUT_OF_COVERAGE');
    expect(KOREAN_HOLIDAYS_COVERAGE).toEqual({ from: '2020-01-01', to: '2027-12-31' });
    expect(isKoreanPublicHoliday(day('2020-01-01'))).toBe(true);
    expect(isKoreanPublicHoliday(day('2027-12-31'))).toBe(false);
  });

  it('property: a business day is never a weekend and never a listed holiday', () => {
    const first = day(KOREAN_HOLIDAYS_COVERAGE.from);
    const span = first.daysUntil(day(KOREAN_HOLIDAYS_COVERAGE.to));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: span }), (offset) => {
        const d = first.plusDays(offset);
        const business = isKoreanBusinessDay(d);
        expect(business).toBe(!isWeekend(d) && koreanHolidayOn(d) === undefined);
      }),
    );
  });
});
