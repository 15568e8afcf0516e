import { DomainError } from '../shared/domain-error.js';
import type { TradingDay } from '../shared/time/trading-day.js';
import { KOREAN_HOLIDAY_ROWS, type KoreanHolidayRow } from './korean-holidays.data.js';
import { isWeekend } from './weekday.js';

export type { HolidayConfidence, KoreanHolidayKind } from './korean-holidays.data.js';

/** One Korean public holiday (관공서 공휴일) on one KST day. */
export type KoreanHoliday = KoreanHolidayRow;

/** The whole years the table covers; outside them the answer is unknown, not "no holiday". */
export const KOREAN_HOLIDAYS_COVERAGE = { from: '2020-01-01', to: '2027-12-31' } as const;

const FIRST_YEAR = Number(KOREAN_HOLIDAYS_COVERAGE.from.slice(0, 4));
const LAST_YEAR = Number(KOREAN_HOLIDAYS_COVERAGE.to.slice(0, 4));

// Built once: lookups are a map read, cheap enough for backtests over years of hourly data.
const BY_DATE: ReadonlyMap<string, KoreanHoliday> = new Map(
  KOREAN_HOLIDAY_ROWS.map((holiday) => [holiday.date, holiday]),
);

export const isInKoreanHolidayCoverage = (day: TradingDay): boolean =>
  day.year >= FIRST_YEAR && day.year <= LAST_YEAR;

const assertCovered = (day: TradingDay): void => {
  if (!isInKoreanHolidayCoverage(day))
    throw new DomainError(
      'CALENDAR.OUT_OF_COVERAGE',
      `the Korean holiday calendar covers ${KOREAN_HOLIDAYS_COVERAGE.from}..${KOREAN_HOLIDAYS_COVERAGE.to}; ` +
        `${day.toString()} is outside it, so whether it is a holiday is unknown`,
      'day',
      { day: day.toString(), coverage: KOREAN_HOLIDAYS_COVERAGE },
    );
};

/** The public holiday on `day`, or undefined; `CALENDAR.OUT_OF_COVERAGE` outside 2020-2027. */
export const koreanHolidayOn = (day: TradingDay): KoreanHoliday | undefined => {
  assertCovered(day);
  return BY_DATE.get(day.toString());
};

export const isKoreanPublicHoliday = (day: TradingDay): boolean =>
  koreanHolidayOn(day) !== undefined;

/** Monday to Friday and not a public holiday (substitute, temporary and election days included). */
export const isKoreanBusinessDay = (day: TradingDay): boolean =>
  !isWeekend(day) && !isKoreanPublicHoliday(day);

/** Every holiday of one covered year, in date order. */
export const koreanHolidaysIn = (year: number): readonly KoreanHoliday[] => {
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > LAST_YEAR)
    throw new DomainError(
      'CALENDAR.OUT_OF_COVERAGE',
      `the Korean holiday calendar covers years ${FIRST_YEAR}..${LAST_YEAR}, got ${year}`,
      'year',
      { year, coverage: KOREAN_HOLIDAYS_COVERAGE },
    );
  const prefix = `${year}-`;
  return KOREAN_HOLIDAY_ROWS.filter((holiday) => holiday.date.startsWith(prefix));
};

export const ALL_KOREAN_HOLIDAYS: readonly KoreanHoliday[] = KOREAN_HOLIDAY_ROWS;
