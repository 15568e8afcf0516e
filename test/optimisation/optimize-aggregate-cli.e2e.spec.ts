import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateMixedPortfolio } from '../../bench/bid-portfolio/mixed-portfolio.js';
import { runGridfolio } from '../support/run-gridfolio.js';

interface AggregatedCliResult {
  readonly status: string;
  readonly method: string;
  readonly objectiveKrw: number;
  readonly boundKrw: number;
  readonly gapPct: number;
  readonly feasible: boolean;
  readonly intervals: readonly {
    readonly importKw: number;
    readonly exportKw: number;
    readonly assets: Readonly<Record<string, Record<string, number>>>;
  }[];
  readonly scenarioSchedules: readonly { readonly netPositionKw: readonly number[] }[];
  readonly bidCurves: readonly unknown[];
  readonly aggregation: {
    readonly ders: number;
    readonly groups: number;
    readonly perDerViolations: number;
    readonly portfolioViolations: readonly string[];
  };
}

// `gridfolio optimize --aggregate` through the real CLI, on the bench's seeded mixed portfolio.
describe('gridfolio optimize --aggregate', () => {
  let dir: string;
  let file: string;
  // Hourly, so that the two runs stay quick.
  const portfolio = generateMixedPortfolio({
    ders: 60,
    seed: 'cli-aggregate',
    intervals: 24,
    intervalMinutes: 60,
  });

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'gridfolio-optimize-aggregate-'));
    file = join(dir, 'portfolio.json');
    writeFileSync(file, JSON.stringify(portfolio));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("prints every DER's setpoints, the bound and the checks", async () => {
    const run = await runGridfolio(['optimize', '--file', file, '--aggregate'], {});
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as AggregatedCliResult;
    expect(json.method).toBe('aggregated');
    expect(['optimal', 'feasible']).toContain(json.status);
    // A schedule that keeps every limit is worth at most the proven bound.
    if (json.feasible) expect(json.boundKrw).toBeGreaterThanOrEqual(json.objectiveKrw);
    expect(json.aggregation.ders).toBe(60);
    expect(json.aggregation.groups).toBeLessThan(60);
    expect(json.aggregation.perDerViolations).toBe(0);
    expect(json.feasible).toBe(json.aggregation.portfolioViolations.length === 0);
    expect(json.scenarioSchedules).toHaveLength(portfolio.priceScenarios.length);
    expect(json.bidCurves.length).toBeGreaterThan(0);
    expect(json.intervals).toHaveLength(24);
    for (const interval of json.intervals)
      expect(Object.keys(interval.assets).sort()).toEqual(portfolio.assets.map((a) => a.id).sort());
    // Every battery's state of charge stays within its own bounds.
    for (const asset of portfolio.assets) {
      if (asset.kind !== 'ess') continue;
      for (const interval of json.intervals) {
        const soc = interval.assets[asset.id]!.socKwh!;
        expect(soc).toBeGreaterThanOrEqual(asset.minSocKwh - 1e-6);
        expect(soc).toBeLessThanOrEqual(asset.maxSocKwh + 1e-6);
      }
    }
  }, 120_000);

  it('leaves the setpoints out with --summary, and refuses --summary alone', async () => {
    const run = await runGridfolio(['optimize', '--file', file, '--aggregate', '--summary'], {});
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as AggregatedCliResult;
    expect(json.intervals).toHaveLength(24);
    for (const interval of json.intervals) expect(interval.assets).toEqual({});
    const alone = await runGridfolio(['optimize', '--file', file, '--summary'], {});
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain('--summary');
  }, 120_000);

  it('answers an infeasible case with exit code 3 and a diagnosis naming the virtual asset', async () => {
    // A fixed 500 kW load behind a 100 kW import limit: nothing can cover the rest.
    const infeasible = join(dir, 'infeasible.json');
    writeFileSync(
      infeasible,
      JSON.stringify({
        intervalMinutes: 60,
        importPricesKrwPerKwh: [100, 120, 90],
        exportPricesKrwPerKwh: [100, 120, 90],
        gridImportLimitKw: 100,
        assets: [{ id: 'plant', kind: 'load', forecastKw: [50, 500, 50] }],
      }),
    );
    const run = await runGridfolio(['optimize', '--file', infeasible, '--aggregate'], {});
    expect(run.code).toBe(3);
    const json = JSON.parse(run.stdout) as {
      status: string;
      diagnosis?: { outcome: string; summary: string };
    };
    expect(json.status).toBe('infeasible');
    expect(json.diagnosis?.outcome).toBe('found');
    expect(json.diagnosis?.summary).toMatch(/net_position|meter/);
  });
});
