import { isKoreanBusinessDay } from '../../calendar/korean-holidays.js';
import { DomainError } from '../../shared/domain-error.js';
import { HOURS_PER_DAY } from '../../shared/time/kpx-numbering.js';
import type { TradingDay } from '../../shared/time/trading-day.js';
import { dayIndexOf, dayValues, type HourlySeries } from '../hourly-series.js';

/**
 * What "a day's load" means for the unusual-day exclusion. The source says days "below 75 % of the
 * average" are dropped but not of which quantity (UNVERIFIED): the default compares the day's mean
 * hourly load; `event-hours` compares the mean over the given hour-endings only.
 */
export type CblLoadQuantity =
  | { readonly kind: 'daily-average' }
  | { readonly kind: 'event-hours'; readonly hourEndings: readonly number[] };

export interface CblDaySelectionOptions {
  readonly history: HourlySeries;
  readonly eventDay: TradingDay;
  /** The normal number of days (10 for Mid(6/10), 5 for Max(4/5)). */
  readonly windowDays: number;
  /** Earlier DR event days, never used as reference days. */
  readonly excludedDays?: readonly TradingDay[];
  /** Days below lowRatio × reference are dropped (default 0.75). */
  readonly lowRatio?: number;
  /** Days above highRatio × reference are dropped (factories: 1.25); none by default. */
  readonly highRatio?: number;
  readonly loadQuantity?: CblLoadQuantity;
  /**
   * Eligible weekday test. Default: Korean business day (Mon-Fri, not a public holiday). The source
   * names Saturdays and holidays; Sundays are excluded too, as public holidays (관공서 공휴일 include
   * Sundays) and because a Sunday load is no weekday baseline.
   */
  readonly isEligibleDay?: (day: TradingDay) => boolean;
}

export type CblSkipReason =
  'not-business-day' | 'dr-event-day' | 'incomplete-data' | 'low-load' | 'high-load';

export interface CblDaySelection {
  /** The days the baseline averages, most recent first. */
  readonly daysUsed: readonly TradingDay[];
  /** Every day looked at and not used, with why (most recent first). */
  readonly skipped: readonly { readonly day: TradingDay; readonly reason: CblSkipReason }[];
  /** Mean load of all look-back candidates, which the exclusion compares against (series unit). */
  readonly referenceLoad: number;
  /** The earliest day examined. */
  readonly lookedBackTo: TradingDay;
}

const DEFAULT_LOW_RATIO = 0.75;

/**
 * Picks the reference days for a KPX CBL: walking back from the day before the event, it collects
 * up to twice the normal number of eligible days with complete data (business day, not an earlier
 * event day). The reference load is the mean over all these candidates ("the average of the
 * candidate days"; UNVERIFIED reading): taking the whole look-back rather than only the normal
 * window keeps a cluster of recent low days (a plant shutdown week) from defining "normal".
 * Candidates outside [lowRatio, highRatio] × reference are dropped, in recency order, until
 * `windowDays` remain. Fewer than that is `CBL.INSUFFICIENT_HISTORY`.
 */
export const selectCblDays = (options: CblDaySelectionOptions): CblDaySelection => {
  const { history, eventDay, windowDays } = options;
  if (!Number.isInteger(windowDays) || windowDays < 1)
    throw new DomainError(
      'CBL.INVALID_INPUT',
      `windowDays must be ≥ 1, got ${windowDays}`,
      'windowDays',
    );
  const lowRatio = options.lowRatio ?? DEFAULT_LOW_RATIO;
  const quantity = options.loadQuantity ?? { kind: 'daily-average' };
  const isEligible = options.isEligibleDay ?? isKoreanBusinessDay;
  const excluded = new Set((options.excludedDays ?? []).map((d) => d.epochDay));
  const maxCandidates = 2 * windowDays;

  const candidates: { day: TradingDay; load: number }[] = [];
  const skipped: { day: TradingDay; reason: CblSkipReason }[] = [];
  let day = eventDay.previous();
  let lookedBackTo = eventDay;
  while (candidates.length < maxCandidates && dayIndexOf(history, day) >= 0) {
    lookedBackTo = day;
    const values = dayValues(history, dayIndexOf(history, day));
    if (!isEligible(day)) skipped.push({ day, reason: 'not-business-day' });
    else if (excluded.has(day.epochDay)) skipped.push({ day, reason: 'dr-event-day' });
    else if (values.some(Number.isNaN)) skipped.push({ day, reason: 'incomplete-data' });
    else candidates.push({ day, load: dayLoad(values, quantity) });
    day = day.previous();
  }

  const referenceLoad = candidates.reduce((sum, c) => sum + c.load, 0) / candidates.length;
  const daysUsed: TradingDay[] = [];
  for (const candidate of candidates) {
    if (daysUsed.length === windowDays) break;
    // A zero or negative reference (no load at all) gives no meaningful ratio: nothing is dropped.
    const ratio = referenceLoad > 0 ? candidate.load / referenceLoad : 1;
    if (ratio < lowRatio) skipped.push({ day: candidate.day, reason: 'low-load' });
    else if (options.highRatio !== undefined && ratio > options.highRatio)
      skipped.push({ day: candidate.day, reason: 'high-load' });
    else daysUsed.push(candidate.day);
  }

  if (daysUsed.length < windowDays)
    throw new DomainError(
      'CBL.INSUFFICIENT_HISTORY',
      `a CBL for ${eventDay.toString()} needs ${windowDays} eligible days; found ${candidates.length} ` +
        `eligible day(s) with complete data looking back to ${lookedBackTo.toString()} ` +
        `(at most ${maxCandidates} searched), of which ${daysUsed.length} passed the load filter`,
      'history',
      {
        eventDay: eventDay.toString(),
        needed: windowDays,
        eligibleFound: candidates.length,
        usable: daysUsed.length,
        lookedBackTo: lookedBackTo.toString(),
        historyStarts: history.firstDay.toString(),
      },
    );
  skipped.sort((a, b) => b.day.epochDay - a.day.epochDay);
  return { daysUsed, skipped, referenceLoad, lookedBackTo };
};

const dayLoad = (values: Float64Array, quantity: CblLoadQuantity): number => {
  if (quantity.kind === 'daily-average')
    return values.reduce((sum, v) => sum + v, 0) / HOURS_PER_DAY;
  if (quantity.hourEndings.length === 0)
    throw new DomainError(
      'CBL.INVALID_INPUT',
      'event-hours needs at least one hour',
      'loadQuantity',
    );
  let sum = 0;
  for (const hourEnding of quantity.hourEndings) {
    const value = values[hourEnding - 1];
    if (!Number.isInteger(hourEnding) || value === undefined)
      throw new DomainError(
        'CBL.INVALID_INPUT',
        `hour-ending ${hourEnding} is not 1..24`,
        'loadQuantity',
      );
    sum += value;
  }
  return sum / quantity.hourEndings.length;
};
