/** How the exchange forms prices (README.md): SMP replay, or the 2024 mainland merit order. */
export const PRICE_MODES = ['historical', 'merit-order'] as const;
export type PriceMode = (typeof PRICE_MODES)[number];
export const isPriceMode = (value: string): value is PriceMode =>
  (PRICE_MODES as readonly string[]).includes(value);
