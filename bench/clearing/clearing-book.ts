import type { OrderBook, SimpleOrder } from '../../domain/market/clearing/order-book.js';
import { SeededRandom } from '../../domain/shared/seeded-random.js';

/**
 * A seeded day-ahead-like book: per product, sellers with cost-like prices around a rising merit
 * order and buyers with willingness to pay above it, so that every product clears part-way.
 */
export const payAsClearBook = (
  products: number,
  ordersPerProduct: number,
  seed: string,
): OrderBook => {
  const random = new SeededRandom(seed);
  const orders: SimpleOrder[] = [];
  for (let p = 0; p < products; p++) {
    const product = `p${p}`;
    for (let o = 0; o < ordersPerProduct; o++) {
      const side = o % 2 === 0 ? 'sell' : 'buy';
      // Two decimals, as KPX quotes KRW/kWh; buyers sit higher so that the curves cross.
      const base = side === 'sell' ? 60 + random.nextFloat() * 140 : 90 + random.nextFloat() * 160;
      orders.push({
        id: `${product}-${o}`,
        agent: `a${o % 500}`,
        side,
        product,
        quantity: 100 * random.nextInt(1, 50),
        price: Math.round(base * 100) / 100,
      });
    }
  }
  return {
    mechanism: 'pay_as_clear',
    products: Array.from({ length: products }, (_, p) => ({ id: `p${p}` })),
    orders,
  };
};
