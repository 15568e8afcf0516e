import { IntervalGrid } from '../shared/time/interval-grid.js';
import { DAY_MS, MINUTE_MS } from '../shared/time/kst.js';
import type { TradingDay } from '../shared/time/trading-day.js';
import { gateMinutesKst } from './day-ahead-gate.js';
import type { MarketRules } from './market-rules.js';

/** The instants (epoch ms) that govern trading day D in one market, derived from its rules. */
export interface TradingDayTimeline {
  readonly tradingDay: string;
  /** Nothing for D may be submitted, amended or withdrawn at or after this instant. */
  readonly dayAheadGateMs: number;
  readonly dayAheadResultsMs: number;
  /** Final real-time prices of D; absent without a real-time market. */
  readonly realTimeFinalPricesMs?: number;
}

const kstWallTimeMs = (day: TradingDay, dayOffset: number, wallTimeKst: string): number =>
  day.startMs + dayOffset * DAY_MS + gateMinutesKst(wallTimeKst) * MINUTE_MS;

/** The market calendar: when each step of a trading day happens, and on which interval grid. */
export class MarketCalendar {
  readonly dayAheadGrid: IntervalGrid;
  readonly realTimeGrid?: IntervalGrid;

  constructor(readonly rules: MarketRules) {
    this.dayAheadGrid = IntervalGrid.of(rules.dayAhead.intervalMinutes);
    if (rules.realTime) this.realTimeGrid = IntervalGrid.of(rules.realTime.intervalMinutes);
  }

  timelineOf(day: TradingDay): TradingDayTimeline {
    const { dayAhead, realTime } = this.rules;
    return {
      tradingDay: day.toString(),
      dayAheadGateMs: kstWallTimeMs(day, -1, dayAhead.gateKst),
      dayAheadResultsMs: kstWallTimeMs(day, -1, dayAhead.resultsKst),
      ...(realTime
        ? { realTimeFinalPricesMs: kstWallTimeMs(day, 1, realTime.finalPricesKst) }
        : {}),
    };
  }

  /** True while day-ahead offers for `day` may still be submitted, amended or withdrawn. */
  isDayAheadOpen(day: TradingDay, nowMs: number): boolean {
    return nowMs < this.timelineOf(day).dayAheadGateMs;
  }
}
