import { milpName } from '../milp-model.js';
import { drDurationIntervals } from './case-validation.js';
import type { DrLoadAsset } from './portfolio-case.js';
import type { DrColumns, DrWindow } from './portfolio-index.js';
import { columnName, noColumns, type PieceContext } from './model-context.js';

/**
 * A demand-response load as a choice among activation windows: one column x(a, n) per start
 * interval a and length n (whole intervals within the duration limits, starting after the notice,
 * ending inside the horizon). Then
 * - activations: sum x <= maxActivationsPerDay; hours: sum n x <= maxHoursPerDay / h;
 * - active share y(t) = sum of the windows covering t, written in flow form
 *   y(t) = y(t-1) + (windows starting at t) - (windows ending just before t), so that each window
 *   sits in two rows instead of n;
 * - with several activations, no window may overlap or touch another (touching windows would be
 *   one longer activation): y(t) + (windows ending just before t) <= 1;
 * - all or nothing: the reduction is reductionKw y(t); divisible: r(t) <= reductionKw y(t).
 * Costs: activationCostKrw per window, energyCostKrwPerKwh per kWh reduced.
 *
 * Why windows rather than on/start binaries per interval: with one activation a day the window
 * polytope {x >= 0, sum x <= 1} has integral vertices, so the relaxation is usually integral and
 * `solveCase` makes the windows binary only for the loads whose relaxed solution is fractional.
 */
export const addDrLoad = (ctx: PieceContext, asset: DrLoadAsset): DrColumns => {
  const { builder, intervals, hours, scenario, weight } = ctx;
  const active = noColumns(intervals);
  const reduction = noColumns(intervals);
  const restriction = ctx.binaries.drRestriction(asset.id, scenario);
  const admissible = drWindows(asset, intervals, hours, ctx.portfolioCase.intervalMinutes);
  const subset =
    restriction === undefined ? ctx.binaries.drWindowSubset(asset.id, scenario) : undefined;
  const windows =
    restriction === undefined ? (subset ?? admissible) : restriction === null ? [] : [restriction];
  if (windows.length === 0 || asset.reductionKw === 0)
    return { kind: 'dr_load', active, reduction, windows: [] };

  const binary = ctx.binaries.has('dr', asset.id, scenario);
  const perWindowEnergyCost = asset.allOrNothing
    ? hours * asset.reductionKw * asset.energyCostKrwPerKwh
    : 0;
  const objectiveOf = (length: number): number =>
    -weight * (asset.activationCostKrw + perWindowEnergyCost * length);
  // With a subset the rows a left-out window would enter exist all the same (possibly empty of
  // windows), so that its reduced cost can be read off the row duals.
  const endsAt = new Set((subset ?? windows).map((w) => w.start + w.length));
  if (subset !== undefined) for (const w of admissible) endsAt.add(w.start + w.length);
  const flowRows = new Int32Array(intervals).fill(-1);
  const separationRows = new Int32Array(intervals).fill(-1);
  const starting: number[][] = Array.from({ length: intervals }, () => []);
  const ending: number[][] = Array.from({ length: intervals + 1 }, () => []);
  const columns: DrWindow[] = windows.map(({ start, length }) => {
    const column = builder.addVariable({
      name: milpName('dr_window', asset.id, `t${start}`, `n${length}`, `s${scenario}`),
      kind: binary ? 'binary' : 'continuous',
      upper: 1,
      objective: objectiveOf(length),
    });
    starting[start]!.push(column);
    ending[start + length]!.push(column);
    return { column, start, length };
  });
  const name = (family: string, t: number) => columnName(family, asset.id, t, scenario);
  for (let t = 0; t < intervals; t++) {
    const y = builder.addVariable({ name: name('dr_active', t), upper: 1 });
    active[t] = y;
    const terms: [number, number][] = [[y, 1]];
    if (t > 0) terms.push([active[t - 1]!, -1]);
    for (const x of starting[t]!) terms.push([x, -1]);
    for (const x of ending[t]!) terms.push([x, 1]);
    flowRows[t] = builder.addConstraint(name('dr_active_flow', t), terms, { eq: 0 });
    if (asset.maxActivationsPerDay > 1 && endsAt.has(t))
      separationRows[t] = builder.addConstraint(
        name('dr_separation', t),
        [[y, 1], ...ending[t]!.map((x): [number, number] => [x, 1])],
        { le: 1 },
      );
    if (asset.allOrNothing) {
      ctx.flows.addVariable(t, y, asset.reductionKw, 0, asset.reductionKw);
    } else {
      const r = builder.addVariable({
        name: name('dr_reduction', t),
        upper: asset.reductionKw,
        objective: -weight * hours * asset.energyCostKrwPerKwh,
      });
      reduction[t] = r;
      builder.addConstraint(
        name('dr_reduction_limit', t),
        [
          [r, 1],
          [y, -asset.reductionKw],
        ],
        {
          le: 0,
        },
      );
      ctx.flows.addVariable(t, r, 1, 0, asset.reductionKw);
    }
  }
  const all = columns.map((w): [number, number] => [w.column, 1]);
  const activationsRow = builder.addConstraint(
    columnName('dr_activations', asset.id, undefined, scenario),
    all,
    { le: asset.maxActivationsPerDay },
  );
  const maxIntervals = drMaxActiveIntervals(asset, hours);
  const longest = Math.max(...(subset === undefined ? windows : admissible).map((w) => w.length));
  const hoursRow =
    maxIntervals < asset.maxActivationsPerDay * longest
      ? builder.addConstraint(
          columnName('dr_hours', asset.id, undefined, scenario),
          columns.map((w): [number, number] => [w.column, w.length]),
          { le: maxIntervals },
        )
      : -1;
  return {
    kind: 'dr_load',
    active,
    reduction,
    windows: columns,
    ...(subset === undefined
      ? {}
      : {
          pricing: {
            flowRows,
            separationRows,
            activationsRow,
            hoursRow,
            maxActivations: asset.maxActivationsPerDay,
            objectiveOf,
            candidates: admissible,
          },
        }),
  };
};

/** Active intervals allowed in the horizon (maxHoursPerDay, rounded down to whole intervals). */
export const drMaxActiveIntervals = (asset: DrLoadAsset, hours: number): number =>
  asset.maxHoursPerDay === undefined ? Infinity : Math.floor(asset.maxHoursPerDay / hours + 1e-9);

/** Every admissible activation window: start after the notice, inside the horizon. */
export const drWindows = (
  asset: DrLoadAsset,
  intervals: number,
  hours: number,
  intervalMinutes: number,
): readonly { readonly start: number; readonly length: number }[] => {
  if (asset.maxActivationsPerDay === 0) return [];
  const { min, max } = drDurationIntervals(asset.minDurationHours, asset.maxDurationHours, hours);
  const longest = Math.min(max, drMaxActiveIntervals(asset, hours));
  const firstStart = Math.ceil(asset.noticeMinutes / intervalMinutes - 1e-9);
  const windows: { start: number; length: number }[] = [];
  for (let start = firstStart; start < intervals; start++)
    for (let length = min; length <= longest && start + length <= intervals; length++)
      windows.push({ start, length });
  return windows;
};
