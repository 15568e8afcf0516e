import { milpPortfolioName, type MilpModelBuilder } from '../milp-model.js';
import type { PortfolioCase } from './portfolio-case.js';
import type { MeterColumns } from './portfolio-index.js';
import { columnName, noColumns, type BinaryPlan, type MeterFlows } from './model-context.js';

/**
 * A meter (site): import i(t) and export e(t), both >= 0, with e(t) - i(t) = the net power of the
 * assets behind it. Each is bounded by the site's limit and by what the assets could ever push
 * or draw in that interval, which keeps the big-M of the mode binary tight.
 *
 * Import and export are never both non-zero. With the import price at or above the export price
 * both at once cannot pay, and a solution that has both anyway is netted afterwards at no loss
 * (read-schedule.ts); only where the export price is above the import price could a relaxation
 * gain by both, and there the plan adds the mode binary (e <= E b, i <= I (1 - b)).
 */
export const addMeter = (
  builder: MilpModelBuilder,
  portfolioCase: PortfolioCase,
  siteIndex: number,
  flows: MeterFlows,
  scenario: number,
  weight: number,
  hours: number,
  binaries: BinaryPlan,
): MeterColumns => {
  const site = portfolioCase.sites[siteIndex]!;
  const prices = portfolioCase.scenarios[scenario]!;
  const intervals = portfolioCase.intervals;
  const importKw = noColumns(intervals);
  const exportKw = noColumns(intervals);
  const mode = noColumns(intervals);
  for (let t = 0; t < intervals; t++) {
    const name = (family: string) => columnName(family, site.id, t, scenario);
    const importMax = Math.min(site.importLimitKw ?? Infinity, Math.max(0, -flows.minNetKw[t]!));
    const exportMax = Math.min(site.exportLimitKw ?? Infinity, Math.max(0, flows.maxNetKw[t]!));
    const i = builder.addVariable({
      name: name('meter_import'),
      upper: importMax,
      objective: -weight * hours * prices.importPricesKrwPerKwh[t]!,
    });
    const e = builder.addVariable({
      name: name('meter_export'),
      upper: exportMax,
      objective: weight * hours * prices.exportPricesKrwPerKwh[t]!,
    });
    importKw[t] = i;
    exportKw[t] = e;
    builder.addConstraint(
      name('meter_balance'),
      [[e, 1], [i, -1], ...flows.terms[t]!.map(([v, c]): [number, number] => [v, -c])],
      { eq: flows.constant[t]! },
    );
    if (binaries.has('meter', site.id, scenario, t) && importMax > 0 && exportMax > 0) {
      const b = builder.addVariable({ name: name('meter_mode'), kind: 'binary' });
      mode[t] = b;
      builder.addConstraint(
        name('meter_export_mode'),
        [
          [e, 1],
          [b, -exportMax],
        ],
        { le: 0 },
      );
      builder.addConstraint(
        name('meter_import_mode'),
        [
          [i, 1],
          [b, importMax],
        ],
        {
          le: importMax,
        },
      );
    }
  }
  return { siteId: site.id, importKw, exportKw, mode };
};

/**
 * The portfolio's net position per interval, net(t) = sum over meters of e - i, within
 * [-gridImportLimitKw, gridExportLimitKw]; and each community's net export within its limit.
 */
export const addPortfolioPosition = (
  builder: MilpModelBuilder,
  portfolioCase: PortfolioCase,
  meters: readonly MeterColumns[],
  scenario: number,
): Int32Array => {
  const net = noColumns(portfolioCase.intervals);
  for (let t = 0; t < portfolioCase.intervals; t++) {
    const n = builder.addVariable({
      name: milpPortfolioName('net_position', `t${t}`, `s${scenario}`),
      lower: -(portfolioCase.gridImportLimitKw ?? Infinity),
      upper: portfolioCase.gridExportLimitKw ?? Infinity,
    });
    net[t] = n;
    builder.addConstraint(
      milpPortfolioName('net_position_def', `t${t}`, `s${scenario}`),
      [[n, 1], ...meterNetTerms(meters, t, -1)],
      { eq: 0 },
    );
    for (const community of portfolioCase.communities) {
      const members = meters.filter((_, m) => portfolioCase.sites[m]!.communityId === community.id);
      if (members.length === 0) continue;
      builder.addConstraint(
        columnName('community_export', community.id, t, scenario),
        meterNetTerms(members, t, 1),
        { le: community.exportLimitKw },
      );
    }
  }
  return net;
};

const meterNetTerms = (
  meters: readonly MeterColumns[],
  t: number,
  sign: number,
): [number, number][] =>
  meters.flatMap((meter): [number, number][] => [
    [meter.exportKw[t]!, sign],
    [meter.importKw[t]!, -sign],
  ]);
