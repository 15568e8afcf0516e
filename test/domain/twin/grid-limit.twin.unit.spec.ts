import { drLoad, ess, evCharger, fuelCell, pv } from '../../support/builders/der.builders.js';
import { actualsOf, asset, only, run, siteOf } from '../../support/builders/twin.builders.js';

const battery = asset('ess-1', ess());
const solar = asset('pv-1', pv());
const car = asset('ev-1', evCharger());
const plugged = {
  'ev-1': [
    {
      sessionId: 's',
      arrivalIndex: 0,
      departureIndex: 1,
      energyOnArrivalKwh: 10,
      energyRequiredAtDepartureKwh: 20,
      batteryKwh: 60,
    },
  ],
};

describe('Grid limits of the site', () => {
  it('given 80 kW of sun, a 20 kW discharge and 10 kW of load under a 30 kW export limit, then discharge is cut first and PV takes the rest', () => {
    const result = run({
      site: siteOf([solar, battery], { exportKw: 30 }),
      initial: { essSocKwh: { 'ess-1': 300 } },
      inputs: { buildingLoadKw: [10], pv: { 'pv-1': { availableKw: [80] } } },
      setpoints: { essKw: { 'ess-1': [20] } },
    });
    const interval = only(result.intervals);
    expect(interval.netExportKw).toBeCloseTo(30, 9);
    expect(interval.gridViolation).toBeNull();
    expect(only(actualsOf(result, 'ess-1', 'ess'))).toMatchObject({
      setpointKw: 20,
      actualKw: 0,
      socKwh: 300,
      reasons: ['grid_limit'],
    });
    expect(only(actualsOf(result, 'pv-1', 'pv'))).toMatchObject({
      actualKw: 40,
      curtailedKw: 40,
      reasons: ['grid_limit'],
    });
  });

  it('given a plant that is not curtailable, when it exports beyond the limit, then the excess is reported', () => {
    const result = run({
      site: siteOf([asset('pv-1', pv({ curtailable: false }))], { exportKw: 30 }),
      inputs: { buildingLoadKw: [10], pv: { 'pv-1': { availableKw: [80] } } },
    });
    expect(only(result.intervals).gridViolation).toEqual({ direction: 'export', excessKw: 40 });
    expect(result.totals).toMatchObject({ gridViolationKwh: 40, intervalsWithGridViolation: 1 });
  });

  it('given a running fuel cell, when the export limit binds, then it turns down only as far as its ramp allows', () => {
    const result = run({
      site: siteOf([asset('fc-1', fuelCell({ rampKwPerMinute: 0.5 }))], { exportKw: 10 }),
      minutes: 15,
      initial: { fuelCells: { 'fc-1': { outputKw: 20, on: true } } },
    });
    // 20 kW held; the ramp allows 20 - 7.5 = 12.5 kW at least: 2.5 kW stay beyond the limit.
    expect(only(actualsOf(result, 'fc-1', 'fuel_cell'))).toMatchObject({
      actualKw: 12.5,
      on: true,
      reasons: ['grid_limit'],
    });
    expect(only(result.intervals).gridViolation).toEqual({ direction: 'export', excessKw: 2.5 });
  });

  it('given V2G and PV exporting too much, then V2G is cut before the sun', () => {
    const result = run({
      site: siteOf([solar, car], { exportKw: 50 }),
      initial: { evSessions: plugged },
      inputs: { pv: { 'pv-1': { availableKw: [45] } } },
      setpoints: { evKw: { 'ev-1': [10] } },
    });
    expect(only(actualsOf(result, 'ev-1', 'ev_charger')).actualKw).toBeCloseTo(5, 9);
    expect(only(actualsOf(result, 'pv-1', 'pv')).actualKw).toBe(45);
  });

  it('given 40 kW of load, 30 kW of ESS charging and 11 kW of EV charging under a 50 kW import limit, then ESS charging is cut first', () => {
    const result = run({
      site: siteOf([battery, car], { importKw: 50 }),
      initial: { essSocKwh: { 'ess-1': 100 }, evSessions: plugged },
      inputs: { buildingLoadKw: [40] },
      setpoints: { essKw: { 'ess-1': [-30] }, evKw: { 'ev-1': [-11] } },
    });
    expect(only(actualsOf(result, 'ess-1', 'ess'))).toMatchObject({
      actualKw: 0,
      reasons: ['grid_limit'],
    });
    expect(only(actualsOf(result, 'ev-1', 'ev_charger')).actualKw).toBeCloseTo(-10, 9);
    expect(only(result.intervals).netExportKw).toBeCloseTo(-50, 9);
  });

  it('when inflexible load alone exceeds the import limit, then the twin reports it and dispatches nothing upwards', () => {
    const result = run({
      site: siteOf([battery], { importKw: 50 }),
      initial: { essSocKwh: { 'ess-1': 300 } },
      inputs: { buildingLoadKw: [80] },
    });
    expect(only(result.intervals).gridViolation).toEqual({ direction: 'import', excessKw: 30 });
    expect(only(actualsOf(result, 'ess-1', 'ess')).actualKw).toBe(0);
  });

  it('given a DR load, then its baseline less its reduction is part of the site net power', () => {
    const result = run({
      site: siteOf([asset('dr-1', drLoad())], { importKw: 1000 }),
      inputs: { buildingLoadKw: [100], drBaselineKw: { 'dr-1': [400] } },
      setpoints: { drReductionKw: { 'dr-1': [150] } },
    });
    expect(only(result.intervals)).toMatchObject({ netExportKw: -350, netExportKwh: -350 });
    expect(result.totals).toMatchObject({ importKwh: 350, exportKwh: 0, drReductionKwh: 150 });
  });
});
