import { bidCommands } from '../../bids/bid.cli.js';
import { derRegisterCommand } from '../../ders/register-der/register-der.cli.js';
import { derShowCommand } from '../../ders/get-der/show-der.cli.js';
import { fixturesLoadCommand } from '../../fixtures/fixtures-load.cli.js';
import { forecastIssueCommand, forecastShowCommand } from '../../forecasting/issue/forecast.cli.js';
import { forecastBacktestCommand } from '../../forecasting/backtest/forecast-backtest.cli.js';
import { marketClearCommand } from '../../market/clearing/market-clear.cli.js';
import { optimizeCommand } from '../../optimisation/optimize.cli.js';
import { metersImportCommand } from '../../metering/files/meters-import.cli.js';
import { portfolioCreateCommand } from '../../portfolios/create-portfolio/create-portfolio.cli.js';
import { portfolioCapabilityCommand } from '../../portfolios/portfolio-capability/portfolio-capability.cli.js';
import { portfolioTreeCommand } from '../../portfolios/portfolio-tree/portfolio-tree.cli.js';
import { simulateCommand } from '../../simulation/simulate.cli.js';
import { reportCommand } from '../../report/report.cli.js';
import type { CliCommand } from '../cli-command.js';
import { auditAnchorCommand } from './audit-anchor.command.js';
import { auditVerifyCommand } from './audit-verify.command.js';
import { projectionsRebuildCommand } from './projections-rebuild.command.js';
import { serveCommand } from './serve.command.js';

/** Every `gridfolio` command; later features add theirs here. */
export const cliCommands: readonly CliCommand[] = [
  serveCommand,
  auditVerifyCommand,
  auditAnchorCommand,
  projectionsRebuildCommand,
  derRegisterCommand,
  derShowCommand,
  portfolioCreateCommand,
  portfolioTreeCommand,
  portfolioCapabilityCommand,
  fixturesLoadCommand,
  metersImportCommand,
  forecastIssueCommand,
  forecastShowCommand,
  marketClearCommand,
  forecastBacktestCommand,
  ...bidCommands,
  optimizeCommand,
  simulateCommand,
  reportCommand,
];
