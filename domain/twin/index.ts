export type * from './twin-actuals.types.js';
export type * from './twin-inputs.types.js';
export {
  NO_NOISE,
  type TwinAsset,
  type TwinAssetOf,
  type TwinEvSession,
  type TwinFuelCellInitial,
  type TwinGrid,
  type TwinInitialState,
  type TwinNoise,
  type TwinSite,
} from './twin-setup.types.js';
export type { TwinErrorCode } from './twin.errors.js';
export { createTwinState } from './twin-setup.js';
export { stepTwin, type TwinStep } from './twin-step.js';
export { simulateMicroVpp, type TwinResult } from './micro-vpp.twin.js';
export { evSessionReports } from './ev-charger.twin.js';
export { EXPORT_RELIEF_ORDER, IMPORT_RELIEF_ORDER } from './grid-limit.twin.js';
export type { TwinTotals } from './twin-totals.js';
export {
  assetStateOf,
  type AssetState,
  type DrState,
  type EssState,
  type EvChargerState,
  type EvSessionState,
  type FuelCellState,
  type PvState,
  type TwinConfig,
  type TwinState,
} from './twin-state.js';
