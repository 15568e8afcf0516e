import type { DerParameters } from '../ders/der-parameters.js';

/** Power headroom of one DER while nothing about it changes (conventions: capability.types.ts). */
export interface PowerHeadroom {
  readonly upKw: number;
  readonly downKw: number;
  readonly maxOutputKw: number;
}

const NONE: PowerHeadroom = { upKw: 0, downKw: 0, maxOutputKw: 0 };

/**
 * `ceilingKw` is the declared availability in force (Infinity when none): it caps both
 * directions. `carPresent` matters to EV chargers only.
 */
export const powerHeadroom = (
  p: DerParameters,
  ceilingKw: number,
  carPresent: boolean,
): PowerHeadroom => {
  switch (p.kind) {
    case 'pv':
      return { upKw: 0, downKw: 0, maxOutputKw: Math.min(p.inverterKw, p.capacityKwp, ceilingKw) };
    case 'ess': {
      const upKw = Math.min(p.dischargeKw, ceilingKw);
      return { upKw, downKw: Math.min(p.chargeKw, ceilingKw), maxOutputKw: upKw };
    }
    case 'dr_load': {
      // An all-or-nothing load cannot drop by part of its reduction, so a derating rules it out.
      const derated = ceilingKw < p.maxReductionKw;
      const upKw = derated && p.allOrNothing ? 0 : Math.min(p.maxReductionKw, ceilingKw);
      return { upKw, downKw: 0, maxOutputKw: upKw };
    }
    case 'ev_charger': {
      if (!carPresent) return NONE;
      const upKw = Math.min(p.maxDischargeKw, ceilingKw);
      return { upKw, downKw: Math.min(p.maxChargeKw, ceilingKw), maxOutputKw: upKw };
    }
    case 'fuel_cell': {
      const maxKw = Math.min(p.ratedKw, ceilingKw);
      if (maxKw < p.minStableKw) return NONE; // it cannot hold any output it is allowed
      return { upKw: maxKw - p.minStableKw, downKw: p.minStableKw, maxOutputKw: maxKw };
    }
  }
};
