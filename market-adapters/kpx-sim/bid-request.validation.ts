import type { CurvePoint, IntervalBid } from '../../domain/market/bid-curve.js';
import { bidRuleViolations } from '../../domain/market/bid-curve.validation.js';
import { MarketCalendar } from '../../domain/market/market-calendar.js';
import {
  MARKETS,
  isMarketId,
  type MarketId,
  type MarketRules,
} from '../../domain/market/market-rules.js';
import { TradingDay } from '../../domain/shared/time/trading-day.js';
import type { KrwPerKwh, Kw } from '../../domain/shared/units.js';
import { MARKET_PRODUCTS, type RejectionViolation } from '../market-adapter.port.js';

/** A submission that passed every check, reduced to what the exchange keeps. */
export interface ValidBid {
  readonly portfolioId: string;
  readonly market: MarketId;
  readonly tradingDay: TradingDay;
  readonly intervals: readonly IntervalBid[];
}

export interface BidRejection {
  readonly code: string;
  readonly reason: string;
  readonly violations: readonly RejectionViolation[];
}

export type BidCheck =
  { readonly ok: true; readonly bid: ValidBid } | ({ readonly ok: false } & BidRejection);

type Raw = Record<string, unknown>;

const isObject = (value: unknown): value is Raw =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const reject = (code: string, reason: string, field?: string): BidCheck => ({
  ok: false,
  code,
  reason,
  violations: field === undefined ? [] : [{ code, field, message: reason }],
});

const malformed = (field: string, message: string): BidCheck =>
  reject('BID.INVALID_REQUEST', `${field}: ${message}`, field);

/** Points as plain numbers, or the first field that is not; NaN passes on to the rule check. */
const pointsOf = (value: unknown, field: string): CurvePoint[] | BidCheck => {
  if (!Array.isArray(value)) return malformed(field, 'must be an array of price-quantity points');
  const points: CurvePoint[] = [];
  for (let index = 0; index < value.length; index++) {
    const point: unknown = value[index];
    const at = `${field}[${index}]`;
    if (!isObject(point)) return malformed(at, 'must be { priceKrwPerKwh, quantityKw }');
    if (typeof point.priceKrwPerKwh !== 'number')
      return malformed(`${at}.priceKrwPerKwh`, 'must be a number');
    if (typeof point.quantityKw !== 'number')
      return malformed(`${at}.quantityKw`, 'must be a number');
    points.push({
      priceKrwPerKwh: point.priceKrwPerKwh as KrwPerKwh,
      quantityKw: point.quantityKw as Kw,
    });
  }
  return points;
};

const intervalsOf = (value: unknown): IntervalBid[] | BidCheck => {
  if (!Array.isArray(value) || value.length === 0)
    return malformed('intervals', 'must be a non-empty array of interval bids');
  const intervals: IntervalBid[] = [];
  for (let index = 0; index < value.length; index++) {
    const bid: unknown = value[index];
    const at = `intervals[${index}]`;
    if (!isObject(bid)) return malformed(at, 'must be { interval, sell, buy }');
    if (typeof bid.interval !== 'number') return malformed(`${at}.interval`, 'must be a number');
    const sell = pointsOf(bid.sell, `${at}.sell`);
    if (!Array.isArray(sell)) return sell;
    const buy = pointsOf(bid.buy, `${at}.buy`);
    if (!Array.isArray(buy)) return buy;
    intervals.push({ interval: bid.interval, sell, buy });
  }
  return intervals;
};

const capacityOf = (value: unknown, field: string): number | BidCheck =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0
    ? value
    : malformed(field, `must be a finite number of kW, at least 0; got ${String(value)}`);

const isCheck = (value: unknown): value is BidCheck => isObject(value) && 'ok' in value;

const gateText = (rules: MarketRules, day: TradingDay, gateMs: number): string =>
  `bids for ${day.toString()} closed at ${new Date(gateMs).toISOString()} (D-1 ${rules.dayAhead.gateKst} KST)`;

/**
 * Checks a submission as the exchange does, in this order: the request's identity (portfolio,
 * market, product, trading day), the gate, the shape of the curves, then the market's curve rules
 * (`bidRuleViolations`). The first failing stage decides the answer; within the curve rules every
 * violation is listed and the first one's code is the rejection's code.
 */
export const checkBidRequest = (
  request: unknown,
  rulesOf: (market: MarketId) => MarketRules,
  nowMs: number,
): BidCheck => {
  if (!isObject(request)) return malformed('request', 'must be a JSON object');
  const { portfolioId, market, product, tradingDay } = request;
  if (typeof portfolioId !== 'string' || portfolioId.trim() === '')
    return malformed('portfolioId', 'must be a non-empty string');
  if (typeof market !== 'string' || !isMarketId(market))
    return reject(
      'BID.UNKNOWN_PRODUCT',
      `unknown market ${JSON.stringify(market)}: this exchange runs ${MARKETS.join(', ')}`,
      'market',
    );
  if (product !== undefined && !(MARKET_PRODUCTS as readonly unknown[]).includes(product))
    return reject(
      'BID.UNKNOWN_PRODUCT',
      `unknown product ${JSON.stringify(product)}: this exchange takes ${MARKET_PRODUCTS.join(', ')} bids`,
      'product',
    );
  let day: TradingDay;
  try {
    day = TradingDay.parse(tradingDay as string);
  } catch {
    return malformed('tradingDay', `must be a trading day YYYY-MM-DD, got ${String(tradingDay)}`);
  }
  const rules = rulesOf(market);
  const calendar = new MarketCalendar(rules);
  const gateMs = calendar.timelineOf(day).dayAheadGateMs;
  if (nowMs >= gateMs)
    return reject(
      'BID.GATE_CLOSED',
      `${gateText(rules, day, gateMs)}; the bid arrived at ${new Date(nowMs).toISOString()}`,
      'tradingDay',
    );
  const sellCapacityKw = capacityOf(request.sellCapacityKw, 'sellCapacityKw');
  if (isCheck(sellCapacityKw)) return sellCapacityKw;
  const buyCapacityKw = capacityOf(request.buyCapacityKw, 'buyCapacityKw');
  if (isCheck(buyCapacityKw)) return buyCapacityKw;
  const intervals = intervalsOf(request.intervals);
  if (!Array.isArray(intervals)) return intervals;
  const violations = bidRuleViolations(intervals, {
    rules,
    intervalsPerDay: calendar.dayAheadGrid.intervalsPerDay,
    sellCapacityKw: sellCapacityKw as Kw,
    buyCapacityKw: buyCapacityKw as Kw,
  });
  const first = violations[0];
  if (first !== undefined)
    return {
      ok: false,
      code: first.code,
      reason: violations.map((v) => `${v.field}: ${v.message}`).join('; '),
      violations: violations.map(({ code, field, message }) => ({ code, field, message })),
    };
  return {
    ok: true,
    bid: {
      portfolioId,
      market,
      tradingDay: day,
      intervals: [...intervals].sort((a, b) => a.interval - b.interval),
    },
  };
};
