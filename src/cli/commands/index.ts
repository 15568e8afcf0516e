import { commandAt, type CliCommandEntry } from '../cli-command-entry.js';

// Each command's module is imported only when the command is chosen (cli-command-entry.ts): the
// words and summary here must match the command's own (test/cli/cli-commands.e2e.spec.ts).
const bid = (word: string, summary: string): CliCommandEntry => ({
  path: ['bid', word],
  summary,
  load: async () => commandAt((await import('../../bids/bid.cli.js')).bidCommands, ['bid', word]),
});

/** Every `gridfolio` command; later features add theirs here. */
export const cliCommands: readonly CliCommandEntry[] = [
  {
    path: ['serve'],
    summary: 'run the HTTP API (health, streams) on the configured event store',
    load: async () => (await import('./serve.command.js')).serveCommand,
  },
  {
    path: ['audit', 'verify'],
    summary: 'check the hash chains and anchors of the whole event store',
    load: async () => (await import('./audit-verify.command.js')).auditVerifyCommand,
  },
  {
    path: ['audit', 'anchor'],
    summary: 'record the head of every stream written since the last anchor, now',
    load: async () => (await import('./audit-anchor.command.js')).auditAnchorCommand,
  },
  {
    path: ['projections', 'rebuild'],
    summary: 'drop read models and rebuild them from the whole event log',
    load: async () => (await import('./projections-rebuild.command.js')).projectionsRebuildCommand,
  },
  {
    path: ['der', 'register'],
    summary: 'register a DER from a JSON file { derId, parameters }',
    load: async () =>
      (await import('../../ders/register-der/register-der.cli.js')).derRegisterCommand,
  },
  {
    path: ['der', 'show'],
    summary: 'print a DER as folded from its stream (JSON)',
    load: async () => (await import('../../ders/get-der/show-der.cli.js')).derShowCommand,
  },
  {
    path: ['portfolio', 'create'],
    summary: 'create a portfolio from a JSON file { portfolioId, name, settings }',
    load: async () =>
      (await import('../../portfolios/create-portfolio/create-portfolio.cli.js'))
        .portfolioCreateCommand,
  },
  {
    path: ['portfolio', 'tree'],
    summary: 'print a portfolio and everything under it on a trading day',
    load: async () =>
      (await import('../../portfolios/portfolio-tree/portfolio-tree.cli.js')).portfolioTreeCommand,
  },
  {
    path: ['portfolio', 'capability'],
    summary: 'print what a portfolio can offer per interval of a trading day, by DER kind',
    load: async () =>
      (await import('../../portfolios/portfolio-capability/portfolio-capability.cli.js'))
        .portfolioCapabilityCommand,
  },
  {
    path: ['fixtures', 'load'],
    summary: 'load a named set of portfolios and DERs (idempotent): demo',
    load: async () => (await import('../../fixtures/fixtures-load.cli.js')).fixturesLoadCommand,
  },
  {
    path: ['meters', 'import'],
    summary: 'load interval meter readings from a CSV or JSON file',
    load: async () =>
      (await import('../../metering/files/meters-import.cli.js')).metersImportCommand,
  },
  {
    path: ['forecast', 'issue'],
    summary: "issue a portfolio's PV and load forecast for a trading day (a new version)",
    load: async () =>
      (await import('../../forecasting/issue/forecast.cli.js')).forecastIssueCommand,
  },
  {
    path: ['forecast', 'show'],
    summary: "print a portfolio's forecast for a trading day (latest version, or --version)",
    load: async () => (await import('../../forecasting/issue/forecast.cli.js')).forecastShowCommand,
  },
  {
    path: ['market', 'clear'],
    summary: 'clear an order book (pay_as_clear or complex) and print the result as JSON',
    load: async () =>
      (await import('../../market/clearing/market-clear.cli.js')).marketClearCommand,
  },
  {
    path: ['forecast', 'backtest'],
    summary: 'score a day-ahead model against persistence and climatology on hourly data',
    load: async () =>
      (await import('../../forecasting/backtest/forecast-backtest.cli.js')).forecastBacktestCommand,
  },
  bid('show', "print a portfolio's day-ahead bid: status, submissions, curves, awards, history"),
  bid('draft', 'record a draft bid from a JSON file (the DraftBid payload)'),
  bid('amend', "replace a bid's curves from a JSON file, with a reason"),
  bid('submit', "submit a bid's current curves to the exchange and record its answer"),
  bid('withdraw', 'withdraw an acknowledged bid before the gate, with a reason'),
  bid(
    'results',
    "fetch the exchange's day-ahead result for a bid and record the awards once published",
  ),
  {
    path: ['optimize'],
    summary: 'optimise a portfolio case (or a reference instance) and print the schedule as JSON',
    load: async () => (await import('../../optimisation/optimize.cli.js')).optimizeCommand,
  },
  {
    path: ['simulate'],
    summary: 'simulate trading days end to end on a simulated clock (forecast, bid, KPX, twin)',
    load: async () => (await import('../../simulation/simulate.cli.js')).simulateCommand,
  },
  {
    path: ['report'],
    summary: 'write a self-contained HTML report of one simulated trading day',
    load: async () => (await import('../../report/report.cli.js')).reportCommand,
  },
];
