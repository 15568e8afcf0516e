import type { EvChargerAsset } from './portfolio-case.js';
import type { EvColumns } from './portfolio-index.js';
import { columnName, noColumns, type PieceContext } from './model-context.js';

/**
 * An EV charger: columns only while a vehicle is plugged in (its session's
 * [arrivalInterval, departureInterval)). Charge c(t) in [0, maxChargeKw], vehicle-to-grid
 * discharge d(t) in [0, maxDischargeKw], energy E(t) = E(t-1) + h (efficiency c - d / efficiency)
 * within [0, batteryKwh], starting from energyOnArrivalKwh and ending at least at
 * energyRequiredKwh at departure. As for batteries, a mode binary is added only where the plan
 * asks for one; the tie-break penalises throughput.
 */
export const addEvCharger = (ctx: PieceContext, asset: EvChargerAsset): EvColumns => {
  const { builder, hours, intervals, scenario, weight } = ctx;
  const charge = noColumns(intervals);
  const discharge = noColumns(intervals);
  const energy = noColumns(intervals);
  const mode = noColumns(intervals);
  const tieBreak = weight * hours * ctx.tieBreakKrwPerKwh;
  const eta = asset.efficiency;
  for (const session of asset.sessions) {
    for (let t = session.arrivalInterval; t < session.departureInterval; t++) {
      const name = (family: string) => columnName(family, asset.id, t, scenario);
      const c = builder.addVariable({
        name: name('ev_charge'),
        upper: asset.maxChargeKw,
        objective: -tieBreak,
      });
      const d = builder.addVariable({
        name: name('ev_discharge'),
        upper: asset.maxDischargeKw,
        objective: -tieBreak,
      });
      const e = builder.addVariable({ name: name('ev_energy'), upper: session.batteryKwh });
      charge[t] = c;
      discharge[t] = d;
      energy[t] = e;
      const first = t === session.arrivalInterval;
      const terms: [number, number][] = [
        [e, 1],
        [c, -hours * eta],
        [d, hours / eta],
      ];
      if (!first) terms.push([energy[t - 1]!, -1]);
      builder.addConstraint(name('ev_energy_balance'), terms, {
        eq: first ? session.energyOnArrivalKwh : 0,
      });
      ctx.flows.addVariable(t, c, -1, -asset.maxChargeKw, 0);
      ctx.flows.addVariable(t, d, 1, 0, asset.maxDischargeKw);
      if (asset.maxDischargeKw > 0 && ctx.binaries.has('ev', asset.id, scenario, t)) {
        const b = builder.addVariable({ name: name('ev_mode'), kind: 'binary' });
        mode[t] = b;
        builder.addConstraint(
          name('ev_charge_mode'),
          [
            [c, 1],
            [b, -asset.maxChargeKw],
          ],
          {
            le: 0,
          },
        );
        builder.addConstraint(
          name('ev_discharge_mode'),
          [
            [d, 1],
            [b, asset.maxDischargeKw],
          ],
          {
            le: asset.maxDischargeKw,
          },
        );
      }
    }
    const last = session.departureInterval - 1;
    builder.addConstraint(
      columnName('ev_departure_energy', asset.id, last, scenario),
      [[energy[last]!, 1]],
      { ge: session.energyRequiredKwh },
    );
  }
  return { kind: 'ev_charger', charge, discharge, energy, mode };
};
