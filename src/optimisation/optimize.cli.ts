import { parsePortfolioCase } from '../../domain/optimisation/portfolio/case-validation.js';
import { solveCase, type OptimiserResult } from '../../domain/optimisation/portfolio/solve-case.js';
import { isDomainError, type DomainError } from '../../domain/shared/domain-error.js';
import { CliUsageError, parseCliArgs, toJson } from '../cli/cli-args.js';
import { EXIT, type CliCommand } from '../cli/cli-command.js';
import { readJsonObjectFile } from '../cli/read-json-file.js';
import { optimizeAggregated } from './optimize-aggregated.js';
import {
  createGlpkSolver,
  createHighsSolver,
} from '../infrastructure/solvers/worker-milp-solver.js';

/** Exit code of a case proven infeasible (the diagnosis is in the printed JSON). */
export const EXIT_INFEASIBLE = 3;

const positiveNumber = (value: string | undefined, flag: string): number | undefined => {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!(Number.isFinite(parsed) && parsed > 0))
    throw new CliUsageError(`${flag} expects a positive number, got ${JSON.stringify(value)}`);
  return parsed;
};

const gapFraction = (value: string | undefined): number | undefined => {
  if (value === undefined) return undefined;
  const pct = Number(value);
  if (!(Number.isFinite(pct) && pct >= 0 && pct < 100))
    throw new CliUsageError(`--gap expects a percentage in [0, 100), got ${JSON.stringify(value)}`);
  return pct / 100;
};

const engineName = (name: string | undefined): 'glpk' | 'highs' => {
  if (name === undefined || name === 'glpk' || name === 'highs') return name ?? 'glpk';
  throw new CliUsageError(`--solver expects glpk or highs, got ${JSON.stringify(name)}`);
};

/** Which exit code a finished optimisation gets: only proven infeasibility is the case's fault. */
const exitCodeOf = (result: Pick<OptimiserResult, 'status'>): number => {
  switch (result.status) {
    case 'optimal':
    case 'feasible':
      return EXIT.ok;
    case 'infeasible':
      return EXIT_INFEASIBLE;
    default:
      return EXIT.failed;
  }
};

export const optimizeCommand: CliCommand = {
  path: ['optimize'],
  summary: 'optimise a portfolio case (or a reference instance) and print the schedule as JSON',
  usage: `usage: gridfolio optimize --file case.json [--solver glpk|highs] [--time-limit s] [--gap pct]
                         [--aggregate [--summary]]

The case: {intervalMinutes, importPricesKrwPerKwh, exportPricesKrwPerKwh (or scenarios),
assets: [...], sites?, communities?, gridImportLimitKw?, gridExportLimitKw?}; the reference
instances (../shared/bench/instances/*.json, with a "batteries" key) are accepted as they are.
--time-limit: seconds for the whole optimisation (default 60); --gap: relative gap in percent at
which a solve may stop (default 0.01).
Prints {status, objectiveKrw, boundKrw, gapPct, solveSeconds, intervals: [...],
scenarioSchedules?, bidCurves?, solver, lazy}. Exit codes: 0 optimal or feasible; 2 invalid input
with {error: {code, field, message}}; 3 infeasible, with the diagnosis in the JSON; 1 no solution
(time limit, solver error).
--aggregate: for portfolios of many DERs. Like DERs behind a meter become virtual assets whose
LP relaxation gives the proven bound and the schedule, shared among the DERs within their own
limits, batteries and PV re-planned around what the others really do, every DER checked. Prints
{status, method: "aggregated", objectiveKrw (on the DERs' own setpoints), boundKrw, gapPct,
solveSeconds, feasible, intervals (the most probable scenario: the portfolio's net position as
import or export, every DER's setpoints), scenarioSchedules: [{scenario, probability,
netPositionKw}], bidCurves, aggregation: {ders, groups, perDerViolations, portfolioViolations,
deficitKwh, rebalances, ...}}. --summary leaves the DERs' setpoints out of intervals.`,
  async run(args, io) {
    const { values } = parseCliArgs(args, {
      file: { type: 'string' },
      solver: { type: 'string' },
      'time-limit': { type: 'string' },
      gap: { type: 'string' },
      aggregate: { type: 'boolean' },
      summary: { type: 'boolean' },
    });
    if (values.summary === true && values.aggregate !== true)
      throw new CliUsageError('--summary goes with --aggregate');
    const timeLimitSeconds = positiveNumber(values['time-limit'], '--time-limit');
    const relativeGap = gapFraction(values.gap);
    const engine = engineName(values.solver);
    const input = readJsonObjectFile(values.file);
    let portfolioCase;
    try {
      portfolioCase = parsePortfolioCase(input);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      io.out(toJson({ error: errorJson(error) }));
      return EXIT.badInput;
    }
    const solver = engine === 'glpk' ? createGlpkSolver() : createHighsSolver();
    try {
      if (values.aggregate === true) {
        const aggregated = await optimizeAggregated(portfolioCase, solver, {
          ...(timeLimitSeconds === undefined ? {} : { timeLimitSeconds }),
          ...(relativeGap === undefined ? {} : { relativeGap }),
          withSetpoints: values.summary !== true,
        });
        io.out(toJson(aggregated));
        return exitCodeOf(aggregated);
      }
      const result = await solveCase(portfolioCase, solver, {
        ...(timeLimitSeconds === undefined ? {} : { timeLimitSeconds }),
        ...(relativeGap === undefined ? {} : { relativeGap }),
      });
      io.out(toJson(result));
      return exitCodeOf(result);
    } finally {
      await solver.close();
    }
  },
};

const errorJson = (error: DomainError) => ({
  code: error.code,
  ...(error.field === undefined ? {} : { field: error.field }),
  message: error.message,
});
