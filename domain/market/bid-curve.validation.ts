import type { Kw } from '../shared/units.js';
import type { CurvePoint, IntervalBid } from './bid-curve.js';
import type { MarketRules } from './market-rules.js';

/** One broken market rule, with the JSON path of the value at fault. */
export interface BidRuleViolation {
  readonly code:
    | 'BID.INTERVAL_OUT_OF_GRID'
    | 'BID.DUPLICATE_INTERVAL'
    | 'BID.TOO_MANY_SEGMENTS'
    | 'BID.NOT_MONOTONE'
    | 'BID.PRICE_OUT_OF_LIMITS'
    | 'BID.QUANTITY_INVALID'
    | 'BID.QUANTITY_BELOW_MINIMUM'
    | 'BID.QUANTITY_OFF_STEP'
    | 'BID.QUANTITY_ABOVE_CAPACITY';
  readonly field: string;
  readonly message: string;
}

export interface BidLimits {
  readonly rules: MarketRules;
  /** Intervals in the trading day on the market's day-ahead grid (24 for hourly). */
  readonly intervalsPerDay: number;
  /** Registered capacity of the portfolio in each direction; no step may exceed it. */
  readonly sellCapacityKw: Kw;
  readonly buyCapacityKw: Kw;
}

// Quantities come out of a solver in floating point: a step is judged to a micro-kW.
const STEP_TOLERANCE = 1e-6;

const isOnStep = (quantityKw: number, stepKw: number): boolean => {
  const steps = quantityKw / stepKw;
  return Math.abs(steps - Math.round(steps)) * stepKw <= STEP_TOLERANCE;
};

const checkPoints = (
  points: readonly CurvePoint[],
  side: 'sell' | 'buy',
  path: string,
  limits: BidLimits,
  out: BidRuleViolation[],
): void => {
  const { curve } = limits.rules;
  const capacity = side === 'sell' ? limits.sellCapacityKw : limits.buyCapacityKw;
  if (points.length > curve.maxSegments)
    out.push({
      code: 'BID.TOO_MANY_SEGMENTS',
      field: path,
      message: `${points.length} segments, the market allows at most ${curve.maxSegments}`,
    });
  points.forEach((point, index) => {
    const field = `${path}[${index}]`;
    const { priceKrwPerKwh: price, quantityKw: quantity } = point;
    if (
      !Number.isFinite(price) ||
      price < curve.priceFloorKrwPerKwh ||
      price > curve.priceCapKrwPerKwh
    )
      out.push({
        code: 'BID.PRICE_OUT_OF_LIMITS',
        field: `${field}.priceKrwPerKwh`,
        message: `${price} KRW/kWh is outside [${curve.priceFloorKrwPerKwh}, ${curve.priceCapKrwPerKwh}]`,
      });
    if (!Number.isFinite(quantity) || quantity < 0) {
      out.push({
        code: 'BID.QUANTITY_INVALID',
        field: `${field}.quantityKw`,
        message: `a quantity is a finite number of kW, at least 0; got ${quantity}`,
      });
      return;
    }
    if (quantity > 0 && quantity < curve.minQuantityKw)
      out.push({
        code: 'BID.QUANTITY_BELOW_MINIMUM',
        field: `${field}.quantityKw`,
        message: `${quantity} kW is below the market minimum of ${curve.minQuantityKw} kW`,
      });
    if (!isOnStep(quantity, curve.quantityStepKw))
      out.push({
        code: 'BID.QUANTITY_OFF_STEP',
        field: `${field}.quantityKw`,
        message: `${quantity} kW is not a multiple of the ${curve.quantityStepKw} kW step`,
      });
    if (quantity > capacity + STEP_TOLERANCE)
      out.push({
        code: 'BID.QUANTITY_ABOVE_CAPACITY',
        field: `${field}.quantityKw`,
        message: `${quantity} kW exceeds the registered ${side} capacity of ${capacity} kW`,
      });
    const previous = points[index - 1];
    if (previous === undefined) return;
    const pricesRise = price > previous.priceKrwPerKwh;
    const quantitiesOrdered =
      side === 'sell' ? quantity >= previous.quantityKw : quantity <= previous.quantityKw;
    if (!pricesRise || !quantitiesOrdered)
      out.push({
        code: 'BID.NOT_MONOTONE',
        field,
        message:
          side === 'sell'
            ? 'a sell curve has strictly rising prices and never-decreasing quantities'
            : 'a buy curve has strictly rising prices and never-increasing quantities',
      });
  });
};

/** Every rule the curves break (empty when they can be submitted), in interval order. */
export const bidRuleViolations = (
  intervals: readonly IntervalBid[],
  limits: BidLimits,
): BidRuleViolation[] => {
  const out: BidRuleViolation[] = [];
  const seen = new Set<number>();
  intervals.forEach((bid, index) => {
    const path = `intervals[${index}]`;
    if (
      !Number.isInteger(bid.interval) ||
      bid.interval < 0 ||
      bid.interval >= limits.intervalsPerDay
    )
      out.push({
        code: 'BID.INTERVAL_OUT_OF_GRID',
        field: `${path}.interval`,
        message: `interval ${bid.interval} is not on the day's grid of ${limits.intervalsPerDay} intervals (0..${limits.intervalsPerDay - 1})`,
      });
    else if (seen.has(bid.interval))
      out.push({
        code: 'BID.DUPLICATE_INTERVAL',
        field: `${path}.interval`,
        message: `interval ${bid.interval} is bid twice`,
      });
    seen.add(bid.interval);
    checkPoints(bid.sell, 'sell', `${path}.sell`, limits, out);
    checkPoints(bid.buy, 'buy', `${path}.buy`, limits, out);
  });
  return out;
};
