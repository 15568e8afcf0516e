import { drLoad } from '../../support/builders/der.builders.js';
import { actualsOf, asset, run, siteOf, times } from '../../support/builders/twin.builders.js';
import type { DrLoadParameters } from '../../../domain/ders/index.js';
import { simulateMicroVpp } from '../../../domain/twin/index.js';

// Defaults: 300 kW max, 60..240 min per activation, 2 activations and 4 h per day.
const simulate = (
  requestKw: number[],
  o: Partial<DrLoadParameters> = {},
  { minutes = 60, baselineKw = 500 }: { minutes?: number; baselineKw?: number } = {},
) =>
  actualsOf(
    run({
      site: siteOf([asset('dr-1', drLoad(o))]),
      minutes,
      count: requestKw.length,
      inputs: { drBaselineKw: { 'dr-1': times(baselineKw, requestKw.length) } },
      setpoints: { drReductionKw: { 'dr-1': requestKw } },
    }),
    'dr-1',
    'dr_load',
  );

const delivered = (actuals: ReturnType<typeof simulate>) => actuals.map((a) => a.actualKw);
const limits = (actuals: ReturnType<typeof simulate>) => actuals.map((a) => a.drLimit);

describe('DR load twin', () => {
  it('given a 500 kW baseline, when 200 kW is requested for two hours, then the load draws 300 kW', () => {
    const actuals = simulate([200, 200]);
    expect(actuals[1]).toMatchObject({
      setpointKw: 200,
      actualKw: 200,
      energyKwh: 200,
      baselineKw: 500,
      loadKw: 300,
      activationMinutes: 120,
      drLimit: null,
      reasons: [],
    });
  });

  it('when more than maxReductionKw is requested, then it reduces by maxReductionKw', () => {
    expect(simulate([400])[0]).toMatchObject({ actualKw: 300, reasons: ['clipped_by_rating'] });
  });

  it('given a baseline below the request, then it cannot reduce below drawing nothing', () => {
    expect(simulate([200], {}, { baselineKw: 120 })[0]).toMatchObject({
      actualKw: 120,
      loadKw: 0,
      drLimit: 'baseline',
      reasons: ['dr_limit'],
    });
  });

  it('given an all-or-nothing load, when part of its block is requested, then nothing is delivered', () => {
    const actuals = simulate([200, 0, 300], { allOrNothing: true });
    expect(delivered(actuals)).toEqual([0, 0, 300]);
    expect(actuals[0]).toMatchObject({ drLimit: 'all_or_nothing', reasons: ['dr_limit'] });
  });

  it('given two activations a day, when a third run is requested, then it is not delivered', () => {
    const actuals = simulate([100, 0, 100, 0, 100, 100]);
    expect(delivered(actuals)).toEqual([100, 0, 100, 0, 0, 0]);
    expect(limits(actuals).slice(4)).toEqual([
      'max_activations_per_day',
      'max_activations_per_day',
    ]);
  });

  it('given four hours a day, when a run would pass them, then it is cut where the budget ends', () => {
    const actuals = simulate([100, 100, 100, 0, 100, 100]);
    expect(delivered(actuals)).toEqual([100, 100, 100, 0, 100, 0]);
    expect(limits(actuals)[5]).toBe('max_hours_per_day');
  });

  it('when too little of the day is left for a minimal activation, then the run is refused from its start', () => {
    const actuals = simulate([100, 100, 100, 0, 100], {
      minDurationMinutes: 90,
      maxDurationMinutes: 180,
    });
    expect(delivered(actuals)).toEqual([100, 100, 100, 0, 0]);
    expect(limits(actuals)[4]).toBe('max_hours_per_day');
  });

  it('given a 2-hour maximum, when a 4-hour run is requested, then it stops after 2 hours and stays off', () => {
    const actuals = simulate([100, 100, 100, 100], { maxDurationMinutes: 120 });
    expect(delivered(actuals)).toEqual([100, 100, 0, 0]);
    expect(limits(actuals)).toEqual([null, null, 'max_duration', 'max_duration']);
    expect(actuals.map((a) => a.activationMinutes)).toEqual([60, 120, 0, 0]);
  });

  it('when an interval is longer than the maximum duration, then no activation is possible', () => {
    expect(simulate([100], { minDurationMinutes: 30, maxDurationMinutes: 30 })[0]).toMatchObject({
      actualKw: 0,
      drLimit: 'max_duration',
    });
  });

  it('given a 1-hour minimum, when a request ends after 15 minutes, then the load holds its reduction for the hour', () => {
    const actuals = simulate([100, 0, 0, 0, 0], {}, { minutes: 15 });
    expect(delivered(actuals)).toEqual([100, 100, 100, 100, 0]);
    expect(limits(actuals)).toEqual([null, 'min_duration', 'min_duration', 'min_duration', null]);
    expect(actuals[1]).toMatchObject({ setpointKw: 0, reasons: ['dr_limit'] });
  });

  it('when a refused run goes on, then it stays refused until the request ends', () => {
    const actuals = simulate([100, 0, 100, 0, 100, 100, 0, 100], { maxActivationsPerDay: 2 });
    expect(delivered(actuals)).toEqual([100, 0, 100, 0, 0, 0, 0, 0]);
  });

  it('given one activation a day, when a run starts after 00:00 KST, then the new day allows it', () => {
    const result = simulateMicroVpp(
      siteOf([asset('dr-1', drLoad({ maxActivationsPerDay: 1 }))]),
      { intervalMinutes: 60, intervalCount: 4, firstIndexInDay: 21 },
      {},
      { buildingLoadKw: times(0, 4), drBaselineKw: { 'dr-1': times(500, 4) } },
      { drReductionKw: { 'dr-1': [100, 0, 100, 100] } },
    );
    // Indices 21, 22, 23 of one day, then 0 of the next: the run at 23 is refused, its
    // continuation after midnight is a fresh activation of the new day.
    expect(delivered(actualsOf(result, 'dr-1', 'dr_load'))).toEqual([100, 0, 0, 100]);
  });
});
