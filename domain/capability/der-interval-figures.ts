import type { DerSegment } from './der-segments.js';
import { evEnergyWindowAt } from './ev-energy-window.js';

/** One DER's firm figures over one interval (conventions: capability.types.ts). */
export interface DerIntervalFigures {
  readonly upKw: number;
  readonly downKw: number;
  readonly upKwh: number;
  readonly downKwh: number;
  readonly storedMinKwh: number;
  readonly storedMaxKwh: number;
  readonly maxOutputKw: number;
}

/**
 * `segments[first..last]` are the DER's segments overlapping the interval, in order. Power is the
 * least over them (firm for the whole interval); stored energy is read at the interval's end,
 * from the last. `undefined` when the DER is out of service for any part of the interval.
 * Called for every interval of every DER that changes during the day: it allocates only its
 * result (and an EV's energy window).
 */
export const derIntervalFigures = (
  segments: readonly DerSegment[],
  first: number,
  last: number,
  endMs: number,
  hours: number,
): DerIntervalFigures | undefined => {
  let upKw = Infinity;
  let downKw = Infinity;
  let maxOutputKw = Infinity;
  for (let i = first; i <= last; i++) {
    const segment = segments[i];
    if (segment?.parameters === undefined) return undefined;
    upKw = Math.min(upKw, segment.power.upKw);
    downKw = Math.min(downKw, segment.power.downKw);
    maxOutputKw = Math.min(maxOutputKw, segment.power.maxOutputKw);
  }
  const atEnd = segments[last];
  const p = atEnd?.parameters;
  if (p === undefined) return undefined;
  let minKwh: number;
  let maxKwh: number;
  let chargeEfficiency: number;
  let dischargeEfficiency: number;
  if (p.kind === 'ess') {
    minKwh = p.minSocKwh;
    maxKwh = p.maxSocKwh;
    chargeEfficiency = p.chargeEfficiency;
    dischargeEfficiency = p.dischargeEfficiency;
  } else if (p.kind === 'ev_charger' && atEnd?.car !== undefined) {
    const { session, arrivalMs, departureMs } = atEnd.car;
    const window = evEnergyWindowAt(session, p, arrivalMs, departureMs, endMs);
    minKwh = window.minKwh;
    maxKwh = window.maxKwh;
    chargeEfficiency = dischargeEfficiency = p.efficiency;
  } else
    return {
      upKw,
      downKw,
      upKwh: upKw * hours,
      downKwh: downKw * hours,
      storedMinKwh: 0,
      storedMaxKwh: 0,
      maxOutputKw,
    };
  const usableKwh = maxKwh - minKwh;
  return {
    upKw,
    downKw,
    upKwh: Math.min(upKw * hours, usableKwh * dischargeEfficiency),
    downKwh: Math.min(downKw * hours, usableKwh / chargeEfficiency),
    storedMinKwh: minKwh,
    storedMaxKwh: maxKwh,
    maxOutputKw,
  };
};
