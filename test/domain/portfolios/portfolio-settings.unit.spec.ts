import {
  internalPriceKrwPerKwh,
  portfolioDecider,
  retailPricesAt,
  type PortfolioSettings,
  type RetailTariff,
} from '../../../domain/portfolios/index.js';
import { krwPerKwh } from '../../../domain/shared/units.js';
import { deciderSpec } from '../../support/decider-spec.js';
import {
  community,
  createPortfolio,
  micro,
  portfolioCreated,
  wholesale,
} from '../../support/builders/portfolio.builders.js';

const { given } = deciderSpec(portfolioDecider);

const band = (fromHour: number, toHour: number, importPrice: number, exportPrice = 80) => ({
  fromHour,
  toHour,
  importKrwPerKwh: krwPerKwh(importPrice),
  exportKrwPerKwh: krwPerKwh(exportPrice),
});

/** A KEPCO-like three-band day: light load at night, peak late morning and evening. */
const timeOfUse: RetailTariff = {
  kind: 'time_of_use',
  bands: [band(0, 8, 95), band(8, 11, 140), band(11, 12, 190), band(12, 22, 140), band(22, 24, 95)],
};

const tou = (bands: unknown[]) => micro({ tariff: { kind: 'time_of_use', bands } as RetailTariff });

describe('portfolio settings', () => {
  it('accepts a time-of-use tariff whose bands cover the day', () => {
    given([])
      .when(createPortfolio(micro({ tariff: timeOfUse })))
      .then([portfolioCreated(micro({ tariff: timeOfUse }))]);
  });

  it('keeps a community\u2019s shared export limit', () => {
    const limited = community({ exportLimitKw: 400 as never });
    given([])
      .when(createPortfolio(limited))
      .then([portfolioCreated(limited)]);
  });

  it.each<[string, PortfolioSettings, string]>([
    ['an unknown tier', { tier: 'regional' } as unknown as PortfolioSettings, 'tier'],
    ['no site', micro({ siteId: '' }), 'siteId'],
    ['a negative import limit', micro({ gridImportLimitKw: -1 as never }), 'gridImportLimitKw'],
    ['an export limit as text', micro({ gridExportLimitKw: '100' as never }), 'gridExportLimitKw'],
    ['an unknown tariff kind', micro({ tariff: { kind: 'dynamic' } as never }), 'tariff.kind'],
    [
      'a negative flat price',
      micro({
        tariff: { kind: 'flat', importKrwPerKwh: krwPerKwh(-1), exportKrwPerKwh: krwPerKwh(0) },
      }),
      'tariff.importKrwPerKwh',
    ],
    ['no bands', tou([]), 'tariff.bands'],
    ['a gap between bands', tou([band(0, 8, 95), band(9, 24, 140)]), 'tariff.bands[1].fromHour'],
    ['bands that stop short of midnight', tou([band(0, 23, 95)]), 'tariff.bands'],
    ['an empty band', tou([band(0, 0, 95), band(0, 24, 95)]), 'tariff.bands[0].toHour'],
    ['a negative export price', tou([band(0, 24, 95, -5)]), 'tariff.bands[0].exportKrwPerKwh'],
    [
      'an unknown internal price rule',
      community({ internalPrice: { kind: 'auction' } as never }),
      'internalPrice.kind',
    ],
    [
      'a fixed internal price without a price',
      community({ internalPrice: { kind: 'fixed' } as never }),
      'internalPrice.priceKrwPerKwh',
    ],
    [
      'a negative community export limit',
      community({ exportLimitKw: -1 as never }),
      'exportLimitKw',
    ],
    ['no KPX participant id', wholesale({ kpxParticipantId: '' }), 'kpxParticipantId'],
    ['an unknown market', wholesale({ market: 'busan' as never }), 'market'],
  ])('rejects %s with PORTFOLIO.INVALID_SETTINGS on that field', (_case, settings, field) => {
    given([])
      .when(createPortfolio(settings))
      .thenThrows('PORTFOLIO.INVALID_SETTINGS', `settings.${field}`);
  });

  it('reads the retail prices of a KST hour', () => {
    expect(retailPricesAt(timeOfUse, 0).importKrwPerKwh).toBe(95);
    expect(retailPricesAt(timeOfUse, 11).importKrwPerKwh).toBe(190);
    expect(retailPricesAt(timeOfUse, 23).importKrwPerKwh).toBe(95);
    expect(retailPricesAt(micro().tariff, 13)).toEqual({
      importKrwPerKwh: 150,
      exportKrwPerKwh: 90,
    });
  });

  it('prices internal trades at the midpoint of export and import prices, or a fixed price', () => {
    expect(internalPriceKrwPerKwh({ kind: 'midpoint' }, krwPerKwh(90), krwPerKwh(150))).toBe(120);
    expect(
      internalPriceKrwPerKwh(
        { kind: 'fixed', priceKrwPerKwh: krwPerKwh(110) },
        krwPerKwh(90),
        krwPerKwh(150),
      ),
    ).toBe(110);
  });
});
