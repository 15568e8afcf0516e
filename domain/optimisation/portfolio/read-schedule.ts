import { intervalHours, type CaseAsset, type PortfolioCase } from './portfolio-case.js';
import type { AssetColumns, ScenarioColumns, PortfolioIndex } from './portfolio-index.js';

/** One asset in one interval; which fields are present depends on the asset kind. */
export interface AssetInterval {
  /** Battery / EV: grid-side charge and discharge. */
  readonly chargeKw?: number;
  readonly dischargeKw?: number;
  /** Battery SoC / energy in the plugged-in EV, at the end of the interval. */
  readonly socKwh?: number;
  /** PV and fuel-cell output. */
  readonly outputKw?: number;
  /** Demand response below baseline. */
  readonly reductionKw?: number;
  /** Inflexible load. */
  readonly consumptionKw?: number;
}

export interface IntervalSchedule {
  /** The portfolio's import and export (sums over meters). */
  readonly importKw: number;
  readonly exportKw: number;
  readonly assets: Readonly<Record<string, AssetInterval>>;
  /** Per meter, when the case has more than one. */
  readonly meters?: Readonly<
    Record<string, { readonly importKw: number; readonly exportKw: number }>
  >;
}

export interface ScenarioSchedule {
  readonly scenario: number;
  readonly probability: number;
  /** Revenue minus costs of this scenario's schedule at its prices, KRW, unrounded. */
  readonly objectiveKrw: number;
  readonly revenueKrw: number;
  readonly costKrw: number;
  /** The portfolio's net position per interval (export positive), kW. */
  readonly netPositionKw: readonly number[];
  readonly intervals: readonly IntervalSchedule[];
}

export interface PortfolioSchedule {
  /** Probability-weighted revenue minus costs, KRW, recomputed from the schedules. */
  readonly objectiveKrw: number;
  /** The scenario whose schedule `intervals` shows: the most probable (the first on ties). */
  readonly representativeScenario: number;
  readonly intervals: readonly IntervalSchedule[];
  readonly scenarioSchedules: readonly ScenarioSchedule[];
  /** Meter intervals whose import and export are both non-zero after netting (should be none). */
  readonly simultaneousImportExport: number;
}

// Solver values within this of zero (kW, kWh, shares) are read as zero: simplex solutions carry
// round-off of ~1e-9 relative, and a 1e-9 kW "export" must not count as exporting.
export const VALUE_TOLERANCE = 1e-6;

const value = (values: Float64Array, column: number): number => {
  if (column < 0) return 0;
  const v = values[column] ?? 0;
  return Math.abs(v) < VALUE_TOLERANCE ? 0 : v;
};

/**
 * The schedules in the solution `values` of a model built by `buildPortfolioModel`, with the
 * objective recomputed in KRW from them (prices x energies, costs from the dispatch) rather than
 * taken from the solver. Import and export left both non-zero at a meter where the import price is
 * at least the export price are netted (exact: only the net enters the balance, and netting lowers
 * cost and both limits' use).
 */
/** The scenario a single schedule shows: the most probable, the first on ties. */
export const representativeScenario = (portfolioCase: PortfolioCase): number => {
  let best = 0;
  portfolioCase.scenarios.forEach((scenario, s) => {
    if (scenario.probability > portfolioCase.scenarios[best]!.probability) best = s;
  });
  return best;
};

export const readSchedule = (
  portfolioCase: PortfolioCase,
  index: PortfolioIndex,
  values: Float64Array,
): PortfolioSchedule => {
  let objectiveKrw = 0;
  let simultaneous = 0;
  const scenarioSchedules = index.scenarios.map((columns, s) => {
    const schedule = readScenario(portfolioCase, columns, s, values);
    objectiveKrw += schedule.schedule.probability * schedule.schedule.objectiveKrw;
    simultaneous += schedule.simultaneous;
    return schedule.schedule;
  });
  const shown = representativeScenario(portfolioCase);
  return {
    objectiveKrw,
    representativeScenario: shown,
    intervals: scenarioSchedules[shown]!.intervals,
    scenarioSchedules,
    simultaneousImportExport: simultaneous,
  };
};

const readScenario = (
  portfolioCase: PortfolioCase,
  columns: ScenarioColumns,
  s: number,
  values: Float64Array,
): { readonly schedule: ScenarioSchedule; readonly simultaneous: number } => {
  const hours = intervalHours(portfolioCase);
  const prices = portfolioCase.scenarios[s]!;
  let revenueKrw = 0;
  let simultaneous = 0;
  const netPositionKw: number[] = [];
  const intervals: IntervalSchedule[] = [];
  for (let t = 0; t < portfolioCase.intervals; t++) {
    const importPrice = prices.importPricesKrwPerKwh[t]!;
    const exportPrice = prices.exportPricesKrwPerKwh[t]!;
    let importKw = 0;
    let exportKw = 0;
    const meters: Record<string, { importKw: number; exportKw: number }> = {};
    for (const meter of columns.meters) {
      let mi = Math.max(0, value(values, meter.importKw[t]!));
      let me = Math.max(0, value(values, meter.exportKw[t]!));
      if (mi > 0 && me > 0) {
        if (importPrice >= exportPrice) {
          const both = Math.min(mi, me);
          mi = cleaned(mi - both);
          me = cleaned(me - both);
        } else simultaneous++;
      }
      meters[meter.siteId] = { importKw: mi, exportKw: me };
      importKw += mi;
      exportKw += me;
      revenueKrw += hours * (exportPrice * me - importPrice * mi);
    }
    const assets: Record<string, AssetInterval> = {};
    portfolioCase.assets.forEach((asset, a) => {
      assets[asset.id] = assetInterval(asset, columns.assets[a]!, t, values);
    });
    netPositionKw.push(exportKw - importKw);
    intervals.push({
      importKw,
      exportKw,
      assets,
      ...(columns.meters.length > 1 ? { meters } : {}),
    });
  }
  let costKrw = 0;
  portfolioCase.assets.forEach((asset, a) => {
    costKrw += assetCostKrw(asset, columns.assets[a]!, intervals, values, hours);
  });
  return {
    schedule: {
      scenario: s,
      probability: prices.probability,
      objectiveKrw: revenueKrw - costKrw,
      revenueKrw,
      costKrw,
      netPositionKw,
      intervals,
    },
    simultaneous,
  };
};

const cleaned = (v: number): number => (Math.abs(v) < VALUE_TOLERANCE ? 0 : v);

const assetInterval = (
  asset: CaseAsset,
  columns: AssetColumns,
  t: number,
  values: Float64Array,
): AssetInterval => {
  switch (columns.kind) {
    case 'ess':
      return {
        chargeKw: value(values, columns.charge[t]!),
        dischargeKw: value(values, columns.discharge[t]!),
        socKwh: values[columns.soc[t]!] ?? 0,
      };
    case 'pv': {
      const forecast = asset.kind === 'pv' ? asset.forecastKw[t]! : 0;
      const column = columns.curtailment[t]!;
      if (column < 0) return { outputKw: forecast };
      const curtailed = value(values, column) * (forecast / columns.curtailableKw[t]!);
      return { outputKw: Math.max(0, cleaned(forecast - curtailed)) };
    }
    case 'load':
      return { consumptionKw: asset.kind === 'load' ? asset.forecastKw[t]! : 0 };
    case 'dr_load': {
      if (columns.active[t]! < 0) return { reductionKw: 0 };
      const reductionKw =
        columns.reduction[t]! >= 0
          ? value(values, columns.reduction[t]!)
          : asset.kind === 'dr_load'
            ? asset.reductionKw * value(values, columns.active[t]!)
            : 0;
      return { reductionKw };
    }
    case 'ev_charger':
      return columns.energy[t]! < 0
        ? { chargeKw: 0, dischargeKw: 0 }
        : {
            chargeKw: value(values, columns.charge[t]!),
            dischargeKw: value(values, columns.discharge[t]!),
            socKwh: values[columns.energy[t]!] ?? 0,
          };
    case 'fuel_cell':
      return { outputKw: value(values, columns.output[t]!) };
  }
};

/** An asset's costs over the horizon, from its dispatch alone. */
const assetCostKrw = (
  asset: CaseAsset,
  columns: AssetColumns,
  intervals: readonly IntervalSchedule[],
  values: Float64Array,
  hours: number,
): number => {
  const at = (t: number): AssetInterval => intervals[t]!.assets[asset.id]!;
  let cost = 0;
  switch (asset.kind) {
    case 'ess':
      for (let t = 0; t < intervals.length; t++)
        cost +=
          hours *
          asset.degradationCostKrwPerKwh *
          ((at(t).chargeKw ?? 0) * asset.chargeEfficiency +
            (at(t).dischargeKw ?? 0) / asset.dischargeEfficiency);
      return cost;
    case 'dr_load': {
      let wasActive = false;
      for (let t = 0; t < intervals.length; t++) {
        const reduction = at(t).reductionKw ?? 0;
        const active = reduction > 0;
        if (active && !wasActive) cost += asset.activationCostKrw;
        wasActive = active;
        cost += hours * asset.energyCostKrwPerKwh * reduction;
      }
      return cost;
    }
    case 'fuel_cell': {
      // Running: the commitment when the model has one (a cell may idle at 0 kW to avoid a
      // restart), otherwise any output.
      const on = columns.kind === 'fuel_cell' ? columns.on : undefined;
      let wasRunning = asset.initialOutputKw > 0;
      for (let t = 0; t < intervals.length; t++) {
        const output = at(t).outputKw ?? 0;
        const column = on?.[t] ?? -1;
        const running = column >= 0 ? value(values, column) > 0.5 : output > 0;
        if (running && !wasRunning) cost += asset.startCostKrw;
        wasRunning = running;
        cost += hours * asset.fuelCostKrwPerKwh * output;
      }
      return cost;
    }
    default:
      return 0;
  }
};
