import {
  attempt,
  grid,
  initial,
  inputs,
  site,
} from '../../support/builders/twin-validation.builders.js';
import { expectDomainError } from '../../support/expect-domain-error.js';
import { createTwinState, stepTwin } from '../../../domain/twin/index.js';

describe('Twin input and setpoint validation', () => {
  it.each([
    [
      'a load series one short',
      { inputs: { ...inputs, buildingLoadKw: [1] } },
      'TWIN.LENGTH_MISMATCH',
      'inputs.buildingLoadKw',
    ],
    [
      'a negative load',
      { inputs: { ...inputs, buildingLoadKw: [1, -2] } },
      'TWIN.INVALID_INPUT',
      'inputs.buildingLoadKw[1]',
    ],
    [
      'a NaN in PV',
      { inputs: { ...inputs, pv: { 'pv-1': { availableKw: [NaN, 1] } } } },
      'TWIN.INVALID_INPUT',
      'inputs.pv["pv-1"].availableKw[0]',
    ],
    [
      'a PV without a profile',
      { inputs: { buildingLoadKw: [1, 2] } },
      'TWIN.INVALID_INPUT',
      'inputs.pv["pv-1"]',
    ],
    [
      'a PV profile with both forms',
      { inputs: { ...inputs, pv: { 'pv-1': { availableKw: [1, 1], irradianceWPerM2: [1, 1] } } } },
      'TWIN.INVALID_INPUT',
      'inputs.pv["pv-1"]',
    ],
    [
      'an infinite ESS setpoint',
      { setpoints: { essKw: { 'ess-1': [0, Infinity] } } },
      'TWIN.INVALID_SETPOINT',
      'setpoints.essKw["ess-1"][1]',
    ],
    [
      'a negative PV cap',
      { setpoints: { pvCapKw: { 'pv-1': [null, -1] } } },
      'TWIN.INVALID_SETPOINT',
      'setpoints.pvCapKw["pv-1"][1]',
    ],
    [
      'a setpoint for a PV under essKw',
      { setpoints: { essKw: { 'pv-1': [0, 0] } } },
      'TWIN.UNKNOWN_ASSET',
      'setpoints.essKw["pv-1"]',
    ],
    [
      'a setpoint series too long',
      { setpoints: { fuelCellKw: { 'fc-1': [0, 0, 0] } } },
      'TWIN.LENGTH_MISMATCH',
      'setpoints.fuelCellKw["fc-1"]',
    ],
  ])('rejects %s', (_rule, override, code, field) => {
    expect(expectDomainError(attempt(override), code).field).toBe(field);
  });

  it('names the field without an index when stepping', () => {
    const state = createTwinState(site, grid, initial);
    const error = expectDomainError(
      () => stepTwin(state, { buildingLoadKw: 1, pv: { 'pv-1': { availableKw: -1 } } }, {}),
      'TWIN.INVALID_INPUT',
    );
    expect(error.field).toBe('inputs.pv["pv-1"].availableKw');
  });
});
