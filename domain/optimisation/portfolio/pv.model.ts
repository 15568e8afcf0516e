import type { PvAsset } from './portfolio-case.js';
import type { PvColumns } from './portfolio-index.js';
import { columnName, noColumns, type PieceContext } from './model-context.js';

/**
 * PV behind one meter. Every plant's forecast enters the meter balance as a constant; plants that
 * may be curtailed share one curtailment column per interval, k(t) in [0, their total forecast],
 * taken off the balance. Curtailable plants at one meter are interchangeable (same meter, same
 * price, no cost), so one column does the work of one per plant; the schedule shares k(t) among
 * them in proportion to their forecasts (read-schedule.ts). Curtailing costs only the revenue it
 * forgoes, so the optimiser curtails only when exporting loses money or a limit binds.
 */
export const addPvPlants = (
  ctx: PieceContext,
  siteId: string,
  plants: readonly PvAsset[],
): ReadonlyMap<string, PvColumns> => {
  const curtailment = noColumns(ctx.intervals);
  const curtailableKw = new Float64Array(ctx.intervals);
  for (let t = 0; t < ctx.intervals; t++) {
    for (const plant of plants) {
      ctx.flows.addConstant(t, plant.forecastKw[t]!);
      if (plant.curtailable) curtailableKw[t]! += plant.forecastKw[t]!;
    }
    if (curtailableKw[t]! <= 0) continue;
    const k = ctx.builder.addVariable({
      name: columnName('pv_curtailment', siteId, t, ctx.scenario),
      upper: curtailableKw[t]!,
    });
    curtailment[t] = k;
    ctx.flows.addVariable(t, k, -1, -curtailableKw[t]!, 0);
  }
  return new Map(
    plants.map((plant) => [
      plant.id,
      {
        kind: 'pv',
        curtailment: plant.curtailable ? curtailment : noColumns(ctx.intervals),
        curtailableKw,
      },
    ]),
  );
};
