/**
 * The scale benchmark of issue 7: `gridfolio simulate` over 30 trading days for a seeded
 * 1,000-DER portfolio (--portfolio scale-1000), target at most 10 minutes, with the wall and CPU
 * time of each stage: forecast (PV and load issued at D-1 09:00), bid (scenarios, case, solve or
 * rule, draft), clearing (submission to the simulated KPX, clearing, awards) and delivery (the
 * twin). A stage's time is what passes between the end of the step before it and its own end.
 * The run stops when --max-minutes pass (the solver is closed under the running solve): the
 * figures then cover what was done and say where it stood.
 * Run: `npm run bench:simulate` (`-- --days N --ders N --strategy S --max-minutes M`); figures
 * in bench/results/simulate.json (simulate-<strategy>.json for a rule strategy).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config/app-config.js';
import { createGlpkSolver } from '../src/infrastructure/solvers/worker-milp-solver.js';
import { runSimulate } from '../src/simulation/simulate.cli.js';
import type { StepReport } from '../src/simulation/simulation.service.js';
import type { SimulationSummary } from '../src/simulation/simulation-summary.js';
import { formatTable, type BenchResults } from './support/bench-report.js';
import { writeBenchResults } from './support/finish-bench.js';
import { loadAverages, machineFacts } from './support/machine-facts.js';

const TARGET_SECONDS = 600;
const STAGES = ['forecast', 'bid', 'clearing', 'delivery'] as const;
type Stage = (typeof STAGES)[number];
const STAGE_OF: Readonly<Record<StepReport['step'], Stage>> = {
  forecast: 'forecast',
  bid: 'bid',
  submit: 'clearing',
  results: 'clearing',
  deliver: 'delivery',
};

interface Mark {
  readonly wallMs: number;
  readonly cpu: NodeJS.CpuUsage;
}
const mark = (): Mark => ({ wallMs: performance.now(), cpu: process.cpuUsage() });
const cpuSecondsBetween = (a: Mark, b: Mark): number =>
  (b.cpu.user - a.cpu.user + b.cpu.system - a.cpu.system) / 1e6;

const round = (value: number, digits = 2): number => Number(value.toFixed(digits));

const main = async (): Promise<void> => {
  const { values } = parseArgs({
    options: {
      days: { type: 'string', default: '30' },
      ders: { type: 'string', default: '1000' },
      from: { type: 'string', default: '2024-06-03' },
      seed: { type: 'string', default: 'gridfolio' },
      strategy: { type: 'string', default: 'optimised' },
      'max-minutes': { type: 'string', default: '10' },
    },
  });
  const machine = machineFacts();
  const loadBefore = loadAverages();
  console.log(
    `simulate benchmark: ${values.days} days, scale-${values.ders}, strategy ${values.strategy}; ` +
      `${machine.machineCpuModel}, ${machine.machineCores} cores, Node ${machine.nodeVersion}, load ${loadBefore.join(' ')}`,
  );
  const store = mkdtempSync(join(tmpdir(), 'gridfolio-simulate-bench-'));
  const solver = createGlpkSolver();
  const wall: Record<Stage, number> = { forecast: 0, bid: 0, clearing: 0, delivery: 0 };
  const cpu: Record<Stage, number> = { forecast: 0, bid: 0, clearing: 0, delivery: 0 };
  const counts: Record<Stage, number> = { forecast: 0, bid: 0, clearing: 0, delivery: 0 };
  const start = mark();
  let ready: Mark | undefined;
  let last = start;
  let lastStep: StepReport | undefined;
  let out = '';
  let err = '';
  let stoppedBy: string | undefined;
  const cap = setTimeout(
    () => {
      stoppedBy = `--max-minutes ${values['max-minutes']}`;
      void solver.close();
    },
    Number(values['max-minutes']) * 60_000,
  );
  try {
    const code = await runSimulate(
      [
        '--days',
        values.days,
        '--from',
        values.from,
        '--seed',
        values.seed,
        '--strategy',
        values.strategy,
        '--portfolio',
        `scale-${values.ders}`,
        '--store',
        store,
        '--json',
      ],
      { out: (text) => (out += text), err: (text) => (err += text), env: process.env },
      loadConfig(process.env),
      {
        solver,
        progress: { write: () => undefined, isTty: false },
        onReady: () => {
          ready = mark();
          last = ready;
        },
        onStep: (report) => {
          const now = mark();
          const stage = STAGE_OF[report.step];
          wall[stage] += (now.wallMs - last.wallMs) / 1000;
          cpu[stage] += cpuSecondsBetween(last, now);
          if (report.step !== 'submit') counts[stage]++;
          last = now;
          lastStep = report;
        },
      },
    );
    if (code !== 0) throw new Error(`simulate exited ${code}: ${err}`);
  } catch (error) {
    stoppedBy ??= error instanceof Error ? error.message : String(error);
  } finally {
    clearTimeout(cap);
    await solver.close();
    rmSync(store, { recursive: true, force: true });
  }
  const end = mark();
  // A stopped run was inside the stage after its last step: that time counts there.
  const unfinished: Stage | undefined =
    stoppedBy === undefined || ready === undefined
      ? undefined
      : lastStep === undefined || lastStep.step === 'deliver'
        ? 'forecast'
        : lastStep.step === 'forecast'
          ? 'bid'
          : lastStep.step === 'results'
            ? 'delivery'
            : 'clearing';
  if (unfinished !== undefined) {
    wall[unfinished] += (end.wallMs - last.wallMs) / 1000;
    cpu[unfinished] += cpuSecondsBetween(last, end);
  }
  const totalSeconds = (end.wallMs - start.wallMs) / 1000;
  const setupSeconds = ready === undefined ? totalSeconds : (ready.wallMs - start.wallMs) / 1000;
  const summary = out === '' ? undefined : (JSON.parse(out) as SimulationSummary);
  const done = stoppedBy === undefined;
  const results: BenchResults = {
    days: Number(values.days),
    ders: Number(values.ders),
    strategy: values.strategy,
    from: values.from,
    seed: values.seed,
    completed: done,
    ...(done
      ? {}
      : {
          stoppedBy: stoppedBy ?? '',
          lastStepDone: lastStep === undefined ? '-' : `${lastStep.day} ${lastStep.step}`,
          stoppedInStage: unfinished ?? 'setup',
        }),
    daysDelivered: summary?.total.daysDelivered ?? counts.delivery,
    bidsMade: counts.bid,
    totalSeconds: round(totalSeconds),
    totalCpuSeconds: round(cpuSecondsBetween(start, end)),
    setupSeconds: round(setupSeconds),
    forecastSeconds: round(wall.forecast),
    bidSeconds: round(wall.bid),
    clearingSeconds: round(wall.clearing),
    deliverySeconds: round(wall.delivery),
    forecastCpuSeconds: round(cpu.forecast),
    bidCpuSeconds: round(cpu.bid),
    clearingCpuSeconds: round(cpu.clearing),
    deliveryCpuSeconds: round(cpu.delivery),
    targetSeconds: TARGET_SECONDS,
    ...(summary === undefined
      ? {}
      : { revenueKrw: summary.total.revenueKrw, netKrw: summary.total.netKrw ?? 0 }),
  };
  console.log(
    formatTable([
      {
        label: `${values.days} days, ${values.ders} DERs`,
        value: round(totalSeconds),
        unit: 's',
        targetAtMost: TARGET_SECONDS,
      },
      { label: 'setup (fixture, app)', value: round(setupSeconds), unit: 's' },
      ...STAGES.map((stage) => ({
        label: `${stage} (${counts[stage]} done, CPU ${round(cpu[stage])} s)`,
        value: round(wall[stage]),
        unit: 's',
      })),
    ]),
  );
  if (!done)
    console.log(`stopped: ${stoppedBy ?? ''}; last step done: ${String(results['lastStepDone'])}`);
  // The optimised run is the benchmark; a rule's run (for the other stages' figures) keeps its own file.
  const name = values.strategy === 'optimised' ? 'simulate' : `simulate-${values.strategy}`;
  console.log(`results: ${writeBenchResults(name, results, machine, loadBefore)}`);
};

await main();
