import { buyQuantityAt, sellQuantityAt } from '../../domain/market/bid-curve.js';
import type { MarketId, MarketRules } from '../../domain/market/market-rules.js';
import { SeededRandom, type Seed } from '../../domain/shared/seeded-random.js';
import { DAY_MS, HOUR_MS, KST_OFFSET_MS, MINUTE_MS } from '../../domain/shared/time/kst.js';
import { TradingDay } from '../../domain/shared/time/trading-day.js';
import type { KrwPerKwh } from '../../domain/shared/units.js';
import type { IntervalAward } from '../market-adapter.port.js';
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

/**
 * Spread of the simulated real-time price around the day-ahead SMP. There is no shared history of
 * Jeju real-time prices (kpx-market-rules.md §9), so these are assumptions, not calibrated values:
 * - binding price of a 15-minute interval = SMP of its hour x (1 + N(0, relativeSd))
 *   + N(0, absoluteSdKrwPerKwh), rounded to 0.01 and clamped to the market's price limits;
 *   the absolute term lets hours with an SMP near 0 go negative, as Jeju real-time prices do;
 * - a run published `lead` intervals ahead shows binding + N(0, leadSdKrwPerKwh x sqrt(lead)),
 *   so forecasts made further ahead are noisier and the last run (lead 0) is the binding price;
 * - the final price (D+1 18:00) is the binding price: no ex-post corrections are modelled.
 */
export interface RealTimeNoise {
  readonly relativeSd: number;
  readonly absoluteSdKrwPerKwh: number;
  readonly leadSdKrwPerKwh: number;
}

export const DEFAULT_REAL_TIME_NOISE: RealTimeNoise = {
  relativeSd: 0.1,
  absoluteSdKrwPerKwh: 6,
  leadSdKrwPerKwh: 2,
};

const missingReason = (market: MarketId, day: TradingDay, hourEnding: number): string =>
  `no ${market} SMP for hour-ending ${hourEnding} of ${day.toString()} in the historical data`;

export const MISSING_PRICE_CODE = 'PRICE.NO_HISTORICAL_SMP';

/** Enough for a few days of 15-minute intervals in both markets; the cache only saves work. */
const BINDING_CACHE_SIZE = 1_024;

const round2 = (value: number): number => Math.round(value * 100) / 100;

/**
 * Replays history: the day-ahead price of an interval is the SMP of its KST hour, and the VPP is
 * a price-taker, awarded exactly what its curves offer at that price. Real-time prices are derived
 * from the SMP with seeded noise (see RealTimeNoise): each draw comes from a generator derived
 * from (seed, market, interval start, lead), so a price never depends on which runs happened
 * before it, and the same seed gives the same prices in any process.
 */
export class HistoricalPriceFormation implements PriceFormation {
  readonly name = 'historical';
  private readonly random: SeededRandom;
  private readonly bindings = new Map<string, RealTimePrice>();

  constructor(
    private readonly history: SmpHistory,
    seed: Seed,
    private readonly noise: RealTimeNoise = DEFAULT_REAL_TIME_NOISE,
  ) {
    this.random = new SeededRandom(seed);
  }

  clearDayAhead(book: DayAheadBook): DayAheadClearing {
    const { market, tradingDay, intervalMinutes, intervalsPerDay } = book;
    const prices: IntervalPrice[] = [];
    for (let interval = 0; interval < intervalsPerDay; interval++) {
      // Grids divide an hour, so every interval lies inside one KST hour.
      const hourEnding = Math.floor((interval * intervalMinutes) / 60) + 1;
      const smp = this.history.smpKrwPerKwh(market, tradingDay, hourEnding);
      prices.push(
        smp === undefined
          ? {
              interval,
              priceKrwPerKwh: null,
              code: MISSING_PRICE_CODE,
              reason: missingReason(market, tradingDay, hourEnding),
            }
          : { interval, priceKrwPerKwh: smp },
      );
    }
    const awards = new Map<string, IntervalAward[]>();
    for (const bid of book.bids) {
      const list: IntervalAward[] = [];
      for (const intervalBid of [...bid.intervals].sort((a, b) => a.interval - b.interval)) {
        const price = prices[intervalBid.interval]?.priceKrwPerKwh ?? null;
        if (price === null) continue;
        list.push({
          interval: intervalBid.interval,
          clearingPriceKrwPerKwh: price as KrwPerKwh,
          awardedSellKw: sellQuantityAt(intervalBid.sell, price),
          awardedBuyKw: buyQuantityAt(intervalBid.buy, price),
        });
      }
      awards.set(bid.exchangeBidId, list);
    }
    return { prices, awards };
  }

  runRealTime(run: RealTimeRunInput): readonly RealTimePrice[] {
    const minutes = run.rules.realTime?.intervalMinutes ?? 15;
    return run.intervalStartsMs.map((startMs) => {
      const lead = Math.round((startMs - run.runAtMs) / (minutes * MINUTE_MS));
      const binding = this.bindingPrice(run.market, run.rules, startMs);
      if (binding.priceKrwPerKwh === null || lead <= 0) return binding;
      const draw = this.random.derive(`rt|${run.market}|${startMs}|lead|${lead}`);
      const noisy =
        binding.priceKrwPerKwh + draw.normal(0, this.noise.leadSdKrwPerKwh * Math.sqrt(lead));
      return { startMs, priceKrwPerKwh: clamp(round2(noisy), run.rules) };
    });
  }

  finalRealTimePrices(input: RealTimeDayInput): readonly IntervalPrice[] {
    const { tradingDay, intervalMinutes } = input;
    const count = DAY_MS / (intervalMinutes * MINUTE_MS);
    const prices: IntervalPrice[] = [];
    for (let interval = 0; interval < count; interval++) {
      const startMs = tradingDay.startMs + interval * intervalMinutes * MINUTE_MS;
      const binding = this.bindingPrice(input.market, input.rules, startMs);
      prices.push(
        binding.priceKrwPerKwh === null
          ? {
              interval,
              priceKrwPerKwh: null,
              code: MISSING_PRICE_CODE,
              reason: binding.reason ?? 'no price',
            }
          : { interval, priceKrwPerKwh: binding.priceKrwPerKwh },
      );
    }
    return prices;
  }

  /** Each interval is priced by every run covering it (8 in Jeju): its binding price is kept. */
  private bindingPrice(market: MarketId, rules: MarketRules, startMs: number): RealTimePrice {
    const key = `${market}|${startMs}`;
    const cached = this.bindings.get(key);
    if (cached !== undefined) return cached;
    if (this.bindings.size >= BINDING_CACHE_SIZE) this.bindings.clear();
    const price = this.computeBindingPrice(market, rules, startMs);
    this.bindings.set(key, price);
    return price;
  }

  private computeBindingPrice(
    market: MarketId,
    rules: MarketRules,
    startMs: number,
  ): RealTimePrice {
    const day = TradingDay.fromEpochDay(Math.floor((startMs + KST_OFFSET_MS) / DAY_MS));
    const hourEnding = Math.floor((startMs - day.startMs) / HOUR_MS) + 1;
    const smp = this.history.smpKrwPerKwh(market, day, hourEnding);
    if (smp === undefined)
      return { startMs, priceKrwPerKwh: null, reason: missingReason(market, day, hourEnding) };
    const draw = this.random.derive(`rt|${market}|${startMs}`);
    const relative = draw.normal(0, this.noise.relativeSd);
    const absolute = draw.normal(0, this.noise.absoluteSdKrwPerKwh);
    return { startMs, priceKrwPerKwh: clamp(round2(smp * (1 + relative) + absolute), rules) };
  }
}

const clamp = (price: number, rules: MarketRules): number =>
  Math.min(rules.curve.priceCapKrwPerKwh, Math.max(rules.curve.priceFloorKrwPerKwh, price)) + 0;
