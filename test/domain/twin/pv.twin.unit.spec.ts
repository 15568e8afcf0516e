import { pv } from '../../support/builders/der.builders.js';
import { actualsOf, asset, only, run, siteOf } from '../../support/builders/twin.builders.js';
import type { PvProfile } from '../../../domain/twin/index.js';

// 100 kWp behind a 90 kW inverter.
const simulate = (profile: PvProfile, cap: (number | null)[] | undefined, curtailable = true) =>
  only(
    actualsOf(
      run({
        site: siteOf([asset('pv-1', pv({ curtailable }))]),
        inputs: { pv: { 'pv-1': profile } },
        setpoints: cap === undefined ? {} : { pvCapKw: { 'pv-1': cap } },
      }),
      'pv-1',
      'pv',
    ),
  );

describe('PV twin', () => {
  it('given 60 kW available and no cap, then it delivers 60 kW', () => {
    expect(simulate({ availableKw: [60] }, undefined)).toMatchObject({
      setpointKw: null,
      actualKw: 60,
      energyKwh: 60,
      availableKw: 60,
      curtailedKw: 0,
      reasons: [],
    });
  });

  it('given more sun than the inverter takes, then output stops at inverterKw (not a deviation without a cap)', () => {
    expect(simulate({ availableKw: [120] }, undefined)).toMatchObject({
      actualKw: 90,
      reasons: [],
    });
  });

  it('given irradiance, then available power is capacityKwp x G / 1000 W/m2', () => {
    expect(simulate({ irradianceWPerM2: [650] }, undefined)).toMatchObject({
      availableKw: 65,
      actualKw: 65,
    });
  });

  it('when capped below what is available, then it is curtailed to the cap', () => {
    expect(simulate({ availableKw: [60] }, [25])).toMatchObject({
      setpointKw: 25,
      actualKw: 25,
      curtailedKw: 35,
      reasons: [],
    });
  });

  it('when the cap is above what the sun gives, then output is what is available (resource_limit)', () => {
    expect(simulate({ availableKw: [30] }, [50])).toMatchObject({
      actualKw: 30,
      reasons: ['resource_limit'],
    });
  });

  it('when the cap is above the inverter, then output stops at the inverter (clipped_by_rating)', () => {
    expect(simulate({ availableKw: [120] }, [100])).toMatchObject({
      actualKw: 90,
      reasons: ['clipped_by_rating'],
    });
  });

  it('given a plant that is not curtailable, when capped, then the cap is ignored (not_curtailable)', () => {
    expect(simulate({ availableKw: [60] }, [25], false)).toMatchObject({
      actualKw: 60,
      reasons: ['not_curtailable'],
    });
  });

  it('when the cap is null, then it is uncapped', () => {
    expect(simulate({ availableKw: [60] }, [null])).toMatchObject({ actualKw: 60, reasons: [] });
  });
});
