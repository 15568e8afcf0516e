/**
 * The bid optimiser benchmark (issue 5): the reference instances (../shared/bench/instances,
 * vpp-s/m/l/xl) through solveCase on glpk.js and HiGHS, each in a worker thread as the CLI runs
 * them. Run: `npm run bench:bid`; figures in bench/results/bid.json.
 *
 * Targets (glpk.js): l within 0.5 % of its best known bound in at most 10 s, xl within 0.5 % of
 * its bound in at most 20 s. solveCase decomposes these instances on the portfolio limit
 * (domain/optimisation/portfolio/decomposition/) when the solver reports LP duals (glpk.js); the
 * HiGHS adapter reports none and runs the monolithic model (`<size>_highs_monolithicBecause`). The instances' bestKnown figures come from their .lp files, whose
 * objective coefficients are rounded to 0.01 KRW: they are compared with our proven bound (on the
 * exact objective), not taken as a figure to reach exactly.
 */
import { readFileSync } from 'node:fs';
import { parsePortfolioCase } from '../domain/optimisation/portfolio/case-validation.js';
import { solveCase, type OptimiserResult } from '../domain/optimisation/portfolio/solve-case.js';
import {
  createGlpkSolver,
  createHighsSolver,
} from '../src/infrastructure/solvers/worker-milp-solver.js';
import { type TableRow } from './support/bench-report.js';
import { finishBench } from './support/finish-bench.js';
import { loadAverages, machineFacts } from './support/machine-facts.js';
import { collectGarbage, timeOf } from './support/measure.js';

const INSTANCES = ['s', 'm', 'l', 'xl'] as const;
const ENGINES = ['glpk', 'highs'] as const;
const TIME_LIMIT_SECONDS = 60;
/** Stop gap handed to the optimiser: well inside the 0.5 % the targets ask for. */
const RELATIVE_GAP = 1e-3;
const TARGETS: Readonly<Record<string, { seconds: number; gapPct: number }>> = {
  l: { seconds: 10, gapPct: 0.5 },
  xl: { seconds: 20, gapPct: 0.5 },
};

interface Instance {
  readonly bestKnown: { readonly objective: number; readonly bound: number };
}

const instancePath = (size: string): string =>
  new URL(`../../../shared/bench/instances/vpp-${size}.json`, import.meta.url).pathname;

const main = async (): Promise<void> => {
  const machine = machineFacts();
  const loadBefore = loadAverages();
  console.log(
    `bid benchmark: ${machine.machineCpuModel}, ${machine.machineCores} cores, Node ${machine.nodeVersion}, load ${loadBefore.join(' ')}`,
  );
  const results: Record<string, string | number | boolean> = {
    timeLimitSeconds: TIME_LIMIT_SECONDS,
    relativeGapPct: RELATIVE_GAP * 100,
  };
  const rows: TableRow[] = [];
  for (const size of INSTANCES) {
    const json = JSON.parse(readFileSync(instancePath(size), 'utf8')) as Instance;
    const portfolioCase = parsePortfolioCase(json);
    for (const engine of ENGINES) {
      collectGarbage();
      const solver = engine === 'glpk' ? createGlpkSolver() : createHighsSolver();
      let result: OptimiserResult | undefined;
      let rssMb: number;
      try {
        const timing = await timeOf(async () => {
          result = await solveCase(portfolioCase, solver, {
            timeLimitSeconds: TIME_LIMIT_SECONDS,
            relativeGap: RELATIVE_GAP,
          });
        });
        // The worker's RSS right after the solve: it does not shrink back, so it is its peak.
        rssMb = (await solver.probeMemory()).rssBytes / 2 ** 20;
        const r = result!;
        const key = `${size}_${engine}`;
        // Within the target of the instance's best known bound: our objective against it.
        const gapToBestKnownBoundPct =
          r.objectiveKrw === undefined
            ? undefined
            : (100 * (json.bestKnown.bound - r.objectiveKrw)) / json.bestKnown.bound;
        Object.assign(results, {
          [`${key}_status`]: r.status,
          [`${key}_seconds`]: timing.seconds,
          [`${key}_cpuSeconds`]: timing.cpuSeconds,
          [`${key}_solverSeconds`]: r.solveSeconds,
          [`${key}_rounds`]: r.lazy.rounds.length,
          [`${key}_method`]: r.decomposition === undefined ? 'monolithic' : 'decomposed',
          ...(r.decomposition === undefined
            ? { [`${key}_monolithicBecause`]: r.monolithicBecause ?? 'method' }
            : {
                [`${key}_iterations`]: r.decomposition.iterations,
                [`${key}_uncoupledBoundKrw`]: r.decomposition.uncoupledBoundKrw,
                [`${key}_bindingIntervals`]: r.decomposition.bindingIntervals,
              }),
          [`${key}_peakRssMb`]: rssMb,
          ...(r.objectiveKrw === undefined ? {} : { [`${key}_objectiveKrw`]: r.objectiveKrw }),
          ...(r.boundKrw === undefined ? {} : { [`${key}_boundKrw`]: r.boundKrw }),
          ...(r.gapPct === undefined ? {} : { [`${key}_gapPct`]: r.gapPct }),
          ...(gapToBestKnownBoundPct === undefined
            ? {}
            : { [`${key}_gapToBestKnownBoundPct`]: gapToBestKnownBoundPct }),
          [`${key}_bestKnownBoundKrw`]: json.bestKnown.bound,
        });
        const target = engine === 'glpk' ? TARGETS[size] : undefined;
        if (target !== undefined) {
          const met =
            timing.seconds <= target.seconds &&
            r.gapPct !== undefined &&
            r.gapPct <= target.gapPct &&
            gapToBestKnownBoundPct !== undefined &&
            gapToBestKnownBoundPct <= target.gapPct;
          Object.assign(results, {
            [`${key}_targetSeconds`]: target.seconds,
            [`${key}_targetGapPct`]: target.gapPct,
            [`${key}_met`]: met,
            [`${key}_cpuMet`]: timing.cpuSeconds <= target.seconds,
          });
        }
        const label = `${size} ${engine}`;
        rows.push(
          {
            label: `${label}: wall seconds (${r.status})`,
            value: timing.seconds,
            unit: 's',
            ...(target === undefined ? {} : { targetAtMost: target.seconds }),
          },
          {
            label: `${label}: CPU seconds (all threads)`,
            value: timing.cpuSeconds,
            unit: 's',
            ...(target === undefined ? {} : { targetAtMost: target.seconds }),
          },
          { label: `${label}: objective`, value: r.objectiveKrw ?? NaN, unit: 'KRW' },
          { label: `${label}: proven bound`, value: r.boundKrw ?? NaN, unit: 'KRW' },
          {
            label: `${label}: gap to own bound`,
            value: r.gapPct ?? NaN,
            unit: '%',
            ...(target === undefined ? {} : { targetAtMost: target.gapPct }),
          },
          {
            label: `${label}: below best known bound`,
            value: gapToBestKnownBoundPct ?? NaN,
            unit: '%',
            ...(target === undefined ? {} : { targetAtMost: target.gapPct }),
          },
          { label: `${label}: worker RSS`, value: rssMb, unit: 'MB' },
        );
        console.log(
          `  ${label} (${r.decomposition === undefined ? 'monolithic' : `decomposed, ${r.decomposition.iterations} iterations`}): ${r.status} ${r.objectiveKrw?.toFixed(2)} bound ${r.boundKrw?.toFixed(2)} in ${timing.seconds.toFixed(2)} s (CPU ${timing.cpuSeconds.toFixed(2)} s), load ${loadAverages().join(' ')}`,
        );
      } finally {
        await solver.close();
      }
    }
  }
  finishBench('bid', rows, results, machine, loadBefore);
};

await main();
