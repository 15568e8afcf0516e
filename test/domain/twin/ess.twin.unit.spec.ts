import { ess } from '../../support/builders/der.builders.js';
import { actualsOf, asset, only, run, siteOf } from '../../support/builders/twin.builders.js';
import { kw, kwh } from '../../../domain/shared/units.js';

// 50 kW both ways, 500 kWh, 95 % each way, SoC window [50, 475] kWh.
const battery = asset('ess-1', ess());
const site = siteOf([battery]);
const simulate = (socKwh: number, essKw: number[], minutes = 60) =>
  actualsOf(
    run({
      site,
      minutes,
      count: essKw.length,
      initial: { essSocKwh: { 'ess-1': socKwh } },
      setpoints: { essKw: { 'ess-1': essKw } },
    }),
    'ess-1',
    'ess',
  );

describe('ESS twin', () => {
  it('given 100 kWh, when told to discharge 40 kW for an hour, then it delivers 40 kWh and loses 40/0.95 kWh', () => {
    const actual = only(simulate(100, [40]));
    expect(actual.actualKw).toBe(40);
    expect(actual.dischargeKw).toBe(40);
    expect(actual.chargeKw).toBe(0);
    expect(actual.energyKwh).toBe(40);
    expect(actual.socKwh).toBeCloseTo(100 - 40 / 0.95, 12);
    expect(actual.reasons).toEqual([]);
  });

  it('given 100 kWh, when told to charge 40 kW for 15 minutes, then it stores 0.25 x 40 x 0.95 kWh', () => {
    const actual = only(simulate(100, [-40], 15));
    expect(actual.actualKw).toBe(-40);
    expect(actual.chargeKw).toBe(40);
    expect(actual.energyKwh).toBe(-10);
    expect(actual.socKwh).toBeCloseTo(109.5, 12);
  });

  it('when told to discharge above its rating, then it is clipped to dischargeKw', () => {
    const actual = only(simulate(300, [80]));
    expect(actual).toMatchObject({ setpointKw: 80, actualKw: 50, reasons: ['clipped_by_rating'] });
  });

  it('when told to charge above its rating, then it is clipped to chargeKw', () => {
    const actual = only(simulate(300, [-70]));
    expect(actual).toMatchObject({ actualKw: -50, reasons: ['clipped_by_rating'] });
  });

  it('given 60 kWh, when told to discharge 50 kW, then it stops at minSocKwh', () => {
    const actual = only(simulate(60, [50]));
    expect(actual.actualKw).toBeCloseTo(10 * 0.95, 12);
    expect(actual.socKwh).toBe(kwh(50));
    expect(actual.reasons).toEqual(['soc_limit']);
  });

  it('given 470 kWh, when told to charge 50 kW, then it stops at maxSocKwh', () => {
    const actual = only(simulate(470, [-50]));
    expect(actual.actualKw).toBeCloseTo(-5 / 0.95, 12);
    expect(actual.socKwh).toBe(kwh(475));
    expect(actual.reasons).toEqual(['soc_limit']);
  });

  it('when a setpoint is both above its rating and beyond its SoC room, then it names both reasons', () => {
    const actual = only(simulate(55, [90]));
    expect(actual.reasons).toEqual(['clipped_by_rating', 'soc_limit']);
    expect(actual.socKwh).toBe(kwh(50));
  });

  it('when a sequence runs it empty and full again, then SoC carries over from one interval to the next', () => {
    const actuals = simulate(110, [50, 50, -50, 0]);
    expect(actuals.map((a) => a.reasons)).toEqual([[], ['soc_limit'], [], []]);
    expect(actuals[1]?.socKwh).toBe(kw(50));
    expect(actuals[2]?.socKwh).toBeCloseTo(50 + 50 * 0.95, 12);
    expect(actuals[3]?.socKwh).toBe(actuals[2]?.socKwh);
  });

  it('when no setpoint is given, then it idles', () => {
    const result = run({ site, initial: { essSocKwh: { 'ess-1': 200 } } });
    expect(only(actualsOf(result, 'ess-1', 'ess'))).toMatchObject({
      setpointKw: 0,
      actualKw: 0,
      socKwh: 200,
    });
  });
});
