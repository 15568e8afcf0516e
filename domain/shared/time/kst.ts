import { DateTime, FixedOffsetZone } from 'luxon';
import { timeError } from './time-error.js';

/**
 * Korea Standard Time as a fixed UTC+9 offset. KPX trades in KST and Korea has no daylight saving
 * (kpx-market-rules.md §7.2); a fixed zone also avoids depending on the host's tz database, and
 * on Asia/Seoul's DST of 1987-88, which predates the market.
 */
export const KST = FixedOffsetZone.instance(9 * 60);

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
export const KST_OFFSET_MS = 9 * HOUR_MS;

/** Checks a luxon DateTime is valid and returns the same instant in UTC. */
export const utcInstant = (instant: DateTime, field = 'instant'): DateTime => {
  if (!DateTime.isDateTime(instant) || !instant.isValid)
    throw timeError(
      'TIME.INVALID_INSTANT',
      `${field} must be a valid luxon DateTime`,
      {
        reason: DateTime.isDateTime(instant) ? instant.invalidReason : typeof instant,
      },
      field,
    );
  // Always convert: a host zone named 'UTC' (IANA) still prints '+00:00' instead of 'Z'.
  return instant.toUTC();
};

export const instantFromMillis = (epochMs: number): DateTime =>
  DateTime.fromMillis(epochMs, { zone: 'utc' });

/** Epoch milliseconds of the KST midnight that starts the trading day containing `epochMs`. */
export const kstDayStartMs = (epochMs: number): number =>
  Math.floor((epochMs + KST_OFFSET_MS) / DAY_MS) * DAY_MS - KST_OFFSET_MS;
