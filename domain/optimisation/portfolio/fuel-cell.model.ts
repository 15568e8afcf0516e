import type { FuelCellAsset } from './portfolio-case.js';
import type { FuelCellColumns } from './portfolio-index.js';
import { columnName, noColumns, type PieceContext } from './model-context.js';

/**
 * A fuel cell: output p(t) in [0, ratedKw] at fuelCostKrwPerKwh.
 *
 * With a minimum stable output or a start cost, a commitment binary u(t) per interval:
 * minStableKw u <= p <= ratedKw u, start s(t) >= u(t) - u(t-1) costing startCostKrw, and ramps
 * p(t) - p(t-1) <= R u(t-1) + S (1 - u(t-1)) (up) and p(t-1) - p(t) <= R u(t) + S (1 - u(t))
 * (down), where S = max(R, minStableKw): starting jumps to at most S, stopping from at most S.
 * These binaries are always present: a fractional commitment would undercut the start cost and
 * the minimum output everywhere, and sites hold few fuel cells.
 * Without either (minStableKw = 0 and startCostKrw = 0) only |p(t) - p(t-1)| <= R.
 * Before the horizon the output is initialOutputKw (running when positive).
 */
export const addFuelCell = (ctx: PieceContext, asset: FuelCellAsset): FuelCellColumns => {
  const { builder, hours, intervals, scenario, weight } = ctx;
  const output = noColumns(intervals);
  const on = noColumns(intervals);
  const start = noColumns(intervals);
  const committed = asset.minStableKw > 0 || asset.startCostKrw > 0;
  const ramp = asset.rampKwPerInterval;
  const jump = Math.max(ramp, asset.minStableKw);
  const wasOn = asset.initialOutputKw > 0 ? 1 : 0;
  const rampBinds = ramp < asset.ratedKw;
  for (let t = 0; t < intervals; t++) {
    const name = (family: string) => columnName(family, asset.id, t, scenario);
    const p = builder.addVariable({
      name: name('fc_output'),
      upper: asset.ratedKw,
      objective: -weight * hours * asset.fuelCostKrwPerKwh,
    });
    output[t] = p;
    ctx.flows.addVariable(t, p, 1, 0, asset.ratedKw);
    // Previous output: a column, or the constant initial output before the horizon.
    const previous: [number, number][] = t > 0 ? [[output[t - 1]!, 1]] : [];
    const previousKw = t > 0 ? 0 : asset.initialOutputKw;
    if (!committed) {
      if (rampBinds)
        builder.addConstraint(
          name('fc_ramp'),
          [[p, 1], ...previous.map(([v]): [number, number] => [v, -1])],
          { ge: -ramp + previousKw, le: ramp + previousKw },
        );
      continue;
    }
    const u = builder.addVariable({ name: name('fc_on'), kind: 'binary' });
    const s = builder.addVariable({
      name: name('fc_start'),
      upper: 1,
      objective: -weight * asset.startCostKrw,
    });
    on[t] = u;
    start[t] = s;
    builder.addConstraint(
      name('fc_min_stable'),
      [
        [p, 1],
        [u, -asset.minStableKw],
      ],
      { ge: 0 },
    );
    builder.addConstraint(
      name('fc_max_output'),
      [
        [p, 1],
        [u, -asset.ratedKw],
      ],
      { le: 0 },
    );
    builder.addConstraint(
      name('fc_start_def'),
      t > 0
        ? [
            [s, 1],
            [u, -1],
            [on[t - 1]!, 1],
          ]
        : [
            [s, 1],
            [u, -1],
          ],
      { ge: t > 0 ? 0 : -wasOn },
    );
    if (rampBinds) {
      // Up: p(t) - p(t-1) - (R - S) u(t-1) <= S.
      builder.addConstraint(
        name('fc_ramp_up'),
        t > 0
          ? [
              [p, 1],
              [output[t - 1]!, -1],
              [on[t - 1]!, jump - ramp],
            ]
          : [[p, 1]],
        { le: t > 0 ? jump : previousKw + (wasOn ? ramp : jump) },
      );
      // Down: p(t-1) - p(t) + (S - R) u(t) <= S.
      builder.addConstraint(
        name('fc_ramp_down'),
        t > 0
          ? [
              [output[t - 1]!, 1],
              [p, -1],
              [u, jump - ramp],
            ]
          : [
              [p, -1],
              [u, jump - ramp],
            ],
        { le: t > 0 ? jump : jump - previousKw },
      );
    }
  }
  return { kind: 'fuel_cell', output, on, start };
};
