import type {
  BlockOrder,
  Order,
  OrderBook,
  SimpleOrder,
} from '../../domain/market/clearing/order-book.js';
import { SeededRandom } from '../../domain/shared/seeded-random.js';

export interface ComplexBookOptions {
  /** Block orders (default 100). */
  readonly blocks?: number;
  /** Hourly products (default 24). */
  readonly products?: number;
  /** 1 (default) or more zones, joined in a chain by links. */
  readonly zones?: number;
  readonly seed?: string;
}

const price = (value: number): number => Math.round(value * 100) / 100;

/**
 * A seeded day-ahead book for the complex mechanism: per product a demand curve of simple buys
 * (willingness to pay 120-300) and a few simple sells (cost 60-220, one in five with a minimum
 * stable output), and `blocks` block orders over windows of 1-24 hours: 85 % sells (plant
 * schedules priced 50-150 with a profile that rises and falls), 15 % buys (shiftable loads priced
 * 100-220); 65 % all or nothing, 20 % with a minimum ratio of 0.5, 15 % divisible; one block in
 * five is the linked child of an earlier block of the same side. The curves cross, so that many
 * blocks are in the money and the MILP has real choices to make.
 */
export const complexBook = (options: ComplexBookOptions = {}): OrderBook => {
  const blockCount = options.blocks ?? 100;
  const productCount = options.products ?? 24;
  const zoneCount = options.zones ?? 1;
  const random = new SeededRandom(options.seed ?? 'bench-complex');
  const products = Array.from({ length: productCount }, (_, h) => `h${h}`);
  const zones = Array.from({ length: zoneCount }, (_, z) => `z${z}`);
  const zoneOf = (r: SeededRandom) =>
    zoneCount > 1 ? { zone: zones[r.nextInt(0, zoneCount - 1)]! } : {};
  const orders: Order[] = [];

  const simple = random.derive('simple');
  products.forEach((product, h) => {
    // A daily load shape: higher in the day, so that prices differ between products.
    const load = 1 + 0.5 * Math.sin(((h - 6) / productCount) * 2 * Math.PI);
    for (let k = 0; k < 6; k++)
      orders.push({
        id: `buy-${product}-${k}`,
        agent: `retail${k}`,
        side: 'buy',
        product,
        quantity: Math.round(load * simple.nextInt(40, 160)),
        price: price(120 + simple.nextFloat() * 180),
        ...zoneOf(simple),
      } satisfies SimpleOrder);
    for (let k = 0; k < 4; k++)
      orders.push({
        id: `sell-${product}-${k}`,
        agent: `gen${k}`,
        side: 'sell',
        product,
        quantity: simple.nextInt(30, 150),
        price: price(60 + simple.nextFloat() * 160),
        ...(simple.nextFloat() < 0.2 ? { minAcceptanceRatio: 0.4 } : {}),
        ...zoneOf(simple),
      } satisfies SimpleOrder);
  });

  const block = random.derive('block');
  const blocks: BlockOrder[] = [];
  for (let b = 0; b < blockCount; b++) {
    const side = block.nextFloat() < 0.85 ? 'sell' : 'buy';
    const length = block.nextInt(1, productCount);
    const start = block.nextInt(0, productCount - length);
    const peak = block.nextInt(10, 80);
    const profile: Record<string, number> = {};
    for (let h = start; h < start + length; h++) {
      // Ramps up and down over the window, like a plant's schedule.
      const position = length === 1 ? 0.5 : (h - start) / (length - 1);
      profile[products[h]!] = Math.max(
        1,
        Math.round(peak * (0.5 + Math.sin(position * Math.PI) / 2)),
      );
    }
    const draw = block.nextFloat();
    const minAcceptanceRatio = draw < 0.65 ? 1 : draw < 0.85 ? 0.5 : 0;
    const sameSide = blocks.filter((earlier) => earlier.side === side);
    const parent =
      sameSide.length > 0 && block.nextFloat() < 0.2
        ? sameSide[block.nextInt(0, sameSide.length - 1)]
        : undefined;
    const order: BlockOrder = {
      id: `block-${b}`,
      agent: parent?.agent ?? `${side === 'sell' ? 'plant' : 'load'}${b}`,
      side,
      price: price(side === 'sell' ? 50 + block.nextFloat() * 100 : 100 + block.nextFloat() * 120),
      profile,
      minAcceptanceRatio,
      ...(parent
        ? { parentId: parent.id, ...(parent.zone ? { zone: parent.zone } : {}) }
        : zoneOf(block)),
    };
    blocks.push(order);
    orders.push(order);
  }

  return {
    mechanism: 'complex',
    products: products.map((id) => ({ id })),
    ...(zoneCount > 1
      ? {
          zones,
          links: zones.slice(1).map((to, z) => ({ from: zones[z]!, to, capacity: 150 })),
        }
      : {}),
    orders,
  };
};
