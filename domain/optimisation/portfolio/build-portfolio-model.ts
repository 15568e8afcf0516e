import { MilpModelBuilder, type MilpModel } from '../milp-model.js';
import { addDrLoad } from './dr.model.js';
import { addEss } from './ess.model.js';
import { addEvCharger } from './ev.model.js';
import { addFuelCell } from './fuel-cell.model.js';
import { addLoad } from './load.model.js';
import { addMeter, addPortfolioPosition } from './meter.model.js';
import { BinaryPlan, columnName, MeterFlows, type PieceContext } from './model-context.js';
import { defaultTieBreakKrwPerKwh, maxTieBreakPenaltyKrw } from './objective.js';
import {
  intervalHours,
  type CaseAsset,
  type PortfolioCase,
  type PvAsset,
} from './portfolio-case.js';
import type {
  AssetColumns,
  PortfolioIndex,
  PvColumns,
  ScenarioColumns,
} from './portfolio-index.js';
import { addPvPlants } from './pv.model.js';
import { addScenarioLinks } from './scenario-linking.js';

export interface BuildPortfolioOptions {
  /** Which mode / integrality groups get binaries; default none (see lazy-binaries.ts). */
  readonly binaries?: BinaryPlan;
  /** Default `defaultTieBreakKrwPerKwh(case)`; 0 disables the tie-break. */
  readonly tieBreakKrwPerKwh?: number;
  /**
   * Power fixed outside the model at a meter in a scenario, kW towards the grid per interval
   * (for example DERs already dispatched, see aggregation/rebalance.ts); none by default.
   */
  readonly fixedInjectionKw?: (siteId: string, scenario: number) => Float64Array | undefined;
  /**
   * When set, each fixed injection may be missed, by up to its own size either way, at this price
   * (KRW/kWh, probability-weighted like revenue): the model is then not infeasible for their
   * sake, and its optimum misses them as little as its LP allows. Nobody delivers what is
   * missed: a caller reports it.
   */
  readonly fixedInjectionMissKrwPerKwh?: number;
}

/** Units of the row families, for infeasibility diagnoses. */
const FAMILY_UNITS: Readonly<Record<string, string>> = {
  soc_balance: 'kWh',
  ess_final_soc: 'kWh',
  ev_energy_balance: 'kWh',
  ev_departure_energy: 'kWh',
  meter_balance: 'kW',
  net_position_def: 'kW',
  community_export: 'kW',
  bid_monotone: 'kW',
  fc_ramp: 'kW',
  fc_ramp_up: 'kW',
  fc_ramp_down: 'kW',
};

/**
 * The portfolio's day-ahead schedule as a MILP (maximise): per scenario, every asset's piece,
 * the meters and the portfolio's net position; then the links between scenarios. Pure: the same
 * case and options give the same model. `index` maps the columns back to quantities
 * (read-schedule.ts).
 */
export const buildPortfolioModel = (
  portfolioCase: PortfolioCase,
  options: BuildPortfolioOptions = {},
): { readonly model: MilpModel; readonly index: PortfolioIndex } => {
  const builder = new MilpModelBuilder('max', { familyUnits: FAMILY_UNITS });
  const binaries = options.binaries ?? new BinaryPlan();
  const tieBreakKrwPerKwh = options.tieBreakKrwPerKwh ?? defaultTieBreakKrwPerKwh(portfolioCase);
  const hours = intervalHours(portfolioCase);
  const scenarios: ScenarioColumns[] = portfolioCase.scenarios.map((scenario, s) => {
    const flows = new Map(
      portfolioCase.sites.map((site) => [site.id, new MeterFlows(portfolioCase.intervals)]),
    );
    const context = (asset: CaseAsset): PieceContext => ({
      builder,
      portfolioCase,
      hours,
      intervals: portfolioCase.intervals,
      scenario: s,
      weight: scenario.probability,
      tieBreakKrwPerKwh,
      binaries,
      flows: flows.get(asset.siteId)!,
    });
    const pv = new Map<string, PvColumns>();
    for (const site of portfolioCase.sites) {
      const plants = portfolioCase.assets.filter(
        (asset): asset is PvAsset => asset.kind === 'pv' && asset.siteId === site.id,
      );
      if (plants.length === 0) continue;
      const siteContext = { ...context(plants[0]!) };
      for (const [id, columns] of addPvPlants(siteContext, site.id, plants)) pv.set(id, columns);
    }
    const assets = portfolioCase.assets.map((asset) =>
      asset.kind === 'pv' ? pv.get(asset.id)! : addAsset(context(asset), asset),
    );
    for (const site of portfolioCase.sites) {
      const injectionKw = options.fixedInjectionKw?.(site.id, s);
      if (injectionKw === undefined) continue;
      const siteFlows = flows.get(site.id)!;
      for (let t = 0; t < portfolioCase.intervals; t++) {
        siteFlows.addConstant(t, injectionKw[t]!);
        const missKrwPerKwh = options.fixedInjectionMissKrwPerKwh;
        const scaleKw = Math.abs(injectionKw[t]!);
        if (missKrwPerKwh === undefined || scaleKw === 0) continue;
        for (const [family, sign] of [
          ['injection_short', -1],
          ['injection_over', 1],
        ] as const) {
          const miss = builder.addVariable({
            name: columnName(family, site.id, t, s),
            upper: scaleKw,
            objective: -scenario.probability * hours * missKrwPerKwh,
          });
          siteFlows.addVariable(
            t,
            miss,
            sign,
            Math.min(0, sign * scaleKw),
            Math.max(0, sign * scaleKw),
          );
        }
      }
    }
    const meters = portfolioCase.sites.map((site, m) =>
      addMeter(
        builder,
        portfolioCase,
        m,
        flows.get(site.id)!,
        s,
        scenario.probability,
        hours,
        binaries,
      ),
    );
    const net = addPortfolioPosition(builder, portfolioCase, meters, s);
    return { assets, meters, net };
  });
  addScenarioLinks(
    builder,
    portfolioCase,
    scenarios.map((scenario) => scenario.net),
  );
  const model = builder.build();
  let binaryCount = 0;
  for (const kind of model.variables.kinds) if (kind !== 0) binaryCount++;
  return {
    model,
    index: {
      scenarios,
      tieBreakKrwPerKwh,
      maxTieBreakPenaltyKrw: maxTieBreakPenaltyKrw(portfolioCase, tieBreakKrwPerKwh),
      binaryCount,
    },
  };
};

const addAsset = (context: PieceContext, asset: Exclude<CaseAsset, PvAsset>): AssetColumns => {
  switch (asset.kind) {
    case 'ess':
      return addEss(context, asset);
    case 'load':
      return addLoad(context, asset);
    case 'dr_load':
      return addDrLoad(context, asset);
    case 'ev_charger':
      return addEvCharger(context, asset);
    case 'fuel_cell':
      return addFuelCell(context, asset);
  }
};
