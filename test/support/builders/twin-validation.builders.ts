import { ess, fuelCell, pv } from './der.builders.js';
import { asset, siteOf } from './twin.builders.js';
import {
  simulateMicroVpp,
  type TwinGrid,
  type TwinInitialState,
  type TwinInputs,
  type TwinSetpoints,
  type TwinSite,
} from '../../../domain/twin/index.js';

/** A small valid site and horizon; each validation case breaks one thing in it. */
export const site = siteOf([asset('pv-1', pv()), asset('ess-1', ess()), asset('fc-1', fuelCell())]);
export const grid = { intervalMinutes: 15, intervalCount: 2 };
export const initial: TwinInitialState = {
  essSocKwh: { 'ess-1': 100 },
  fuelCells: { 'fc-1': { outputKw: 0, on: false } },
};
export const inputs: TwinInputs = {
  buildingLoadKw: [1, 2],
  pv: { 'pv-1': { availableKw: [3, 4] } },
};

/** Untyped on purpose: the checks exist for values that arrive as JSON. */
export const attempt =
  (o: {
    site?: unknown;
    grid?: unknown;
    initial?: unknown;
    inputs?: unknown;
    setpoints?: unknown;
    noise?: unknown;
  }) =>
  () =>
    simulateMicroVpp(
      (o.site ?? site) as TwinSite,
      (o.grid ?? grid) as TwinGrid,
      (o.initial ?? initial) as TwinInitialState,
      (o.inputs ?? inputs) as TwinInputs,
      (o.setpoints ?? {}) as TwinSetpoints,
      o.noise as never,
    );
