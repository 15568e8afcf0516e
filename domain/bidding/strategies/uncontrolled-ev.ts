import type { EvChargerAsset, PortfolioCase } from '../../optimisation/portfolio/portfolio-case.js';

/**
 * An EV charged the plain way, towards the grid (negative): at full power from arrival until the
 * energy its driver needs at departure is in, never discharged.
 */
export const uncontrolledEvKw = (ev: EvChargerAsset, portfolioCase: PortfolioCase): number[] => {
  const h = portfolioCase.intervalMinutes / 60;
  const row = Array.from({ length: portfolioCase.intervals }, () => 0);
  for (const session of ev.sessions) {
    let energy = session.energyOnArrivalKwh;
    for (let t = session.arrivalInterval; t < session.departureInterval; t++) {
      const needKw = (session.energyRequiredKwh - energy) / (h * ev.efficiency);
      const kw = Math.max(0, Math.min(ev.maxChargeKw, needKw));
      energy += kw * h * ev.efficiency;
      row[t] = -kw;
    }
  }
  return row;
};
