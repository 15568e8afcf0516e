import type { DerParameters } from '../../../../domain/ders/index.js';
import {
  DEFAULT_KPX_FORECAST_SCHEME,
  kpxForecastEligibility,
  renewablePlantsOf,
  type RenewablePlant,
} from '../../../../domain/forecasting/kpx-scheme/index.js';
import { kw } from '../../../../domain/shared/units.js';

const plants = (...capacities: number[]): RenewablePlant[] =>
  capacities.map((capacityKw, i) => ({ plantId: `p${i}`, kind: 'pv', capacityKw }));
const check = (...capacities: number[]) =>
  kpxForecastEligibility(plants(...capacities), DEFAULT_KPX_FORECAST_SCHEME);

describe('registration in the KPX renewable forecast scheme', () => {
  it('admits a single plant above 20 MW, but not one of exactly 20 MW', () => {
    expect(check(20_001)).toMatchObject({
      eligible: true,
      basis: 'single_plant',
      registeredCapacityKw: 20_001,
    });
    expect(check(20_000).eligible).toBe(false);
  });

  it('admits an aggregate of plants of at most 1 MW totalling above 20 MW', () => {
    expect(check(...new Array<number>(21).fill(1_000))).toMatchObject({
      eligible: true,
      basis: 'aggregate',
      registeredCapacityKw: 21_000,
    });
    expect(check(...new Array<number>(20).fill(1_000)).eligible).toBe(false);
  });

  it('aggregates no plant above 1 MW, so mid-sized plants count towards nothing', () => {
    const result = check(...new Array<number>(30).fill(1_001));
    expect(result).toMatchObject({ eligible: false, aggregatableCapacityKw: 0 });
    expect(result.reason).toContain('below the registration threshold');
  });

  it('registers a large plant and a qualifying aggregate together', () => {
    expect(check(25_000, ...new Array<number>(21).fill(1_000))).toMatchObject({
      basis: 'single_plant_and_aggregate',
      registeredCapacityKw: 46_000,
    });
  });

  it('follows a configured threshold', () => {
    const scheme = { ...DEFAULT_KPX_FORECAST_SCHEME, registrationThresholdKw: 1_000 };
    expect(kpxForecastEligibility(plants(600, 600), scheme).eligible).toBe(true);
  });

  it('takes PV DERs at their DC nameplate and ignores other kinds', () => {
    const pv: DerParameters = {
      kind: 'pv',
      capacityKwp: kw(499),
      inverterKw: kw(450),
      siteId: 's',
      curtailable: false,
    };
    const ev: DerParameters = {
      kind: 'ev_charger',
      maxChargeKw: kw(11),
      maxDischargeKw: kw(0),
      efficiency: 0.9,
    };
    expect(
      renewablePlantsOf([
        { derId: 'pv-1', parameters: pv },
        { derId: 'ev-1', parameters: ev },
      ]),
    ).toEqual([{ plantId: 'pv-1', kind: 'pv', capacityKw: 499 }]);
  });
});
