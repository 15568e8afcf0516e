import { drDurationIntervals } from '../portfolio/case-validation.js';
import { drMaxActiveIntervals } from '../portfolio/dr.model.js';
import type { CaseAsset } from '../portfolio/portfolio-case.js';
import { fuelCellJumpKw } from './group-ders.js';

/** Slack for round-off, relative to the asset's own rating (kW) or capacity (kWh). */
const RELATIVE_TOLERANCE = 1e-6;

export interface HorizonGrid {
  readonly intervals: number;
  readonly intervalMinutes: number;
}

/**
 * The first of a DER's own limits that its setpoints break, or undefined when they keep all:
 * checked from the setpoints alone (power towards the grid per interval), re-simulating its
 * state, independently of how the setpoints were made. The limits are the model's (see the
 * asset pieces in ../portfolio/): power ratings, SoC and energy bounds, final SoC, EV windows and
 * departure energy, DR notice, durations, activations, hours and all-or-nothing, fuel-cell
 * rating, minimum stable output and ramps, PV at most its forecast (exactly it when not
 * curtailable).
 */
export const memberViolation = (
  asset: CaseAsset,
  powerKw: Float64Array,
  grid: HorizonGrid,
): string | undefined => {
  const hours = grid.intervalMinutes / 60;
  const { intervals } = grid;
  const over = (value: number, limit: number, scale: number): boolean =>
    value > limit + RELATIVE_TOLERANCE * Math.max(1, scale);
  switch (asset.kind) {
    case 'ess': {
      const { chargeKw, dischargeKw, minSocKwh, maxSocKwh } = asset;
      const scale = Math.max(maxSocKwh, chargeKw, dischargeKw);
      const gain = asset.chargeEfficiency * hours;
      const loss = hours / asset.dischargeEfficiency;
      let soc = asset.initialSocKwh;
      for (let t = 0; t < intervals; t++) {
        const p = powerKw[t]!;
        if (over(p, dischargeKw, scale)) return `t${t}: discharges ${p} kW > dischargeKw`;
        if (over(-p, chargeKw, scale)) return `t${t}: charges ${-p} kW > chargeKw`;
        soc -= p < 0 ? p * gain : p * loss;
        if (over(soc, maxSocKwh, scale)) return `t${t}: SoC ${soc} kWh > maxSocKwh`;
        if (over(minSocKwh, soc, scale)) return `t${t}: SoC ${soc} kWh < minSocKwh`;
      }
      const final = asset.finalSocKwh ?? asset.initialSocKwh;
      return over(final, soc, scale) ? `final SoC ${soc} kWh < ${final} kWh` : undefined;
    }
    case 'ev_charger': {
      const scale = Math.max(asset.maxChargeKw, ...asset.sessions.map((s) => s.batteryKwh));
      let k = 0;
      let energy = 0;
      for (let t = 0; t < intervals; t++) {
        const p = powerKw[t]!;
        while (k < asset.sessions.length && asset.sessions[k]!.departureInterval <= t) k++;
        const s = asset.sessions[k];
        if (s === undefined || t < s.arrivalInterval) {
          if (over(Math.abs(p), 0, scale)) return `t${t}: ${p} kW with no vehicle plugged in`;
          continue;
        }
        if (t === s.arrivalInterval) energy = s.energyOnArrivalKwh;
        if (over(p, asset.maxDischargeKw, scale))
          return `t${t}: discharges ${p} kW > maxDischargeKw`;
        if (over(-p, asset.maxChargeKw, scale)) return `t${t}: charges ${-p} kW > maxChargeKw`;
        energy += p < 0 ? -p * asset.efficiency * hours : (-p * hours) / asset.efficiency;
        if (over(energy, s.batteryKwh, scale)) return `t${t}: energy ${energy} kWh > batteryKwh`;
        if (over(0, energy, scale)) return `t${t}: energy ${energy} kWh < 0`;
        if (t === s.departureInterval - 1 && over(s.energyRequiredKwh, energy, scale))
          return `t${t}: departs with ${energy} kWh < energyRequiredKwh ${s.energyRequiredKwh}`;
      }
      return undefined;
    }
    case 'pv': {
      const forecast = asset.forecastKw;
      for (let t = 0; t < intervals; t++) {
        const p = powerKw[t]!;
        const f = forecast[t]!;
        if (over(p, f, f) || over(0, p, f)) return `t${t}: output ${p} kW outside [0, ${f}]`;
        if (!asset.curtailable && over(f, p, f)) return `t${t}: curtailed though not curtailable`;
      }
      return undefined;
    }
    case 'load':
      for (let t = 0; t < intervals; t++)
        if (over(Math.abs(powerKw[t]! + asset.forecastKw[t]!), 0, asset.forecastKw[t]!))
          return `t${t}: consumption ${-powerKw[t]!} kW differs from its forecast`;
      return undefined;
    case 'dr_load':
      return drViolation(asset, powerKw, grid, hours);
    case 'fuel_cell':
      return fuelCellViolation(asset, powerKw, intervals);
  }
};

const drViolation = (
  asset: Extract<CaseAsset, { kind: 'dr_load' }>,
  powerKw: Float64Array,
  grid: HorizonGrid,
  hours: number,
): string | undefined => {
  const tolerance = RELATIVE_TOLERANCE * Math.max(1, asset.reductionKw);
  const { min, max } = drDurationIntervals(asset.minDurationHours, asset.maxDurationHours, hours);
  const firstStart = Math.ceil(asset.noticeMinutes / grid.intervalMinutes - 1e-9);
  let runs = 0;
  let active = 0;
  let t = 0;
  while (t < grid.intervals) {
    const p = powerKw[t]!;
    if (p < -tolerance || p > asset.reductionKw + tolerance)
      return `t${t}: reduction ${p} kW outside [0, reductionKw]`;
    if (p <= tolerance) {
      t++;
      continue;
    }
    const start = t;
    while (t < grid.intervals && powerKw[t]! > tolerance) {
      if (asset.allOrNothing && Math.abs(powerKw[t]! - asset.reductionKw) > tolerance)
        return `t${t}: all-or-nothing load reduces ${powerKw[t]} kW`;
      t++;
    }
    const length = t - start;
    if (start < firstStart) return `t${start}: activation within the notice`;
    if (length < min || length > max)
      return `t${start}: activation of ${length} intervals outside [${min}, ${max}]`;
    runs++;
    active += length;
  }
  if (runs > asset.maxActivationsPerDay) return `${runs} activations > maxActivationsPerDay`;
  if (active > drMaxActiveIntervals(asset, hours)) return `${active} active intervals > maxHours`;
  return undefined;
};

const fuelCellViolation = (
  asset: Extract<CaseAsset, { kind: 'fuel_cell' }>,
  powerKw: Float64Array,
  intervals: number,
): string | undefined => {
  const tolerance = RELATIVE_TOLERANCE * Math.max(1, asset.ratedKw);
  const committed = asset.minStableKw > 0 || asset.startCostKrw > 0;
  const rampBinds = asset.rampKwPerInterval < asset.ratedKw;
  const jump = fuelCellJumpKw(asset);
  let q = asset.initialOutputKw;
  for (let t = 0; t < intervals; t++) {
    const p = powerKw[t]!;
    if (p < -tolerance || p > asset.ratedKw + tolerance)
      return `t${t}: output ${p} kW outside [0, ratedKw]`;
    const running = p > tolerance;
    if (running && p < asset.minStableKw - tolerance)
      return `t${t}: output ${p} kW below minStableKw`;
    if (rampBinds) {
      const wasRunning = q > tolerance;
      // Committed: a start or a stop may jump by max(ramp, minStable); otherwise the ramp.
      const limit = committed && running !== wasRunning ? jump : asset.rampKwPerInterval;
      if (Math.abs(p - q) > limit + tolerance)
        return `t${t}: output moves ${p - q} kW > ramp limit ${limit} kW`;
    }
    q = p;
  }
  return undefined;
};
