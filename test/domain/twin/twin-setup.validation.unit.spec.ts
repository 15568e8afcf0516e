import { evCharger, pv } from '../../support/builders/der.builders.js';
import { asset, siteOf } from '../../support/builders/twin.builders.js';
import { attempt, grid, initial, site } from '../../support/builders/twin-validation.builders.js';
import { expectDomainError } from '../../support/expect-domain-error.js';
import { TradingDay } from '../../../domain/shared/time/index.js';
import { IntervalGrid } from '../../../domain/shared/time/interval-grid.js';
import { createTwinState, stepTwin } from '../../../domain/twin/index.js';

describe('Twin setup validation', () => {
  it.each([
    [
      'a duplicate derId',
      { site: siteOf([asset('a', pv()), asset('a', pv())]) },
      'TWIN.INVALID_SITE',
      'site.assets[1].derId',
    ],
    [
      'a bad DER parameter',
      { site: siteOf([asset('a', { ...pv(), inverterKw: -1 } as never)]) },
      'TWIN.INVALID_SITE',
      'site.assets[0].parameters.inverterKw',
    ],
    [
      'a negative export limit',
      { site: { ...site, gridExportLimitKw: -1 } },
      'TWIN.INVALID_SITE',
      'site.gridExportLimitKw',
    ],
    [
      'an interval of 7 minutes',
      { grid: { intervalMinutes: 7, intervalCount: 2 } },
      'TWIN.INVALID_GRID',
      'grid.intervalMinutes',
    ],
    [
      'no intervals',
      { grid: { intervalMinutes: 15, intervalCount: 0 } },
      'TWIN.INVALID_GRID',
      'grid.intervalCount',
    ],
    [
      'an ESS without SoC',
      { initial: { fuelCells: initial.fuelCells } },
      'TWIN.INVALID_INITIAL_STATE',
      'initial.essSocKwh["ess-1"]',
    ],
    [
      'a SoC above maxSocKwh',
      { initial: { ...initial, essSocKwh: { 'ess-1': 490 } } },
      'TWIN.INVALID_INITIAL_STATE',
      'initial.essSocKwh["ess-1"]',
    ],
    [
      'a running fuel cell below its minimum',
      { initial: { ...initial, fuelCells: { 'fc-1': { outputKw: 2, on: true } } } },
      'TWIN.INVALID_INITIAL_STATE',
      'initial.fuelCells["fc-1"].outputKw',
    ],
    [
      'a SoC for an unknown asset',
      { initial: { ...initial, essSocKwh: { 'ess-1': 100, 'ess-9': 1 } } },
      'TWIN.UNKNOWN_ASSET',
      'initial.essSocKwh["ess-9"]',
    ],
    [
      'a negative noise',
      { noise: { seed: 1, pvRelativeStd: -0.1, loadRelativeStd: 0 } },
      'TWIN.INVALID_NOISE',
      'noise.pvRelativeStd',
    ],
  ])('rejects %s', (_rule, override, code, field) => {
    expect(expectDomainError(attempt(override), code).field).toBe(field);
  });

  it('rejects overlapping EV sessions on one charger', () => {
    const evSite = siteOf([asset('ev-1', evCharger())]);
    const s = { energyOnArrivalKwh: 1, energyRequiredAtDepartureKwh: 2, batteryKwh: 50 };
    const evSessions = {
      'ev-1': [
        { ...s, sessionId: 'a', arrivalIndex: 0, departureIndex: 2 },
        { ...s, sessionId: 'b', arrivalIndex: 1, departureIndex: 2 },
      ],
    };
    const error = expectDomainError(
      () => createTwinState(evSite, grid, { evSessions }),
      'TWIN.INVALID_INITIAL_STATE',
    );
    expect(error.field).toBe('initial.evSessions["ev-1"]');
  });

  it.each([
    ['a departure before its arrival', { departureIndex: 0 }, 'departureIndex'],
    ['an arrival beyond the horizon', { arrivalIndex: 2, departureIndex: 3 }, 'arrivalIndex'],
    ['energy on arrival above the battery', { energyOnArrivalKwh: 51 }, 'energyOnArrivalKwh'],
  ])('rejects an EV session with %s', (_rule, override, name) => {
    const session = {
      sessionId: 'a',
      arrivalIndex: 0,
      departureIndex: 1,
      energyOnArrivalKwh: 1,
      energyRequiredAtDepartureKwh: 2,
      batteryKwh: 50,
    };
    const evSessions = { 'ev-1': [{ ...session, ...override }] };
    const error = expectDomainError(
      () => createTwinState(siteOf([asset('ev-1', evCharger())]), grid, { evSessions }),
      'TWIN.INVALID_INITIAL_STATE',
    );
    expect(error.field).toBe(`initial.evSessions["ev-1"][0].${name}`);
  });

  it('accepts the grid as a list of intervals and places it in the trading day', () => {
    const cells = IntervalGrid.of(30).intervalsOf(TradingDay.parse('2025-03-10')).slice(4, 6);
    const state = createTwinState(site, { intervals: cells }, initial);
    expect(state.config).toMatchObject({
      intervalMinutes: 30,
      intervalCount: 2,
      firstIndexInDay: 4,
    });
    const { actuals } = stepTwin(
      state,
      { buildingLoadKw: 0, pv: { 'pv-1': { availableKw: 0 } } },
      {},
    );
    expect(actuals.interval?.equals(cells[0] as never)).toBe(true);
  });

  it('rejects intervals with a gap', () => {
    const cells = IntervalGrid.of(30).intervalsOf(TradingDay.parse('2025-03-10'));
    const error = expectDomainError(
      () => createTwinState(site, { intervals: [cells[0], cells[2]] as never }, initial),
      'TWIN.INVALID_GRID',
    );
    expect(error.field).toBe('grid.intervals[1]');
  });

  it('refuses to step beyond the horizon', () => {
    let state = createTwinState(site, { intervalMinutes: 60, intervalCount: 1 }, initial);
    const interval = { buildingLoadKw: 0, pv: { 'pv-1': { availableKw: 0 } } };
    state = stepTwin(state, interval, {}).state;
    expectDomainError(() => stepTwin(state, interval, {}), 'TWIN.HORIZON_EXCEEDED');
  });
});
