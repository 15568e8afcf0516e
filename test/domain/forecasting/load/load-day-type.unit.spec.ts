import { describe, expect, it } from '@jest/globals';
import {
  classifyLoadDay,
  koreanHolidayCalendar,
  type LoadDayType,
} from '../../../../domain/forecasting/load/load-day-type.js';
import { TradingDay } from '../../../../domain/shared/time/trading-day.js';

const typeOf = (text: string): LoadDayType =>
  classifyLoadDay(TradingDay.parse(text), koreanHolidayCalendar);

describe('classifyLoadDay on the Korean calendar', () => {
  it.each([
    ['2024-06-04', 'weekday'], // Tuesday
    ['2024-06-03', 'first-business-day'], // Monday after a Sunday
    ['2024-06-08', 'saturday'],
    ['2024-06-09', 'sunday'],
    ['2024-06-06', 'holiday'], // Memorial Day, a Thursday
    ['2024-06-07', 'first-business-day'], // Friday after it
    ['2024-10-01', 'holiday'], // Armed Forces Day 2024 (temporary holiday), a Tuesday
    ['2024-10-02', 'first-business-day'],
    ['2024-05-05', 'sunday'], // Children's Day on a Sunday
    ['2024-05-06', 'holiday'], // its substitute Monday
    ['2024-05-07', 'first-business-day'],
    ['2024-02-09', 'long-holiday'], // Seollal run 02-09..02-12
    ['2024-02-10', 'long-holiday'],
    ['2024-02-12', 'long-holiday'], // substitute day, still part of the run
    ['2024-02-13', 'after-long-holiday'],
    ['2024-02-14', 'weekday'],
    ['2024-09-16', 'long-holiday'], // Chuseok 09-16..09-18
    ['2024-09-18', 'long-holiday'],
    ['2024-09-19', 'after-long-holiday'],
    ['2024-09-15', 'sunday'], // the Sunday before the run is an ordinary Sunday
  ] as const)('%s is %s', (day, type) => {
    expect(typeOf(day)).toBe(type);
  });

  it('treats days outside the calendar years as ordinary days, without failing', () => {
    expect(typeOf('2019-01-01')).toBe('weekday'); // a Tuesday; the holiday is unknown here
    expect(typeOf('2019-01-06')).toBe('sunday');
  });

  it('takes a custom calendar: a site closure day is a holiday', () => {
    const closed = (day: TradingDay) => day.toString() === '2024-06-05';
    expect(classifyLoadDay(TradingDay.parse('2024-06-05'), closed)).toBe('holiday');
    expect(classifyLoadDay(TradingDay.parse('2024-06-06'), closed)).toBe('first-business-day');
  });
});
