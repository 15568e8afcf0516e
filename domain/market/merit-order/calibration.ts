/**
 * The only figures of the merit-order model fitted to prices. Everything else comes from
 * fleet.data.ts and its sources.
 *
 * What was fitted, on which data: a grid search (CALIBRATION_GRID) minimising the MAPE of the
 * simulated vs the real mainland SMP over **January-June 2024 only** (the shared SMP, demand and
 * renewables files); July-December 2024 is then out-of-sample. 2023 could not be used: there is
 * no shared demand series for it. `bench/merit-order.bench.ts` re-runs the grid and prints whether
 * the shipped values are still its optimum.
 */
export interface MeritOrderCalibration {
  /**
   * Share of coal capacity (after planned maintenance) missing from the price-setting schedule:
   * forced outages, the year-round 80 % caps and derates that no source quantified.
   */
  readonly coalDerate: number;
  /**
   * 0..1: how much of the fine-dust seasonal management (stopped units, 80 % caps) the
   * price-setting schedule sees. The schedule is unconstrained (kpx-market-rules.md §1.1), so
   * the environmental limits may act in dispatch only; the fit decides.
   */
  readonly coalSeasonalCurtailmentWeight: number;
  /** Multiplies the EPSIS average LNG unit cost for every LNG block. */
  readonly lngCostScale: number;
  /** MW of LNG CHP offering at a heat-credited cost in January, scaled by HEATING_WEIGHT. */
  readonly heatCreditChpMw: number;
}

/** The H1-2024 optimum of CALIBRATION_GRID (see bench/results/merit-order.json). */
export const DEFAULT_CALIBRATION: MeritOrderCalibration = {
  coalDerate: 0.3,
  coalSeasonalCurtailmentWeight: 0,
  lngCostScale: 1,
  heatCreditChpMw: 14_000,
};

export const CALIBRATION_GRID = {
  coalDerate: [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35],
  coalSeasonalCurtailmentWeight: [0, 0.5, 1],
  lngCostScale: [0.96, 1, 1.04],
  heatCreditChpMw: [4_000, 6_000, 8_000, 10_000, 12_000, 14_000, 16_000, 18_000],
} as const;

/** Every combination of CALIBRATION_GRID, in a fixed order. */
export const calibrationGrid = (): MeritOrderCalibration[] => {
  const out: MeritOrderCalibration[] = [];
  for (const coalDerate of CALIBRATION_GRID.coalDerate)
    for (const coalSeasonalCurtailmentWeight of CALIBRATION_GRID.coalSeasonalCurtailmentWeight)
      for (const lngCostScale of CALIBRATION_GRID.lngCostScale)
        for (const heatCreditChpMw of CALIBRATION_GRID.heatCreditChpMw)
          out.push({ coalDerate, coalSeasonalCurtailmentWeight, lngCostScale, heatCreditChpMw });
  return out;
};
