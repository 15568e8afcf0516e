import { gateMinutesKst } from '../../market/day-ahead-gate.js';
import { DAY_MS, MINUTE_MS, instantFromMillis } from '../../shared/time/kst.js';
import type { TradingDay } from '../../shared/time/trading-day.js';
import type { KpxForecastScheme, KpxSubmissionSlot } from './kpx-forecast-scheme.js';

/**
 * Epoch milliseconds of the gate of `slot` for trading `day`: D-1 at the slot's KST wall time.
 * A submission is on time at the gate instant itself and late one millisecond after it.
 */
export const kpxSubmissionGateMs = (
  day: TradingDay,
  slot: KpxSubmissionSlot,
  scheme: KpxForecastScheme,
): number => day.startMs - DAY_MS + gateMinutesKst(scheme.submissionGatesKst[slot]) * MINUTE_MS;

/** Both gates of `day` as canonical UTC ISO instants, e.g. for showing them to people. */
export const kpxSubmissionGates = (
  day: TradingDay,
  scheme: KpxForecastScheme,
): Readonly<Record<KpxSubmissionSlot, string>> => ({
  first: isoOf(kpxSubmissionGateMs(day, 'first', scheme)),
  second: isoOf(kpxSubmissionGateMs(day, 'second', scheme)),
});

export const isoOf = (epochMs: number): string => instantFromMillis(epochMs).toISO() ?? '';
