/**
 * The order book a clearing engine takes, in the exchange's own terms: quantities are positive on
 * both sides and in whatever unit the book uses (kWh for our markets, MWh in some reference cases);
 * the engine never converts them.
 */
export type OrderSide = 'sell' | 'buy';

export const CLEARING_MECHANISMS = ['pay_as_clear', 'complex'] as const;
export type ClearingMechanism = (typeof CLEARING_MECHANISMS)[number];

export interface SimpleOrder {
  readonly id: string;
  readonly agent: string;
  readonly side: OrderSide;
  readonly product: string;
  readonly quantity: number;
  readonly price: number;
  readonly zone?: string;
  /** Smallest accepted share of `quantity` when accepted at all (a minimum stable output). */
  readonly minAcceptanceRatio?: number;
}

export interface BlockOrder {
  readonly id: string;
  readonly agent: string;
  readonly side: OrderSide;
  readonly price: number;
  /** Quantity per product, all accepted in one ratio. */
  readonly profile: Readonly<Record<string, number>>;
  readonly zone?: string;
  /** Default 1: all or nothing. */
  readonly minAcceptanceRatio?: number;
  /** A linked (child) block may only be accepted with its parent. */
  readonly parentId?: string;
}

export type Order = SimpleOrder | BlockOrder;

export const isBlockOrder = (order: Order): order is BlockOrder => 'profile' in order;

export interface ZoneLink {
  readonly from: string;
  readonly to: string;
  /** Valid in both directions. */
  readonly capacity: number;
}

export interface OrderBook {
  readonly mechanism: ClearingMechanism;
  readonly products: readonly { readonly id: string }[];
  readonly zones?: readonly string[];
  readonly links?: readonly ZoneLink[];
  readonly orders: readonly Order[];
}

export interface PriceLimits {
  readonly priceFloor: number;
  readonly priceCap: number;
}
