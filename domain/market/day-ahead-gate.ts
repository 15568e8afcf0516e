import { DomainError } from '../shared/domain-error.js';
import { failWith } from '../shared/input-parsing.js';
import { instantMs, isoInstant } from '../shared/iso-instant.js';
import { DAY_MS, KST_OFFSET_MS, MINUTE_MS } from '../shared/time/kst.js';
import { TradingDay } from '../shared/time/trading-day.js';

/**
 * Mainland day-ahead offers for trading day D are due on D-1 at 10:00 KST (kpx-market-rules.md
 * §1.2). That time is SECONDARY for DR and UNCONFIRMED for generators (§10), so callers pass the
 * gate from configuration and this is only the default.
 */
export const DEFAULT_DAY_AHEAD_GATE_KST = '10:00';

const GATE_KST = /^([01]\d|2[0-3]):([0-5]\d)$/;

export type MarketErrorCode = 'MARKET.INVALID_GATE_TIME' | 'MARKET.INVALID_INPUT';

/** A KST wall time `HH:MM` (00:00..23:59) as minutes after midnight. */
export const gateMinutesKst = (gateKst: string): number => {
  const match = typeof gateKst === 'string' ? GATE_KST.exec(gateKst) : null;
  if (match === null)
    throw new DomainError(
      'MARKET.INVALID_GATE_TIME' satisfies MarketErrorCode,
      `a gate time is a KST wall time HH:MM from 00:00 to 23:59, got ${String(gateKst)}`,
      'gateKst',
    );
  return Number(match[1]) * 60 + Number(match[2]);
};

export const isGateKst = (text: string): boolean => GATE_KST.test(text);

/** Epoch milliseconds at which the day-ahead gate of `day` closes: D-1 at `gateKst`, KST. */
export const dayAheadGateMs = (
  day: TradingDay,
  gateKst: string = DEFAULT_DAY_AHEAD_GATE_KST,
): number => day.startMs - DAY_MS + gateMinutesKst(gateKst) * MINUTE_MS;

/**
 * The first trading day whose day-ahead gate is still ahead of `now`: its bid may still be made
 * or changed, so it is the earliest day from which membership and settings may change. At the
 * gate instant itself the gate is closed (offers are due *before* it).
 */
export const firstOpenTradingDay = (
  nowIso: string,
  gateKst: string = DEFAULT_DAY_AHEAD_GATE_KST,
): TradingDay => {
  const gateMs = gateMinutesKst(gateKst) * MINUTE_MS;
  const nowMs = instantMs(isoInstant(nowIso, 'now', failWith('MARKET.INVALID_INPUT')));
  const today = Math.floor((nowMs + KST_OFFSET_MS) / DAY_MS);
  // Today's gate closes tomorrow's bid; before it tomorrow is open, from it on the day after.
  const todaysGateMs = today * DAY_MS - KST_OFFSET_MS + gateMs;
  return TradingDay.fromEpochDay(nowMs < todaysGateMs ? today + 1 : today + 2);
};
