import {
  isInKoreanHolidayCoverage,
  isKoreanPublicHoliday,
} from '../../calendar/korean-holidays.js';
import { TradingDay } from '../../shared/time/trading-day.js';

/**
 * How a day behaves for electricity demand. Weekdays, Saturdays and Sundays are the three shapes
 * every load has; the others are days whose level or morning ramp differs from those three and
 * which a similar-day method would otherwise copy from the wrong days:
 * - `first-business-day`: the first business day after a day off (a Monday, or the day after a
 *   midweek holiday) starts from a cold, idle morning;
 * - `holiday`: a public holiday on a weekday or Saturday; national demand sits between a Saturday
 *   and a Sunday (factories often run), so it is not simply a Sunday;
 * - `long-holiday`: a day in a run of three or more consecutive public holidays, which is how
 *   Seollal and Chuseok appear (eve, day, day after, perhaps a substitute day): the whole country
 *   is away and demand falls below any Sunday;
 * - `after-long-holiday`: the first business day after such a run, still depressed by leave.
 */
export type LoadDayType =
  | 'weekday'
  | 'first-business-day'
  | 'saturday'
  | 'sunday'
  | 'holiday'
  | 'long-holiday'
  | 'after-long-holiday';

/** Whether a day is a public holiday; injected so that a site can bring its own closure days. */
export type HolidayCalendar = (day: TradingDay) => boolean;

/**
 * The Korean public holidays as the default calendar. Outside the years the table covers a day
 * counts as no holiday: a meter history from 2019 should still be forecast (as if every day
 * were ordinary) rather than refused, and weekdays and weekends are still told apart.
 */
export const koreanHolidayCalendar: HolidayCalendar = (day) =>
  isInKoreanHolidayCoverage(day) && isKoreanPublicHoliday(day);

/** A Seollal or Chuseok run has three days; single holidays and two-day bridges are shorter. */
const LONG_HOLIDAY_RUN_DAYS = 3;

/** Whether the day `epochDay` lies in a run of at least LONG_HOLIDAY_RUN_DAYS consecutive holidays. */
const inLongHolidayRun = (epochDay: number, isHoliday: (epochDay: number) => boolean): boolean => {
  if (!isHoliday(epochDay)) return false;
  let run = 1;
  for (let step = 1; step < LONG_HOLIDAY_RUN_DAYS && isHoliday(epochDay - step); step++) run++;
  for (let step = 1; step < LONG_HOLIDAY_RUN_DAYS && isHoliday(epochDay + step); step++) run++;
  return run >= LONG_HOLIDAY_RUN_DAYS;
};

const SATURDAY = 6;
const SUNDAY = 7;

/** ISO weekday (Monday 1 .. Sunday 7) of a day number; 1970-01-01 (day 0) was a Thursday. */
const weekdayOf = (epochDay: number): number => ((((epochDay + 3) % 7) + 7) % 7) + 1;

/**
 * Classifies days by their day number, asking the calendar once per day: a backtest classifies
 * the same few hundred days thousands of times, and building a TradingDay for each question
 * would dominate its run time.
 */
export class LoadDayClassifier {
  private readonly holidays = new Map<number, boolean>();
  private readonly types = new Map<number, LoadDayType>();

  constructor(private readonly calendar: HolidayCalendar) {}

  typeOf(day: TradingDay): LoadDayType {
    return this.typeOfEpochDay(day.epochDay);
  }

  typeOfEpochDay(epochDay: number): LoadDayType {
    let type = this.types.get(epochDay);
    if (type === undefined) {
      type = this.classify(epochDay);
      this.types.set(epochDay, type);
    }
    return type;
  }

  private readonly isHoliday = (epochDay: number): boolean => {
    let holiday = this.holidays.get(epochDay);
    if (holiday === undefined) {
      holiday = this.calendar(TradingDay.fromEpochDay(epochDay));
      this.holidays.set(epochDay, holiday);
    }
    return holiday;
  };

  /** A day without regular work: a Sunday or a public holiday (Saturdays are a type of their own). */
  private isDayOff(epochDay: number): boolean {
    return weekdayOf(epochDay) === SUNDAY || this.isHoliday(epochDay);
  }

  private classify(epochDay: number): LoadDayType {
    const weekday = weekdayOf(epochDay);
    if (inLongHolidayRun(epochDay, this.isHoliday)) return 'long-holiday';
    if (weekday === SUNDAY) return 'sunday';
    if (this.isHoliday(epochDay)) return 'holiday';
    if (weekday === SATURDAY) return 'saturday';
    // A Saturday before is not a day off here: Saturday load is already lower, but a Monday
    // still follows the Sunday, so "after a day off" is judged on the day just before.
    if (!this.isDayOff(epochDay - 1)) return 'weekday';
    // Walk back over the days off (a weekend can sit between the run and this business day).
    for (let back = epochDay - 1; this.isDayOff(back) || weekdayOf(back) === SATURDAY; back--)
      if (inLongHolidayRun(back, this.isHoliday)) return 'after-long-holiday';
    return 'first-business-day';
  }
}

/** The type of one day; for many days, keep one LoadDayClassifier (it caches calendar answers). */
export const classifyLoadDay = (day: TradingDay, calendar: HolidayCalendar): LoadDayType =>
  new LoadDayClassifier(calendar).typeOf(day);

/**
 * Where a day type borrows its shape when its own examples are few: the nearest common type.
 * `weekday` is the root; below it the model uses the plain mean of every day.
 */
export const FALLBACK_DAY_TYPE: Readonly<Record<LoadDayType, LoadDayType | undefined>> = {
  weekday: undefined,
  'first-business-day': 'weekday',
  'after-long-holiday': 'first-business-day',
  saturday: 'weekday',
  sunday: 'saturday',
  holiday: 'sunday',
  'long-holiday': 'holiday',
};

/**
 * Types with few examples a year; their own examples are blended with the fallback type's shape
 * (shrinkage) and they are not used to read the recent load level, since their level relative to
 * a regular week varies from one occurrence to the next.
 */
export const isRareDayType = (type: LoadDayType): boolean =>
  type === 'holiday' || type === 'long-holiday' || type === 'after-long-holiday';
