import type { KrwPerKwh, Kw } from '../shared/units.js';
import { atLeastZero, integerInRange, oneOf, text, type Fail } from '../shared/input-parsing.js';
import { invalidSettings as fail } from './portfolio.errors.js';
import {
  KPX_MARKETS,
  type InternalPriceRule,
  type PortfolioSettings,
  type RetailTariff,
  type TariffBand,
} from './portfolio-settings.js';
import { PORTFOLIO_TIERS } from './portfolio-tier.js';

type Raw = Readonly<Record<string, unknown>>;

const object = (value: unknown, field: string, failWith: Fail = fail): Raw => {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    failWith(field, `${field} must be an object`);
  return value as Raw;
};

const price = (value: unknown, field: string): KrwPerKwh =>
  atLeastZero(value, field, fail) as KrwPerKwh;

/**
 * Checks settings that may come straight from JSON and returns a clean copy with only the known
 * fields. `PORTFOLIO.INVALID_SETTINGS` names the field at fault, e.g. `settings.gridImportLimitKw`.
 */
export const validatePortfolioSettings = (raw: unknown, path = 'settings'): PortfolioSettings => {
  const s = object(raw, path);
  const at = (name: string) => `${path}.${name}`;
  const tier = oneOf(s['tier'], PORTFOLIO_TIERS, at('tier'), fail);
  switch (tier) {
    case 'micro':
      return {
        tier,
        siteId: text(s['siteId'], at('siteId'), fail),
        gridImportLimitKw: atLeastZero(s['gridImportLimitKw'], at('gridImportLimitKw'), fail) as Kw,
        gridExportLimitKw: atLeastZero(s['gridExportLimitKw'], at('gridExportLimitKw'), fail) as Kw,
        tariff: tariff(s['tariff'], at('tariff')),
      };
    case 'community':
      return {
        tier,
        internalPrice: internalPrice(s['internalPrice'], at('internalPrice')),
        ...(s['exportLimitKw'] === undefined
          ? {}
          : { exportLimitKw: atLeastZero(s['exportLimitKw'], at('exportLimitKw'), fail) as Kw }),
      };
    case 'wholesale':
      return {
        tier,
        kpxParticipantId: text(s['kpxParticipantId'], at('kpxParticipantId'), fail),
        market: oneOf(s['market'], KPX_MARKETS, at('market'), fail),
      };
  }
};

const tariff = (raw: unknown, path: string): RetailTariff => {
  const t = object(raw, path);
  const kind = oneOf(t['kind'], ['flat', 'time_of_use'] as const, `${path}.kind`, fail);
  if (kind === 'flat')
    return {
      kind,
      importKrwPerKwh: price(t['importKrwPerKwh'], `${path}.importKrwPerKwh`),
      exportKrwPerKwh: price(t['exportKrwPerKwh'], `${path}.exportKrwPerKwh`),
    };
  const bands = t['bands'];
  if (!Array.isArray(bands) || bands.length === 0)
    fail(`${path}.bands`, 'a time-of-use tariff needs at least one band');
  return { kind, bands: contiguousBands(bands, `${path}.bands`) };
};

/** Bands in order, each starting where the previous ended, from hour 0 to hour 24. */
const contiguousBands = (raw: readonly unknown[], path: string): TariffBand[] => {
  const bands: TariffBand[] = [];
  let expectedFromHour = 0;
  raw.forEach((value, i) => {
    const at = `${path}[${i}]`;
    const b = object(value, at);
    const fromHour = integerInRange(b['fromHour'], `${at}.fromHour`, fail, 0, 23);
    const toHour = integerInRange(b['toHour'], `${at}.toHour`, fail, 1, 24);
    if (fromHour !== expectedFromHour)
      fail(`${at}.fromHour`, `band ${i} must start at hour ${expectedFromHour}, got ${fromHour}`);
    if (toHour <= fromHour) fail(`${at}.toHour`, `band ${i} must end after it starts`);
    bands.push({
      fromHour,
      toHour,
      importKrwPerKwh: price(b['importKrwPerKwh'], `${at}.importKrwPerKwh`),
      exportKrwPerKwh: price(b['exportKrwPerKwh'], `${at}.exportKrwPerKwh`),
    });
    expectedFromHour = toHour;
  });
  if (expectedFromHour !== 24) fail(path, `the bands must cover the day up to hour 24`);
  return bands;
};

const internalPrice = (raw: unknown, path: string): InternalPriceRule => {
  const r = object(raw, path);
  const kind = oneOf(r['kind'], ['midpoint', 'fixed'] as const, `${path}.kind`, fail);
  if (kind === 'midpoint') return { kind };
  return { kind, priceKrwPerKwh: price(r['priceKrwPerKwh'], `${path}.priceKrwPerKwh`) };
};
