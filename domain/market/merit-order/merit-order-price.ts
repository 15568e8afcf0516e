import { clearPayAsClear } from '../clearing/pay-as-clear.js';
import type { PriceLimits, SimpleOrder } from '../clearing/order-book.js';
import { DomainError } from '../../shared/domain-error.js';
import { HOURS_PER_DAY } from '../../shared/time/kpx-numbering.js';
import type { TradingDay } from '../../shared/time/trading-day.js';
import { DEFAULT_CALIBRATION, type MeritOrderCalibration } from './calibration.js';
import type { FleetFuel } from './fleet.data.js';
import { supplyStackFor, type SupplyStack } from './supply-stack.js';

/**
 * What the demand side bids: price-inelastic up to this price. KPX has no permanent SMP cap
 * (kpx-market-rules.md §1.3); the book needs a finite bid, so it is set far above any fleet offer
 * (oil peakers offer ~400 KRW/kWh). Offers above it are never accepted.
 */
export const DEFAULT_DEMAND_BID_KRW_PER_KWH = 1_000;

/** A VPP or renewable order cleared with the fleet: MW for the hour, KRW/kWh. */
export interface MeritOrderExtraOrder {
  readonly id: string;
  readonly agent: string;
  readonly side: 'sell' | 'buy';
  readonly quantityMw: number;
  readonly priceKrwPerKwh: number;
}

export interface MeritOrderHourInput {
  readonly stack: SupplyStack;
  /** Mainland demand of the hour (the shared KPX demand series), MW. */
  readonly demandMw: number;
  /** Market solar and mainland wind: price-taking, offered at 0 KRW/kWh. */
  readonly solarMw: number;
  readonly windMw: number;
  readonly extraOrders?: readonly MeritOrderExtraOrder[];
  readonly demandBidKrwPerKwh?: number;
  /** Checked by the clearing engine against every price in the book. */
  readonly limits?: PriceLimits;
}

/** Who set the price: a fleet fuel, a price-taking renewable or an extra order. */
export type MarginalKind = FleetFuel | 'renewable' | 'extra';

export interface MeritOrderHourResult {
  /** Null only when nothing traded (cannot happen with positive demand and a non-empty stack). */
  readonly smpKrwPerKwh: number | null;
  /** `fleet:<block id>`, `renewable:solar|wind` or `extra:<order id>` of the price-setting offer. */
  readonly marginalOrderId: string | null;
  readonly marginalKind: MarginalKind | null;
  /** Demand (and extra buys) left unserved because supply ran out, MW. */
  readonly shortfallMw: number;
  /** Accepted MW per extra order id (0 when rejected). */
  readonly extraAcceptedMw: ReadonlyMap<string, number>;
}

const PRODUCT = 'hour';
const FLEET_PREFIX = 'fleet:';
const EXTRA_PREFIX = 'extra:';
const RENEWABLE_PREFIX = 'renewable:';

const invalid = (field: string, message: string): DomainError =>
  new DomainError('MERIT_ORDER.INVALID_INPUT', `${field}: ${message}`, field);

const nonNegative = (value: number, field: string): number => {
  if (!Number.isFinite(value) || value < 0)
    throw invalid(field, `must be a finite number >= 0 MW, got ${value}`);
  return value;
};

/** The pay-as-clear book of one hour: fleet + renewables + extra sells vs demand + extra buys. */
export const meritOrderBook = (input: MeritOrderHourInput): SimpleOrder[] => {
  const demandMw = nonNegative(input.demandMw, 'demandMw');
  const orders: SimpleOrder[] = [];
  const sell = (id: string, agent: string, quantity: number, price: number): void => {
    if (quantity > 0) orders.push({ id, agent, side: 'sell', product: PRODUCT, quantity, price });
  };
  for (const block of input.stack.blocks)
    sell(FLEET_PREFIX + block.id, 'fleet', block.availableMw, block.offerKrwPerKwh);
  sell(`${RENEWABLE_PREFIX}solar`, 'renewables', nonNegative(input.solarMw, 'solarMw'), 0);
  sell(`${RENEWABLE_PREFIX}wind`, 'renewables', nonNegative(input.windMw, 'windMw'), 0);
  if (demandMw > 0)
    orders.push({
      id: 'demand',
      agent: 'demand',
      side: 'buy',
      product: PRODUCT,
      quantity: demandMw,
      price: input.demandBidKrwPerKwh ?? DEFAULT_DEMAND_BID_KRW_PER_KWH,
    });
  (input.extraOrders ?? []).forEach((order, index) => {
    const field = `extraOrders[${index}]`;
    const quantity = nonNegative(order.quantityMw, `${field}.quantityMw`);
    if (quantity === 0) return;
    orders.push({
      id: EXTRA_PREFIX + order.id,
      agent: order.agent,
      side: order.side,
      product: PRODUCT,
      quantity,
      price: order.priceKrwPerKwh,
    });
  });
  return orders;
};

const kindOf = (orderId: string, stack: SupplyStack): MarginalKind => {
  if (orderId.startsWith(EXTRA_PREFIX)) return 'extra';
  if (orderId.startsWith(RENEWABLE_PREFIX)) return 'renewable';
  const id = orderId.slice(FLEET_PREFIX.length);
  return stack.blocks.find((block) => block.id === id)?.fuel ?? 'must_run';
};

/**
 * Clears one hour with the exchange's own engine (`clearPayAsClear`): the SMP is the offer of the
 * dearest accepted sell, i.e. of the marginal block. When several offers share that price the
 * first in book order (fleet before renewables before extras) is named marginal.
 */
export const meritOrderHour = (input: MeritOrderHourInput): MeritOrderHourResult => {
  const orders = meritOrderBook(input);
  const result = clearPayAsClear(
    { mechanism: 'pay_as_clear', products: [{ id: PRODUCT }], orders },
    input.limits,
  );
  const product = result.products[0]!;
  const price = product.price;
  let marginal: string | null = null;
  let demanded = 0;
  const extraAcceptedMw = new Map<string, number>();
  orders.forEach((order, index) => {
    const accepted = result.orders[index]!.acceptedQuantity as number;
    if (order.side === 'buy') demanded += order.quantity;
    if (order.id.startsWith(EXTRA_PREFIX))
      extraAcceptedMw.set(order.id.slice(EXTRA_PREFIX.length), accepted);
    if (marginal === null && order.side === 'sell' && accepted > 0 && order.price === price)
      marginal = order.id;
  });
  // Extra orders with zero quantity never enter the book but are still reported.
  for (const order of input.extraOrders ?? [])
    if (!extraAcceptedMw.has(order.id)) extraAcceptedMw.set(order.id, 0);
  const marginalId: string | null = marginal;
  return {
    smpKrwPerKwh: price,
    marginalOrderId: marginalId,
    marginalKind: marginalId === null ? null : kindOf(marginalId, input.stack),
    shortfallMw: Math.max(0, demanded - product.clearedDemand),
    extraAcceptedMw,
  };
};

export interface MeritOrderDayInput {
  readonly day: TradingDay;
  /** 24 values each, hour-ending 1..24. */
  readonly demandMw: ArrayLike<number>;
  readonly solarMw: ArrayLike<number>;
  readonly windMw: ArrayLike<number>;
  /** Per hour-ending index 0..23, the extra orders of that hour. */
  readonly extraOrders?: readonly (readonly MeritOrderExtraOrder[])[];
  readonly calibration?: MeritOrderCalibration;
  readonly demandBidKrwPerKwh?: number;
  readonly limits?: PriceLimits;
}

/** The 24 hours of one trading day against the stack of the day's month. */
export const meritOrderDay = (input: MeritOrderDayInput): MeritOrderHourResult[] => {
  for (const name of ['demandMw', 'solarMw', 'windMw'] as const)
    if (input[name].length !== HOURS_PER_DAY)
      throw invalid(name, `expected ${HOURS_PER_DAY} hourly values, got ${input[name].length}`);
  const stack = supplyStackFor(input.day.month, input.calibration ?? DEFAULT_CALIBRATION);
  const hours: MeritOrderHourResult[] = [];
  for (let h = 0; h < HOURS_PER_DAY; h++)
    hours.push(
      meritOrderHour({
        stack,
        demandMw: input.demandMw[h]!,
        solarMw: input.solarMw[h]!,
        windMw: input.windMw[h]!,
        extraOrders: input.extraOrders?.[h] ?? [],
        demandBidKrwPerKwh: input.demandBidKrwPerKwh,
        limits: input.limits,
      }),
    );
  return hours;
};

/**
 * The same price without building a book: the offer of the first block whose cumulative capacity
 * covers the net demand (demand − solar − wind), 0 when price-taking supply covers it. Equal to
 * `meritOrderHour(...).smpKrwPerKwh` without extra orders (a test checks it); used for the
 * calibration grid, where clearing 270 x 4,368 books would only cost time.
 */
export const stackPriceAt = (stack: SupplyStack, netDemandMw: number): number => {
  if (netDemandMw <= 0 || stack.blocks.length === 0) return 0;
  const cumulative = stack.cumulativeMw;
  let low = 0;
  let high = cumulative.length - 1;
  if (netDemandMw > cumulative[high]!) return stack.blocks[high]!.offerKrwPerKwh;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (cumulative[middle]! >= netDemandMw) high = middle;
    else low = middle + 1;
  }
  return stack.blocks[low]!.offerKrwPerKwh;
};
