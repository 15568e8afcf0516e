import { buildPortfolioModel } from '../build-portfolio-model.js';
import { BinaryPlan, binaryKey, type DrWindowChoice } from '../model-context.js';
import type { PortfolioCase } from '../portfolio-case.js';
import { readSchedule, type PortfolioSchedule } from '../read-schedule.js';
import { satisfies } from '../repair-rounding.js';
import type { CoupledPortfolio } from './coupled-portfolio.js';
import type { DecomposedPrimal } from './primal-repair.js';

/**
 * A decomposed schedule written into the columns of the monolithic model (demand response
 * restricted to the chosen windows), checked there row by row and bound by bound, and read back
 * with `readSchedule`: the same schedule, objective and checks as the monolithic path reports.
 * Undefined when the check fails (the caller then solves the monolithic model).
 */
export const scheduleInFullModel = (
  portfolioCase: PortfolioCase,
  portfolio: CoupledPortfolio,
  primal: DecomposedPrimal,
  tieBreakKrwPerKwh: number,
): { schedule: PortfolioSchedule; maxTieBreakPenaltyKrw: number } | undefined => {
  const choices = new Map<string, DrWindowChoice>();
  portfolio.demandResponse.forEach((block, d) =>
    choices.set(binaryKey('dr', block.asset.id, 0), primal.demandResponse[d] ?? null),
  );
  const { model, index } = buildPortfolioModel(portfolioCase, {
    binaries: new BinaryPlan().restrictedTo(choices),
    tieBreakKrwPerKwh,
  });
  const columns = index.scenarios[0]!;
  const values = new Float64Array(model.variables.names.length);
  const intervals = portfolioCase.intervals;
  const siteNet = portfolioCase.sites.map(() => new Float64Array(intervals));
  const siteOf = new Map(portfolioCase.sites.map((site, m) => [site.id, m]));
  const curtailed = new Set<number>();
  let battery = 0;
  let load = 0;
  for (const [a, asset] of portfolioCase.assets.entries()) {
    const net = siteNet[siteOf.get(asset.siteId)!]!;
    const assetColumns = columns.assets[a]!;
    if (asset.kind === 'ess' && assetColumns.kind === 'ess') {
      const schedule = primal.batteries[battery++]!;
      for (let t = 0; t < intervals; t++) {
        values[assetColumns.charge[t]!] = schedule.chargeKw[t]!;
        values[assetColumns.discharge[t]!] = schedule.dischargeKw[t]!;
        values[assetColumns.soc[t]!] = schedule.socKwh[t]!;
        net[t] = net[t]! + schedule.dischargeKw[t]! - schedule.chargeKw[t]!;
      }
    } else if (asset.kind === 'pv' && assetColumns.kind === 'pv') {
      for (let t = 0; t < intervals; t++) {
        net[t] = net[t]! + asset.forecastKw[t]!;
        const column = assetColumns.curtailment[t]!;
        if (column < 0 || curtailed.has(column)) continue;
        // The site's curtailable plants share one column: its share of the total curtailment.
        curtailed.add(column);
        const total = portfolio.curtailableKw[t]!;
        const share = total > 0 ? assetColumns.curtailableKw[t]! / total : 0;
        const kw = share * Math.max(0, total - primal.pvKw[t]!);
        values[column] = kw;
        net[t] = net[t]! - kw;
      }
    } else if (asset.kind === 'load') {
      for (let t = 0; t < intervals; t++) net[t] = net[t]! - asset.forecastKw[t]!;
    } else if (asset.kind === 'dr_load' && assetColumns.kind === 'dr_load') {
      const window = primal.demandResponse[load++] ?? null;
      if (window === null) continue;
      for (const column of assetColumns.windows) values[column.column] = 1;
      for (let t = window.start; t < window.start + window.length; t++) {
        values[assetColumns.active[t]!] = 1;
        net[t] = net[t]! + asset.reductionKw;
      }
    } else return undefined;
  }
  for (let t = 0; t < intervals; t++) {
    let total = 0;
    columns.meters.forEach((meter, m) => {
      const net = siteNet[m]![t]!;
      values[meter.exportKw[t]!] = Math.max(0, net);
      values[meter.importKw[t]!] = Math.max(0, -net);
      total += net;
    });
    values[columns.net[t]!] = total;
  }
  if (!satisfies(model, values)) return undefined;
  return {
    schedule: readSchedule(portfolioCase, index, values),
    maxTieBreakPenaltyKrw: index.maxTieBreakPenaltyKrw,
  };
};
