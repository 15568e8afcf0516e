import { DateTime } from 'luxon';
import type { Fail } from './input-parsing.js';

const EXPLICIT_OFFSET = /T.*(Z|[+-]\d{2}(:?\d{2})?)$/;
const CANONICAL_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.(\d{3})Z$/;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/**
 * An ISO 8601 instant with an explicit offset, returned as canonical UTC
 * (`2025-03-01T00:00:00.000Z`): fixed width, so such strings compare and sort as instants.
 */
export const isoInstant = (value: unknown, field: string, fail: Fail): string => {
  // Instants that already are canonical (all that events hold) skip luxon's general parser,
  // which is most of a decision's cost when 100,000 DERs are registered in a batch.
  if (typeof value === 'string' && canonicalInstantMs(value) !== undefined) return value;
  const parsed =
    typeof value === 'string' && EXPLICIT_OFFSET.test(value)
      ? DateTime.fromISO(value, { zone: 'utc' })
      : undefined;
  if (parsed === undefined || !parsed.isValid || parsed.year < 1 || parsed.year > 9999)
    fail(field, `${field} must be an ISO 8601 instant with an offset, got ${String(value)}`, {
      value,
    });
  return parsed.toUTC().toISO() ?? '';
};

/** Epoch milliseconds of a canonical instant as `isoInstant` returns it. */
export const instantMs = (iso: string): number =>
  canonicalInstantMs(iso) ?? DateTime.fromISO(iso, { zone: 'utc' }).toMillis();

const canonicalInstantMs = (text: string): number | undefined => {
  const m = CANONICAL_INSTANT.exec(text);
  if (m === null) return undefined;
  const [year, month, day, hour, minute, second, milli] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))
    return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  return (
    daysFromCivil(year, month, day) * DAY_MS + ((hour * 60 + minute) * 60 + second) * 1000 + milli
  );
};

/**
 * A trading day 'YYYY-MM-DD' (a KST date) as its canonical text and its day number (days since
 * 1970-01-01, as `TradingDay.epochDay`), by arithmetic: luxon here would dominate batch imports.
 */
export const isoDay = (
  value: unknown,
  field: string,
  fail: Fail,
): { readonly day: string; readonly epochDay: number } => {
  const m = typeof value === 'string' ? ISO_DAY.exec(value) : null;
  const [year, month, day] = (m?.slice(1) ?? []).map(Number) as [number, number, number];
  if (m === null || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))
    fail(field, `${field} must be a trading day YYYY-MM-DD, got ${String(value)}`, { value });
  return { day: value as string, epochDay: daysFromCivil(year, month, day) };
};

const daysInMonth = (year: number, month: number): number =>
  month === 2
    ? year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
      ? 29
      : 28
    : month === 4 || month === 6 || month === 9 || month === 11
      ? 30
      : 31;

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
const daysFromCivil = (year: number, month: number, day: number): number => {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
};
