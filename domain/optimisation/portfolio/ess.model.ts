import type { EssAsset } from './portfolio-case.js';
import type { EssColumns } from './portfolio-index.js';
import { columnName, noColumns, type PieceContext } from './model-context.js';

/**
 * A battery: grid-side charge c(t) in [0, chargeKw] and discharge d(t) in [0, dischargeKw],
 * SoC(t) = SoC(t-1) + h (c(t) chargeEfficiency - d(t) / dischargeEfficiency), SoC(t) in
 * [minSocKwh, maxSocKwh] at the end of every interval, SoC at the end of the horizon at least
 * `finalSocKwh` (default the initial SoC).
 *
 * Charging and discharging at once loses energy when an efficiency is below 1, so it pays only
 * when energy must be burnt (negative prices, a binding limit); the mode binary
 * (c <= chargeKw b, d <= dischargeKw (1 - b)) is added only for the intervals where the plan asks
 * for it. Objective: minus degradation cost on cell-side throughput, minus the tie-break on
 * grid-side throughput.
 */
export const addEss = (ctx: PieceContext, asset: EssAsset): EssColumns => {
  const { builder, hours, intervals, scenario, weight } = ctx;
  const charge = noColumns(intervals);
  const discharge = noColumns(intervals);
  const soc = noColumns(intervals);
  const mode = noColumns(intervals);
  const degradation = weight * hours * asset.degradationCostKrwPerKwh;
  const tieBreak = weight * hours * ctx.tieBreakKrwPerKwh;
  for (let t = 0; t < intervals; t++) {
    const name = (family: string) => columnName(family, asset.id, t, scenario);
    const c = builder.addVariable({
      name: name('ess_charge'),
      upper: asset.chargeKw,
      objective: -degradation * asset.chargeEfficiency - tieBreak,
    });
    const d = builder.addVariable({
      name: name('ess_discharge'),
      upper: asset.dischargeKw,
      objective: -degradation / asset.dischargeEfficiency - tieBreak,
    });
    const s = builder.addVariable({
      name: name('ess_soc'),
      lower: asset.minSocKwh,
      upper: asset.maxSocKwh,
    });
    charge[t] = c;
    discharge[t] = d;
    soc[t] = s;
    const terms: [number, number][] = [
      [s, 1],
      [c, -hours * asset.chargeEfficiency],
      [d, hours / asset.dischargeEfficiency],
    ];
    if (t > 0) terms.push([soc[t - 1]!, -1]);
    builder.addConstraint(name('soc_balance'), terms, { eq: t === 0 ? asset.initialSocKwh : 0 });
    ctx.flows.addVariable(t, c, -1, -asset.chargeKw, 0);
    ctx.flows.addVariable(t, d, 1, 0, asset.dischargeKw);
    if (ctx.binaries.has('ess', asset.id, scenario, t)) {
      const b = builder.addVariable({ name: name('ess_mode'), kind: 'binary' });
      mode[t] = b;
      builder.addConstraint(
        name('ess_charge_mode'),
        [
          [c, 1],
          [b, -asset.chargeKw],
        ],
        { le: 0 },
      );
      builder.addConstraint(
        name('ess_discharge_mode'),
        [
          [d, 1],
          [b, asset.dischargeKw],
        ],
        {
          le: asset.dischargeKw,
        },
      );
    }
  }
  if (intervals > 0)
    builder.addConstraint(
      columnName('ess_final_soc', asset.id, undefined, scenario),
      [[soc[intervals - 1]!, 1]],
      { ge: asset.finalSocKwh ?? asset.initialSocKwh },
    );
  return { kind: 'ess', charge, discharge, soc, mode };
};
