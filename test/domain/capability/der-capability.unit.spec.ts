import { capabilityOf, type IntervalCapability } from '../../../domain/capability/index.js';
import type { DerKind, DerState } from '../../../domain/ders/index.js';
import { IntervalGrid } from '../../../domain/shared/time/interval-grid.js';
import {
  DAY,
  QUARTER_HOURS,
  declared,
  decommissioned,
  derWith,
  kst,
  parametersChanged,
  quarter,
} from '../../support/builders/capability.builders.js';
import { drLoad, ess, fuelCell, pv } from '../../support/builders/der.builders.js';
import { kw, kwh } from '../../../domain/shared/units.js';

const quarters = (der: DerState): readonly IntervalCapability[] =>
  capabilityOf([der], DAY, QUARTER_HOURS);

/** The indices whose `kind` figure `pick` equals `value`. */
const indicesWhere = (
  intervals: readonly IntervalCapability[],
  kind: DerKind,
  pick: 'upKw' | 'downKw' | 'derCount',
  value: number,
): number[] => intervals.filter((i) => i.byKind[kind][pick] === value).map((i) => i.index);

const range = (from: number, to: number): number[] =>
  Array.from({ length: to - from }, (_, i) => from + i);

describe('capability of one DER on a 15-minute grid', () => {
  it('covers the trading day from 00:00 KST in 96 contiguous intervals', () => {
    const intervals = quarters(derWith(ess()));
    expect(intervals).toHaveLength(96);
    expect(intervals[0]).toMatchObject({
      index: 0,
      start: '2025-03-10T15:00:00.000Z',
      end: '2025-03-10T15:15:00.000Z',
    });
    expect(intervals[95]?.end).toBe('2025-03-11T15:00:00.000Z');
  });

  describe('an ESS', () => {
    it('offers its discharge up and its charge down, with energy bounded by its SoC window', () => {
      const [first] = quarters(derWith(ess({ chargeKw: kw(40), dischargeKw: kw(50) })));
      expect(first?.byKind.ess).toEqual({
        derCount: 1,
        upKw: 50,
        downKw: 40,
        upKwh: 12.5,
        downKwh: 10,
        storedMinKwh: 50,
        storedMaxKwh: 475,
        maxOutputKw: 50,
      });
      expect(first?.total).toEqual(first?.byKind.ess);
    });

    it('caps an interval by its usable energy when the battery is small for its inverter', () => {
      // 10 kWh between min and max SoC, 0.95 each way, behind a 50 kW inverter.
      const small = ess({ energyKwh: kwh(20), minSocKwh: kwh(5), maxSocKwh: kwh(15) });
      const [first] = quarters(derWith(small));
      expect(first?.byKind.ess.upKwh).toBeCloseTo(9.5, 12);
      expect(first?.byKind.ess.downKwh).toBeCloseTo(10 / 0.95, 12);
    });

    it('is cut to the declared kW in exactly the intervals an outage window covers', () => {
      const der = derWith(ess(), declared(`${kst(10)}/${kst(11)}`, 20));
      const intervals = quarters(der);
      expect(indicesWhere(intervals, 'ess', 'upKw', 20)).toEqual(range(40, 44));
      expect(indicesWhere(intervals, 'ess', 'downKw', 20)).toEqual(range(40, 44));
      expect(indicesWhere(intervals, 'ess', 'upKw', 50)).toEqual([
        ...range(0, 40),
        ...range(44, 96),
      ]);
      expect(intervals[40]?.byKind.ess).toMatchObject({ upKwh: 5, downKwh: 5, maxOutputKw: 20 });
      expect(intervals[quarter(10)]?.byKind.ess.derCount).toBe(1);
    });

    it('is cut in every interval an unaligned window touches (figures are firm)', () => {
      const intervals = quarters(derWith(ess(), declared(`${kst(10, 5)}/${kst(10, 20)}`, 0)));
      expect(indicesWhere(intervals, 'ess', 'upKw', 0)).toEqual([40, 41]);
    });

    it('takes the later declaration where two windows overlap', () => {
      const der = derWith(
        ess(),
        declared(`${kst(10)}/${kst(12)}`, 0),
        declared(`${kst(11)}/${kst(13)}`, 30),
      );
      const intervals = quarters(der);
      expect(indicesWhere(intervals, 'ess', 'upKw', 0)).toEqual(range(40, 44));
      expect(indicesWhere(intervals, 'ess', 'upKw', 30)).toEqual(range(44, 52));
    });

    it('ignores windows on other days', () => {
      const der = derWith(ess(), declared('2025-03-11T15:00:00.000Z/2025-03-12T15:00:00.000Z', 0));
      expect(indicesWhere(quarters(der), 'ess', 'upKw', 50)).toEqual(range(0, 96));
    });

    it('on a 60-minute grid, an hour-long outage cuts exactly its hour', () => {
      const hours = capabilityOf(
        [derWith(ess(), declared(`${kst(10)}/${kst(11)}`, 20))],
        DAY,
        IntervalGrid.of(60),
      );
      expect(hours).toHaveLength(24);
      expect(indicesWhere(hours, 'ess', 'upKw', 20)).toEqual([10]);
      expect(hours[10]?.byKind.ess.upKwh).toBe(20);
    });

    it('follows a parameter change from its effective instant', () => {
      const der = derWith(ess(), parametersChanged(ess({ dischargeKw: kw(30) }), kst(12)));
      const intervals = quarters(der);
      expect(indicesWhere(intervals, 'ess', 'upKw', 50)).toEqual(range(0, 48));
      expect(indicesWhere(intervals, 'ess', 'upKw', 30)).toEqual(range(48, 96));
    });
  });

  describe('decommissioning mid-day', () => {
    it('removes the DER from its effective instant on', () => {
      const intervals = quarters(derWith(ess(), decommissioned(kst(12))));
      expect(indicesWhere(intervals, 'ess', 'derCount', 1)).toEqual(range(0, 48));
      expect(intervals[48]?.byKind.ess).toEqual({
        derCount: 0,
        upKw: 0,
        downKw: 0,
        upKwh: 0,
        downKwh: 0,
        storedMinKwh: 0,
        storedMaxKwh: 0,
        maxOutputKw: 0,
      });
    });

    it('removes it from the whole interval its instant falls in', () => {
      const intervals = quarters(derWith(fuelCell(), decommissioned(kst(12, 5))));
      expect(indicesWhere(intervals, 'fuel_cell', 'derCount', 1)).toEqual(range(0, 48));
    });

    it('leaves out a DER decommissioned before the day', () => {
      const intervals = quarters(derWith(pv(), decommissioned('2025-03-10T12:00:00.000Z')));
      expect(indicesWhere(intervals, 'pv', 'derCount', 0)).toEqual(range(0, 96));
    });

    it('counts a DER only from its registration on', () => {
      const late = derWith(pv());
      const registered = { ...late, parameters: [{ from: kst(6), value: pv() }] } as DerState;
      expect(indicesWhere(quarters(registered), 'pv', 'derCount', 1)).toEqual(range(24, 96));
    });
  });

  describe('the other kinds', () => {
    it('PV offers nothing up or down without a forecast, and shows its installed AC capacity', () => {
      const [first] = quarters(derWith(pv({ capacityKwp: kw(100), inverterKw: kw(90) })));
      expect(first?.byKind.pv).toMatchObject({ upKw: 0, downKw: 0, upKwh: 0, maxOutputKw: 90 });
      const [dcLimited] = quarters(derWith(pv({ capacityKwp: kw(80), inverterKw: kw(90) })));
      expect(dcLimited?.byKind.pv.maxOutputKw).toBe(80);
      const derated = quarters(derWith(pv(), declared(`${kst(0)}/${kst(1)}`, 30)));
      expect(derated[0]?.byKind.pv.maxOutputKw).toBe(30);
    });

    it('a DR load offers its maximum reduction up; an all-or-nothing one nothing when derated', () => {
      const [first] = quarters(derWith(drLoad({ maxReductionKw: kw(300) })));
      expect(first?.byKind.dr_load).toMatchObject({ upKw: 300, downKw: 0, upKwh: 75 });
      const window = declared(`${kst(0)}/${kst(1)}`, 100);
      expect(quarters(derWith(drLoad(), window))[0]?.byKind.dr_load.upKw).toBe(100);
      const rigid = derWith(drLoad({ allOrNothing: true }), window);
      expect(quarters(rigid)[0]?.byKind.dr_load.upKw).toBe(0);
      expect(quarters(rigid)[4]?.byKind.dr_load.upKw).toBe(300);
    });

    it('a fuel cell runs at its minimum stable output: up to its rating, down by stopping', () => {
      const cell = fuelCell({ ratedKw: kw(25), minStableKw: kw(5) });
      const [first] = quarters(derWith(cell));
      expect(first?.byKind.fuel_cell).toMatchObject({ upKw: 20, downKw: 5, maxOutputKw: 25 });
      const derated = quarters(derWith(cell, declared(`${kst(0)}/${kst(1)}`, 15)))[0];
      expect(derated?.byKind.fuel_cell).toMatchObject({ upKw: 10, downKw: 5, maxOutputKw: 15 });
      const belowMinimum = quarters(derWith(cell, declared(`${kst(0)}/${kst(1)}`, 4)))[0];
      expect(belowMinimum?.byKind.fuel_cell).toMatchObject({ upKw: 0, downKw: 0, maxOutputKw: 0 });
    });

    it('adds the kinds up in the total, and leaves unregistered states out', () => {
      const [first] = capabilityOf(
        [derWith(ess()), derWith(drLoad()), derWith(fuelCell()), { status: 'unregistered' }],
        DAY,
        QUARTER_HOURS,
      );
      expect(first?.total).toMatchObject({ derCount: 3, upKw: 50 + 300 + 20, downKw: 50 + 5 });
    });
  });
});
