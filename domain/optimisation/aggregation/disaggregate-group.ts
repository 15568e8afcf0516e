import type {
  CaseAsset,
  DrLoadAsset,
  EssAsset,
  EvChargerAsset,
  FuelCellAsset,
  LoadAsset,
  PvAsset,
} from '../portfolio/portfolio-case.js';
import {
  disaggregateDr,
  disaggregateFuelCells,
  disaggregateLoad,
  disaggregatePv,
  type DrWindowShare,
} from './disaggregate-dispatchable.js';
import {
  disaggregateEss,
  disaggregateEv,
  type GroupSeries,
  type GroupSetpoints,
} from './disaggregate-storage.js';
import type { HorizonGrid } from './member-limits.js';

/** A group's members' setpoints from its virtual asset's schedule, by kind. */
export const disaggregateGroup = (
  kind: CaseAsset['kind'],
  members: readonly CaseAsset[],
  series: GroupSeries,
  grid: HorizonGrid,
  drWindows?: readonly DrWindowShare[],
): GroupSetpoints => {
  const hours = grid.intervalMinutes / 60;
  switch (kind) {
    case 'ess':
      return disaggregateEss(members as EssAsset[], series, grid.intervals, hours);
    case 'ev_charger':
      return disaggregateEv(members as EvChargerAsset[], series, grid.intervals, hours);
    case 'pv':
      return disaggregatePv(members as PvAsset[], series, grid.intervals);
    case 'load':
      return disaggregateLoad(members as LoadAsset[], grid.intervals);
    case 'dr_load':
      return disaggregateDr(
        members as DrLoadAsset[],
        series,
        grid.intervals,
        grid.intervalMinutes,
        drWindows,
      );
    case 'fuel_cell':
      return disaggregateFuelCells(members as FuelCellAsset[], series, grid.intervals);
  }
};
