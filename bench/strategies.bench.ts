/**
 * The optimised bids against two simple strategies (issue 7): `gridfolio simulate` on the same
 * days, seed and data with --strategy optimised, pv-as-forecast and fixed-rule, each into its
 * own store, deviations valued at |deviation| x SMP x the penalty factor. The optimised bids must
 * earn more net of the penalty than both. Run: `npm run bench:strategies` (`-- --days N`,
 * `-- --penalty-factor F`); figures in bench/results/strategies.json.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { BidStrategy } from '../domain/bidding/strategies/bid-strategy.js';
import { loadConfig } from '../src/config/app-config.js';
import { runSimulate, SIMULATE_DEFAULTS } from '../src/simulation/simulate.cli.js';
import type { SimulationSummary } from '../src/simulation/simulation-summary.js';
import { writeBenchResults } from './support/finish-bench.js';
import { loadAverages, machineFacts } from './support/machine-facts.js';
import { timeOf, type Timing } from './support/measure.js';

const STRATEGIES: readonly { readonly strategy: BidStrategy; readonly key: string }[] = [
  { strategy: 'optimised', key: 'optimised' },
  { strategy: 'pv-as-forecast', key: 'pvAsForecast' },
  { strategy: 'fixed-rule', key: 'fixedRule' },
];

interface StrategyRun {
  readonly summary: SimulationSummary;
  readonly timing: Timing;
}

/** One strategy's run into a fresh store of its own; the summary it prints as JSON. */
const runStrategy = async (
  strategy: BidStrategy,
  args: readonly string[],
): Promise<StrategyRun> => {
  const store = mkdtempSync(join(tmpdir(), `gridfolio-strategies-${strategy}-`));
  let out = '';
  let err = '';
  try {
    const timing = await timeOf(async () => {
      const code = await runSimulate(
        [...args, '--strategy', strategy, '--store', store, '--json'],
        { out: (text) => (out += text), err: (text) => (err += text), env: process.env },
        loadConfig(process.env),
        { progress: { write: () => undefined, isTty: false } },
      );
      if (code !== 0) throw new Error(`simulate --strategy ${strategy} exited ${code}: ${err}`);
    });
    return { summary: JSON.parse(out) as SimulationSummary, timing };
  } finally {
    rmSync(store, { recursive: true, force: true });
  }
};

const krw = (value: number | null): string =>
  value === null ? '-' : Math.round(value).toLocaleString('en-US');

const table = (runs: readonly (StrategyRun & { readonly strategy: string })[]): string => {
  const header =
    '| strategy | awarded kWh | revenue KRW | deviation kWh | penalty KRW | net KRW | wall s | CPU s |';
  const rule = '|---|---:|---:|---:|---:|---:|---:|---:|';
  const rows = runs.map(({ strategy, summary: { total: t }, timing }) =>
    [
      strategy,
      Math.round(t.awardedSellKwh - t.awardedBuyKwh).toLocaleString('en-US'),
      krw(t.revenueKrw),
      Math.round(t.deviationKwh ?? 0).toLocaleString('en-US'),
      krw(t.penaltyKrw),
      krw(t.netKrw),
      timing.seconds.toFixed(1),
      timing.cpuSeconds.toFixed(1),
    ].join(' | '),
  );
  return [header, rule, ...rows.map((r) => `| ${r} |`)].join('\n');
};

const main = async (): Promise<void> => {
  const { values } = parseArgs({
    options: {
      days: { type: 'string', default: String(SIMULATE_DEFAULTS.days) },
      from: { type: 'string', default: SIMULATE_DEFAULTS.from },
      seed: { type: 'string', default: SIMULATE_DEFAULTS.seed },
      'penalty-factor': { type: 'string' },
    },
  });
  const args = ['--days', values.days, '--from', values.from, '--seed', values.seed];
  if (values['penalty-factor'] !== undefined)
    args.push('--penalty-factor', values['penalty-factor']);
  const machine = machineFacts();
  const loadBefore = loadAverages();
  console.log(
    `strategies benchmark: ${values.days} days from ${values.from}, seed ${values.seed}; ` +
      `${machine.machineCpuModel}, ${machine.machineCores} cores, Node ${machine.nodeVersion}, load ${loadBefore.join(' ')}`,
  );
  const runs = [];
  for (const { strategy, key } of STRATEGIES) {
    const run = await runStrategy(strategy, args);
    runs.push({ strategy, key, ...run });
    console.log(`  ${strategy}: net ${krw(run.summary.total.netKrw)} KRW`);
  }
  const factor = runs[0]?.summary.deviationPenaltySmpFactor ?? 0;
  console.log(`\ndeviation penalty: |deviation| kWh x SMP x ${factor}\n`);
  console.log(table(runs));

  const results: Record<string, string | number | boolean> = {
    days: Number(values.days),
    from: values.from,
    seed: values.seed,
    market: 'mainland',
    deviationPenaltySmpFactor: factor,
  };
  for (const { key, summary, timing } of runs) {
    const t = summary.total;
    results[`${key}_awardedNetKwh`] =
      Math.round((t.awardedSellKwh - t.awardedBuyKwh) * 1000) / 1000;
    results[`${key}_revenueKrw`] = t.revenueKrw;
    results[`${key}_deviationKwh`] = t.deviationKwh ?? 0;
    results[`${key}_penaltyKrw`] = t.penaltyKrw ?? 0;
    results[`${key}_netKrw`] = t.netKrw ?? 0;
    results[`${key}_daysBid`] = t.daysBid;
    results[`${key}_wallSeconds`] = Math.round(timing.seconds * 100) / 100;
    results[`${key}_cpuSeconds`] = Math.round(timing.cpuSeconds * 100) / 100;
  }
  const net = (key: string): number => Number(results[`${key}_netKrw`]);
  for (const other of ['pvAsForecast', 'fixedRule']) {
    const name = `${other.charAt(0).toUpperCase()}${other.slice(1)}`;
    const over = net('optimised') - net(other);
    results[`optimisedOver${name}Krw`] = over;
    results[`optimisedOver${name}Pct`] =
      net(other) === 0 ? 0 : Math.round((over / Math.abs(net(other))) * 10_000) / 100;
  }
  const wins =
    Number(results['optimisedOverPvAsForecastKrw']) > 0 &&
    Number(results['optimisedOverFixedRuleKrw']) > 0;
  results['optimisedEarnsMostNet'] = wins;
  console.log(
    `\noptimised over pv-as-forecast: ${krw(Number(results['optimisedOverPvAsForecastKrw']))} KRW ` +
      `(${String(results['optimisedOverPvAsForecastPct'])} %); over fixed-rule: ` +
      `${krw(Number(results['optimisedOverFixedRuleKrw']))} KRW (${String(results['optimisedOverFixedRulePct'])} %): ` +
      (wins ? 'PASS' : 'MISS'),
  );
  console.log(`results: ${writeBenchResults('strategies', results, machine, loadBefore)}`);
};

await main();
