import { fuelCell } from '../../support/builders/der.builders.js';
import { actualsOf, asset, run, siteOf } from '../../support/builders/twin.builders.js';
import type { TwinFuelCellInitial, TwinSetpoints } from '../../../domain/twin/index.js';

// 25 kW rated, 5 kW minimum stable, 2.5 kW/min ramp.
const simulate = (
  fuelCellKw: number[] | undefined,
  initial: TwinFuelCellInitial,
  minutes: number,
  count = fuelCellKw?.length ?? 1,
) => {
  const setpoints: TwinSetpoints =
    fuelCellKw === undefined ? {} : { fuelCellKw: { 'fc-1': fuelCellKw } };
  return actualsOf(
    run({
      site: siteOf([asset('fc-1', fuelCell())]),
      minutes,
      count,
      initial: { fuelCells: { 'fc-1': initial } },
      setpoints,
    }),
    'fc-1',
    'fuel_cell',
  );
};
const off = { outputKw: 0, on: false };
const output = (actuals: ReturnType<typeof simulate>) => actuals.map((a) => a.actualKw);

describe('Fuel-cell twin', () => {
  it('given it is off, when started towards 20 kW on a 1-minute grid, then it starts at its minimum and ramps 2.5 kW/min', () => {
    const actuals = simulate([20, 20, 20, 20], off, 1);
    expect(output(actuals)).toEqual([5, 7.5, 10, 12.5]);
    expect(actuals.map((a) => a.started)).toEqual([true, false, false, false]);
    expect(actuals[0]?.reasons).toEqual(['ramp_limit']);
  });

  it('given it runs at 20 kW, when told 10 kW on a 1-minute grid, then it ramps down 2.5 kW per interval', () => {
    expect(output(simulate([10, 10], { outputKw: 20, on: true }, 1))).toEqual([17.5, 15]);
  });

  it('given 15-minute intervals, when told to move 20 kW, then the ramp (37.5 kW) does not bind', () => {
    const actuals = simulate([25, 5], { outputKw: 5, on: true }, 15);
    expect(output(actuals)).toEqual([25, 5]);
    expect(actuals.map((a) => a.energyKwh)).toEqual([6.25, 1.25]);
  });

  it('when told more than it is rated for, then it is clipped to ratedKw', () => {
    expect(simulate([30], { outputKw: 20, on: true }, 15)[0]).toMatchObject({
      actualKw: 25,
      reasons: ['clipped_by_rating'],
    });
  });

  it('when told a positive output below its minimum stable output, then it runs at the minimum', () => {
    expect(simulate([3], { outputKw: 5, on: true }, 15)[0]).toMatchObject({
      actualKw: 5,
      on: true,
      reasons: ['min_stable'],
    });
  });

  it('when told 0, then it switches off at once', () => {
    expect(simulate([0], { outputKw: 25, on: true }, 1)[0]).toMatchObject({
      actualKw: 0,
      on: false,
      reasons: [],
    });
  });

  it('when given no setpoint, then it holds its output', () => {
    expect(output(simulate(undefined, { outputKw: 12, on: true }, 15, 3))).toEqual([12, 12, 12]);
  });
});
