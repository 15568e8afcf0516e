import type { LoadAsset } from './portfolio-case.js';
import type { LoadColumns } from './portfolio-index.js';
import type { PieceContext } from './model-context.js';

/** Inflexible site load: its forecast is drawn from the meter in every interval (no column). */
export const addLoad = (ctx: PieceContext, asset: LoadAsset): LoadColumns => {
  for (let t = 0; t < ctx.intervals; t++) ctx.flows.addConstant(t, -asset.forecastKw[t]!);
  return { kind: 'load' };
};
