import 'reflect-metadata';
import { ConfigError, loadConfig } from '../config/app-config.js';
import { CliUsageError } from './cli-args.js';
import type { CliCommandEntry } from './cli-command-entry.js';
import { EXIT, type CliIo } from './cli-command.js';
import { cliCommands } from './commands/index.js';

const processIo: CliIo = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  env: process.env,
};

const helpText = (commands: readonly CliCommandEntry[]): string =>
  [
    'usage: gridfolio <command> [options]',
    '',
    ...commands.map((c) => `  ${c.path.join(' ').padEnd(24)} ${c.summary}`),
    '',
    'Configuration comes from environment variables (see README.md).',
  ].join('\n');

/** Picks the command whose words are the longest prefix of argv. */
const findCommand = (
  commands: readonly CliCommandEntry[],
  argv: readonly string[],
): { entry: CliCommandEntry; args: readonly string[] } | undefined => {
  const matches = commands
    .filter((c) => c.path.every((word, i) => argv[i] === word))
    .sort((a, b) => b.path.length - a.path.length);
  const entry = matches[0];
  return entry ? { entry, args: argv.slice(entry.path.length) } : undefined;
};

export const runCli = async (
  argv: readonly string[],
  io: CliIo = processIo,
  commands: readonly CliCommandEntry[] = cliCommands,
): Promise<number> => {
  if (argv.length === 0 || argv[0] === 'help' || argv[0] === '--help' || argv[0] === '-h') {
    io.out(helpText(commands));
    return argv.length === 0 ? EXIT.badInput : EXIT.ok;
  }
  const found = findCommand(commands, argv);
  if (!found) {
    io.err(`gridfolio: unknown command "${argv.join(' ')}"\n\n${helpText(commands)}`);
    return EXIT.badInput;
  }
  // Only the chosen command's module is imported (see cli-command-entry.ts).
  const command = await found.entry.load();
  if (found.args.includes('--help') || found.args.includes('-h')) {
    io.out(command.usage);
    return EXIT.ok;
  }
  try {
    return await command.run(found.args, io, loadConfig(io.env));
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(`gridfolio: configuration error: ${error.message}`);
      return EXIT.badInput;
    }
    if (error instanceof CliUsageError) {
      io.err(`gridfolio ${command.path.join(' ')}: ${error.message}\n\n${command.usage}`);
      return EXIT.badInput;
    }
    throw error;
  }
};
