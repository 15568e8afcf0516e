import { initialAssetStates } from './twin-initial-state.validation.js';
import {
  NO_NOISE,
  type TwinGrid,
  type TwinInitialState,
  type TwinNoise,
  type TwinSite,
} from './twin-setup.types.js';
import { validateGrid, validateNoise, validateSite } from './twin-setup.validation.js';
import type { TwinConfig, TwinState } from './twin-state.js';

/**
 * The twin before its first interval. Everything is validated here, so a balancer that steps the
 * twin meets only per-interval errors afterwards. Inputs may come straight from JSON.
 */
export const createTwinState = (
  site: TwinSite,
  grid: TwinGrid,
  initial: TwinInitialState = {},
  noise: TwinNoise = NO_NOISE,
): TwinState => {
  const { site: cleanSite, kinds } = validateSite(site);
  const config: TwinConfig = {
    site: cleanSite,
    kinds,
    ...validateGrid(grid),
    noise: validateNoise(noise),
  };
  return { config, index: 0, assets: initialAssetStates(config, initial) };
};
