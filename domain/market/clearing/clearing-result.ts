export interface ClearedProduct {
  readonly id: string;
  readonly zone?: string;
  /** Null when nothing traded in the product: no order sets a price. */
  readonly price: number | null;
  readonly clearedSupply: number;
  readonly clearedDemand: number;
}

export interface ClearedOrder {
  readonly id: string;
  /** A number for a simple order; per product for a block order. */
  readonly acceptedQuantity: number | Readonly<Record<string, number>>;
  /** The clearing price of the order's product and zone (null when that product did not trade). */
  readonly acceptedPrice: number | null;
  readonly acceptanceRatio?: number;
}

export interface ZoneFlow {
  readonly from: string;
  readonly to: string;
  readonly product: string;
  readonly quantity: number;
}

export interface ClearingResult {
  readonly products: readonly ClearedProduct[];
  readonly flows?: readonly ZoneFlow[];
  readonly orders: readonly ClearedOrder[];
  /** Orders accepted for nothing, in book order. */
  readonly rejected: readonly string[];
}
