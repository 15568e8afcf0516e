import type { KrwPerKwh, Kw } from '../shared/units.js';

export const KPX_MARKETS = ['mainland', 'jeju'] as const;
export type KpxMarket = (typeof KPX_MARKETS)[number];

/** Retail prices for one band of KST hours, [fromHour, toHour). */
export interface TariffBand {
  readonly fromHour: number;
  readonly toHour: number;
  readonly importKrwPerKwh: KrwPerKwh;
  readonly exportKrwPerKwh: KrwPerKwh;
}

/**
 * The site's retail tariff: what it pays per kWh imported and earns per kWh exported. Time of use
 * is a set of KST hour bands covering the whole day; seasonal and weekday variants would be
 * separate settings changes, effective from the day they start.
 */
export type RetailTariff =
  | {
      readonly kind: 'flat';
      readonly importKrwPerKwh: KrwPerKwh;
      readonly exportKrwPerKwh: KrwPerKwh;
    }
  | { readonly kind: 'time_of_use'; readonly bands: readonly TariffBand[] };

/** One site behind one grid connection. */
export interface MicroSettings {
  readonly tier: 'micro';
  readonly siteId: string;
  readonly gridImportLimitKw: Kw;
  /** 0 when the connection agreement forbids export. */
  readonly gridExportLimitKw: Kw;
  readonly tariff: RetailTariff;
}

/**
 * The price of energy traded between member micro-VPPs: the midpoint of the seller's export price
 * and the buyer's import price splits the gain of trading locally, or a fixed price.
 */
export type InternalPriceRule =
  { readonly kind: 'midpoint' } | { readonly kind: 'fixed'; readonly priceKrwPerKwh: KrwPerKwh };

export interface CommunitySettings {
  readonly tier: 'community';
  readonly internalPrice: InternalPriceRule;
  /** Most the members may export together (a shared feeder or transformer); none when unset. */
  readonly exportLimitKw?: Kw;
}

/** The market participant facing KPX. */
export interface WholesaleSettings {
  readonly tier: 'wholesale';
  readonly kpxParticipantId: string;
  readonly market: KpxMarket;
}

export type PortfolioSettings = MicroSettings | CommunitySettings | WholesaleSettings;

export interface RetailPrices {
  readonly importKrwPerKwh: KrwPerKwh;
  readonly exportKrwPerKwh: KrwPerKwh;
}

/** The retail prices at a KST hour of the day (0..23). */
export const retailPricesAt = (tariff: RetailTariff, kstHour: number): RetailPrices => {
  const prices =
    tariff.kind === 'flat'
      ? tariff
      : tariff.bands.find((b) => b.fromHour <= kstHour && kstHour < b.toHour);
  if (prices === undefined) throw new RangeError(`no tariff band covers hour ${kstHour}`);
  return { importKrwPerKwh: prices.importKrwPerKwh, exportKrwPerKwh: prices.exportKrwPerKwh };
};

/** The internal price of a trade between a seller and a buyer under `rule`. */
export const internalPriceKrwPerKwh = (
  rule: InternalPriceRule,
  sellerExportKrwPerKwh: KrwPerKwh,
  buyerImportKrwPerKwh: KrwPerKwh,
): KrwPerKwh =>
  rule.kind === 'fixed'
    ? rule.priceKrwPerKwh
    : ((((sellerExportKrwPerKwh as number) + buyerImportKrwPerKwh) / 2) as KrwPerKwh);
