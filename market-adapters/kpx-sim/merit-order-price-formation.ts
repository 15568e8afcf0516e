import { dayIndexOf, valueAt } from '../../domain/forecasting/hourly-series.js';
import type { CurvePoint } from '../../domain/market/bid-curve.js';
import type { MarketId } from '../../domain/market/market-rules.js';
import {
  DEFAULT_CALIBRATION,
  type MeritOrderCalibration,
} from '../../domain/market/merit-order/calibration.js';
import {
  meritOrderHour,
  type MeritOrderExtraOrder,
  type MeritOrderHourResult,
} from '../../domain/market/merit-order/merit-order-price.js';
import { supplyStackFor, type SupplyStack } from '../../domain/market/merit-order/supply-stack.js';
import type { Seed } from '../../domain/shared/seeded-random.js';
import type { TradingDay } from '../../domain/shared/time/trading-day.js';
import type { KrwPerKwh, Kw } from '../../domain/shared/units.js';
import type { IntervalAward } from '../market-adapter.port.js';
import {
  DEFAULT_REAL_TIME_NOISE,
  HistoricalPriceFormation,
  type RealTimeNoise,
} from './historical-price-formation.js';
import { MERIT_ORDER_COVERAGE, type MeritOrderInputs } from './merit-order-inputs.js';
import type {
  DayAheadBook,
  DayAheadClearing,
  IntervalPrice,
  PriceFormation,
  RealTimeDayInput,
  RealTimePrice,
  RealTimeRunInput,
} from './price-formation.js';
import type { SmpHistory } from './smp-history.js';

export const MAINLAND_ONLY_CODE = 'PRICE.MERIT_ORDER_MAINLAND_ONLY';
export const NO_DATA_CODE = 'PRICE.NO_MERIT_ORDER_DATA';

const KW_PER_MW = 1_000;
/** Awards are rounded to 1 W: kW → MW → kW is not exact in floating point. */
const roundKw = (value: number): number => Math.round(value * 1_000) / 1_000 + 0;

/** Why (market, day, hour) cannot be priced by the model, or undefined when it can. */
export const meritOrderGap = (
  inputs: MeritOrderInputs,
  market: MarketId,
  day: TradingDay,
  hourEnding: number,
): { code: string; reason: string } | undefined => {
  if (market !== 'mainland')
    return {
      code: MAINLAND_ONLY_CODE,
      reason: `merit-order price formation models the mainland fleet only; ${market} does not clear in this mode`,
    };
  const { first, last } = MERIT_ORDER_COVERAGE;
  if (day.epochDay < first.epochDay || day.epochDay > last.epochDay)
    return {
      code: NO_DATA_CODE,
      reason: `no merit-order data for ${day.toString()}: the fleet, demand and renewables data cover ${first.toString()}..${last.toString()}`,
    };
  for (const [name, series] of Object.entries(inputs))
    if (Number.isNaN(valueAt(series, dayIndexOf(series, day), hourEnding)))
      return {
        code: NO_DATA_CODE,
        reason: `no ${name} for hour-ending ${hourEnding} of ${day.toString()} in the data files`,
      };
  return undefined;
};

/**
 * Step orders of one interval's curves, MW. A sell curve (cumulative kW, increasing price) sells
 * each point's increase over the previous point at that point's price; a buy curve (quantities
 * never increasing) buys each point's excess over the next point up to that point's price. Cleared
 * at a uniform price, the accepted steps add up to `sellQuantityAt` / `buyQuantityAt`.
 */
export const curveStepOrders = (
  idPrefix: string,
  agent: string,
  sell: readonly CurvePoint[],
  buy: readonly CurvePoint[],
): MeritOrderExtraOrder[] => {
  const orders: MeritOrderExtraOrder[] = [];
  sell.forEach((point, k) => {
    const stepKw = point.quantityKw - (k === 0 ? 0 : sell[k - 1]!.quantityKw);
    orders.push({
      id: `${idPrefix}|sell|${k}`,
      agent,
      side: 'sell',
      quantityMw: stepKw / KW_PER_MW,
      priceKrwPerKwh: point.priceKrwPerKwh,
    });
  });
  buy.forEach((point, k) => {
    const stepKw = point.quantityKw - (buy[k + 1]?.quantityKw ?? 0);
    orders.push({
      id: `${idPrefix}|buy|${k}`,
      agent,
      side: 'buy',
      quantityMw: stepKw / KW_PER_MW,
      priceKrwPerKwh: point.priceKrwPerKwh,
    });
  });
  return orders;
};

/**
 * Prices the mainland with the 2024 merit-order model (domain/market/merit-order/): each
 * day-ahead interval clears the fleet's supply stack of its month, price-taking solar and wind
 * and the mainland demand of its hour together with every accepted VPP bid of the interval, so
 * the VPP's offers take part in setting the SMP (pay-as-clear). Awards are what the clearing
 * accepted of each curve step. Jeju and days outside 2024 do not clear (MAINLAND_ONLY_CODE,
 * NO_DATA_CODE), as an hour without SMP does not in historical mode.
 *
 * Real-time prices follow HistoricalPriceFormation's seeded noise around the model's price of the
 * hour without any VPP order (the bids are not known to a real-time run).
 */
export class MeritOrderPriceFormation implements PriceFormation {
  readonly name = 'merit-order';
  private readonly stacks = new Map<number, SupplyStack>();
  private readonly realTime: HistoricalPriceFormation;

  constructor(
    private readonly inputs: MeritOrderInputs,
    seed: Seed,
    private readonly calibration: MeritOrderCalibration = DEFAULT_CALIBRATION,
    noise: RealTimeNoise = DEFAULT_REAL_TIME_NOISE,
  ) {
    this.realTime = new HistoricalPriceFormation(this.modelHistory(), seed, noise);
  }

  clearDayAhead(book: DayAheadBook): DayAheadClearing {
    const { market, tradingDay, intervalMinutes, intervalsPerDay } = book;
    const prices: IntervalPrice[] = [];
    const awards = new Map<string, IntervalAward[]>(
      book.bids.map((bid) => [bid.exchangeBidId, []]),
    );
    for (let interval = 0; interval < intervalsPerDay; interval++) {
      // Grids divide an hour: every interval lies inside one KST hour, whose demand it clears.
      const hourEnding = Math.floor((interval * intervalMinutes) / 60) + 1;
      const gap = meritOrderGap(this.inputs, market, tradingDay, hourEnding);
      if (gap !== undefined) {
        prices.push({ interval, priceKrwPerKwh: null, ...gap });
        continue;
      }
      const orders: { bidId: string; orders: MeritOrderExtraOrder[] }[] = [];
      for (const bid of book.bids)
        for (const intervalBid of bid.intervals)
          if (intervalBid.interval === interval)
            orders.push({
              bidId: bid.exchangeBidId,
              orders: curveStepOrders(
                `${bid.exchangeBidId}|${interval}`,
                bid.portfolioId,
                intervalBid.sell,
                intervalBid.buy,
              ),
            });
      const result = this.clearHour(
        tradingDay,
        hourEnding,
        orders.flatMap((o) => o.orders),
      );
      if (result.smpKrwPerKwh === null) {
        prices.push({
          interval,
          priceKrwPerKwh: null,
          code: NO_DATA_CODE,
          reason: `nothing traded in hour-ending ${hourEnding} of ${tradingDay.toString()}`,
        });
        continue;
      }
      const price = result.smpKrwPerKwh;
      prices.push({ interval, priceKrwPerKwh: price });
      for (const { bidId, orders: bidOrders } of orders) {
        let sellMw = 0;
        let buyMw = 0;
        for (const order of bidOrders) {
          const accepted = result.extraAcceptedMw.get(order.id) ?? 0;
          if (order.side === 'sell') sellMw += accepted;
          else buyMw += accepted;
        }
        awards.get(bidId)!.push({
          interval,
          clearingPriceKrwPerKwh: price as KrwPerKwh,
          awardedSellKw: roundKw(sellMw * KW_PER_MW) as Kw,
          awardedBuyKw: roundKw(buyMw * KW_PER_MW) as Kw,
        });
      }
    }
    return { prices, awards };
  }

  runRealTime(run: RealTimeRunInput): readonly RealTimePrice[] {
    return this.realTime.runRealTime(run);
  }

  finalRealTimePrices(input: RealTimeDayInput): readonly IntervalPrice[] {
    return this.realTime.finalRealTimePrices(input);
  }

  /** The model's price of one mainland hour with the given extra orders (no check of coverage). */
  clearHour(
    day: TradingDay,
    hourEnding: number,
    extraOrders: readonly MeritOrderExtraOrder[] = [],
  ): MeritOrderHourResult {
    const at = (series: MeritOrderInputs['demandMw']): number =>
      valueAt(series, dayIndexOf(series, day), hourEnding);
    return meritOrderHour({
      stack: this.stack(day.month),
      demandMw: at(this.inputs.demandMw),
      solarMw: at(this.inputs.solarMw),
      windMw: at(this.inputs.windMw),
      extraOrders,
    });
  }

  private stack(month: number): SupplyStack {
    let stack = this.stacks.get(month);
    if (stack === undefined) {
      stack = supplyStackFor(month, this.calibration);
      this.stacks.set(month, stack);
    }
    return stack;
  }

  /** The model's price without VPP orders, as the history real-time prices scatter around. */
  private modelHistory(): SmpHistory {
    return {
      smpKrwPerKwh: (market, day, hourEnding) =>
        meritOrderGap(this.inputs, market, day, hourEnding) === undefined
          ? (this.clearHour(day, hourEnding).smpKrwPerKwh ?? undefined)
          : undefined,
    };
  }
}
