import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import {
  parsePortfolioCase,
  validatePortfolioCase,
} from '../../../../domain/optimisation/portfolio/case-validation.js';
import { expectDomainError } from '../../../support/expect-domain-error.js';
import { battery } from './case-fixtures.js';

const base = (assets: readonly Record<string, unknown>[], extra: Record<string, unknown> = {}) => ({
  intervalMinutes: 60,
  importPricesKrwPerKwh: [10, 20, 30],
  exportPricesKrwPerKwh: [10, 20, 30],
  assets,
  ...extra,
});

const fieldOf = (input: unknown): string | undefined =>
  expectDomainError(() => validatePortfolioCase(input), 'OPTIMISATION.INVALID_CASE').field;

describe('validatePortfolioCase', () => {
  it('accepts a case and fills defaults', () => {
    const portfolioCase = validatePortfolioCase(base([battery()]));
    expect(portfolioCase.intervals).toBe(3);
    expect(portfolioCase.scenarios).toHaveLength(1);
    expect(portfolioCase.sites).toEqual([{ id: 'site' }]);
    expect(portfolioCase.assets[0]).toMatchObject({ siteId: 'site', degradationCostKrwPerKwh: 0 });
  });

  it.each([
    ['negative capacity', [battery(), battery({ id: 'b', chargeKw: -1 })], 'assets[1].chargeKw'],
    ['SoC bounds out of order', [battery({ minSocKwh: 15, maxSocKwh: 10 })], 'assets[0].minSocKwh'],
    ['max SoC above the energy', [battery({ maxSocKwh: 30 })], 'assets[0].maxSocKwh'],
    ['initial SoC outside bounds', [battery({ initialSocKwh: 25 })], 'assets[0].initialSocKwh'],
    ['efficiency above 1', [battery({ chargeEfficiency: 1.2 })], 'assets[0].chargeEfficiency'],
    ['duplicate ids', [battery(), battery()], 'assets[1].id'],
    ['an id with a space', [battery({ id: 'a b' })], 'assets[0].id'],
    ['unknown kind', [{ id: 'x', kind: 'wind' }], 'assets[0].kind'],
    [
      'PV forecast of the wrong length',
      [{ id: 'pv', kind: 'pv', forecastKw: [1, 2], curtailable: true }],
      'assets[0].forecastKw',
    ],
    [
      'NaN in a forecast',
      [{ id: 'l', kind: 'load', forecastKw: [1, NaN, 2] }],
      'assets[0].forecastKw[1]',
    ],
    [
      'an EV needing more energy than its window allows',
      [
        {
          id: 'ev',
          kind: 'ev_charger',
          maxChargeKw: 7,
          maxDischargeKw: 0,
          efficiency: 0.9,
          sessions: [
            {
              arrivalInterval: 0,
              departureInterval: 2,
              energyOnArrivalKwh: 0,
              energyRequiredKwh: 13,
              batteryKwh: 60,
            },
          ],
        },
      ],
      'assets[0].sessions[0].energyRequiredKwh',
    ],
    [
      'a DR window that fits no whole interval',
      [
        {
          id: 'dr',
          kind: 'dr_load',
          reductionKw: 5,
          minDurationHours: 1.2,
          maxDurationHours: 1.5,
          maxActivationsPerDay: 1,
          activationCostKrw: 0,
          allOrNothing: true,
        },
      ],
      'assets[0].maxDurationHours',
    ],
    [
      'a fuel cell with minimum above rating',
      [{ id: 'fc', kind: 'fuel_cell', ratedKw: 5, minStableKw: 6, rampKwPerInterval: 5 }],
      'assets[0].minStableKw',
    ],
  ])('names the field for %s', (_, assets, field) => {
    expect(fieldOf(base(assets))).toBe(field);
  });

  it('names price fields', () => {
    expect(fieldOf({ ...base([]), exportPricesKrwPerKwh: [1, NaN, 3] })).toBe(
      'exportPricesKrwPerKwh[1]',
    );
    expect(fieldOf({ ...base([]), importPricesKrwPerKwh: [1, 2] })).toBe('importPricesKrwPerKwh');
    expect(fieldOf({ ...base([]), intervalMinutes: 7 })).toBe('intervalMinutes');
    const scenarios = {
      intervalMinutes: 60,
      assets: [],
      priceScenarios: [
        { probability: 0.5, importPricesKrwPerKwh: [1], exportPricesKrwPerKwh: [1] },
        { probability: 0.4, importPricesKrwPerKwh: [1], exportPricesKrwPerKwh: [1] },
      ],
    };
    expect(fieldOf(scenarios)).toBe('priceScenarios');
  });

  it('reads the reference instances as they are', () => {
    const instance = JSON.parse(
      readFileSync('../shared/bench/instances/vpp-s.json', 'utf8'),
    ) as Record<string, unknown>;
    const portfolioCase = parsePortfolioCase(instance);
    expect(portfolioCase.intervals).toBe(96);
    expect(portfolioCase.intervalMinutes).toBe(15);
    expect(portfolioCase.gridExportLimitKw).toBe(2118);
    expect(portfolioCase.assets.map((a) => a.kind)).toEqual([
      ...Array<string>(5).fill('ess'),
      ...Array<string>(5).fill('pv'),
      'dr_load',
      'dr_load',
    ]);
  });
});
