import { Inject, Injectable } from '@nestjs/common';
import type { DateTime } from 'luxon';
import { firstOpenTradingDay } from '../../domain/market/day-ahead-gate.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';

/** The market calendar as configured: which trading days may still be bid (or changed). */
@Injectable()
export class DayAheadCalendar {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** 'YYYY-MM-DD' of the first trading day whose day-ahead gate is still ahead of `now`. */
  firstOpenDay(now: DateTime): string {
    return firstOpenTradingDay(isoUtc(now), this.config.dayAheadGateKst).toString();
  }
}

/** The canonical UTC ISO form the domain's commands carry. */
export const isoUtc = (instant: DateTime): string => {
  const iso = instant.toUTC().toISO();
  // Only an invalid DateTime has no ISO form; a clock that returns one is a programming error.
  if (iso === null) throw new Error(`invalid instant: ${instant.invalidReason ?? 'unknown'}`);
  return iso;
};
