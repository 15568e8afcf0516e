import fc from 'fast-check';
import type {
  PvProfile,
  TwinEvSession,
  TwinFuelCellInitial,
  TwinGrid,
  TwinInitialState,
  TwinInputs,
  TwinSetpoints,
  TwinSite,
} from '../../domain/twin/index.js';
import { kw } from '../../domain/shared/units.js';
import { dbl, drArb, essArb, evArb, fuelCellArb, pvArb, series } from './twin-asset-arbitraries.js';

/** One random micro-VPP with a horizon of inputs and setpoints, as `simulateMicroVpp` takes them. */
export interface TwinScenario {
  site: TwinSite;
  grid: Extract<TwinGrid, { intervalMinutes: number }>;
  initial: TwinInitialState;
  inputs: TwinInputs;
  setpoints: TwinSetpoints;
}

export const scenarioArb = (maxCount = 24): fc.Arbitrary<TwinScenario> =>
  fc.integer({ min: 1, max: maxCount }).chain((count) =>
    fc
      .record({
        minutes: fc.constantFrom(5, 15, 30, 60),
        firstIndexInDay: fc.integer({ min: 0, max: 23 }),
        pvs: fc.array(pvArb(count), { maxLength: 2 }),
        esss: fc.array(essArb(count), { maxLength: 2 }),
        evs: fc.array(evArb(count), { maxLength: 1 }),
        fuelCells: fc.array(fuelCellArb(count), { maxLength: 1 }),
        drs: fc.array(drArb(count), { maxLength: 1 }),
        load: series(count, dbl(0, 300)),
        importKw: dbl(0, 500),
        exportKw: dbl(0, 500),
      })
      .map((r) => assemble(count, r)),
  );

type Of<A> = A extends fc.Arbitrary<infer T> ? T : never;

interface Parts {
  minutes: number;
  firstIndexInDay: number;
  pvs: Of<ReturnType<typeof pvArb>>[];
  esss: Of<ReturnType<typeof essArb>>[];
  evs: Of<ReturnType<typeof evArb>>[];
  fuelCells: Of<ReturnType<typeof fuelCellArb>>[];
  drs: Of<ReturnType<typeof drArb>>[];
  load: number[];
  importKw: number;
  exportKw: number;
}

const assemble = (count: number, r: Parts): TwinScenario => {
  const assets: TwinSite['assets'][number][] = [];
  const essSocKwh: Record<string, number> = {};
  const fuelCells: Record<string, TwinFuelCellInitial> = {};
  const evSessions: Record<string, readonly TwinEvSession[]> = {};
  const pvProfiles: Record<string, PvProfile> = {};
  const drBaselineKw: Record<string, number[]> = {};
  const s = { essKw: {}, pvCapKw: {}, drReductionKw: {}, evKw: {}, fuelCellKw: {} } as {
    [K in keyof TwinSetpoints]-?: Record<string, readonly (number | null)[]>;
  };
  r.pvs.forEach((a, i) => {
    assets.push({ derId: `pv-${i}`, parameters: a.parameters });
    pvProfiles[`pv-${i}`] = a.profile;
    if (a.caps) s.pvCapKw[`pv-${i}`] = a.caps;
  });
  r.esss.forEach((a, i) => {
    assets.push({ derId: `ess-${i}`, parameters: a.parameters });
    essSocKwh[`ess-${i}`] = a.socKwh;
    s.essKw[`ess-${i}`] = a.setpoints;
  });
  r.evs.forEach((a, i) => {
    assets.push({ derId: `ev-${i}`, parameters: a.parameters });
    evSessions[`ev-${i}`] = a.sessions;
    s.evKw[`ev-${i}`] = a.setpoints;
  });
  r.fuelCells.forEach((a, i) => {
    assets.push({ derId: `fc-${i}`, parameters: a.parameters });
    fuelCells[`fc-${i}`] = a.initial;
    if (a.setpoints) s.fuelCellKw[`fc-${i}`] = a.setpoints;
  });
  r.drs.forEach((a, i) => {
    assets.push({ derId: `dr-${i}`, parameters: a.parameters });
    drBaselineKw[`dr-${i}`] = a.baselines;
    s.drReductionKw[`dr-${i}`] = a.requests;
  });
  return {
    site: { assets, gridImportLimitKw: kw(r.importKw), gridExportLimitKw: kw(r.exportKw) },
    grid: { intervalMinutes: r.minutes, intervalCount: count, firstIndexInDay: r.firstIndexInDay },
    initial: { essSocKwh, fuelCells, evSessions },
    inputs: { buildingLoadKw: r.load, pv: pvProfiles, drBaselineKw },
    setpoints: s as TwinSetpoints,
  };
};
