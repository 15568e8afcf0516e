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
];
