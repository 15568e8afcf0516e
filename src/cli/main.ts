import 'reflect-metadata';
import { ConfigError, loadConfig } from '../config/app-config.js';
import { CliUsageError } from './cli-args.js';
import { EXIT, type CliCommand, type CliIo } from './cli-command.js';
import { cliCommands } from './commands/index.js';

const processIo: CliIo = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  env: process.env,
};

const helpText = (commands: readonly CliCommand[]): string =>
  [
    'usage: gridfolio <command> [options]',
    '',
    ...commands.map((c) => `  ${c.path.join(' ').padEnd(24)} ${c.summary}`),
    '',
    'Configuration comes from environment variables (see README.md).',
  ].join('\n');

/** Picks the command whose words are the longest prefix of argv. */
const findCommand = (
  commands: readonly CliCommand[],
  argv: readonly string[],
): { command: CliCommand; args: readonly string[] } | undefined => {
  const matches = commands
    .filter((c) => c.path.every((word, i) => argv[i] === word))
    .sort((a, b) => b.path.length - a.path.length);
  const command = matches[0];
  return command ? { command, args: argv.slice(command.path.length) } : undefined;
};

export const runCli = async (
  argv: readonly string[],
  io: CliIo = processIo,
  commands: readonly CliCommand[] = cliCommands,
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
  if (found.args.includes('--help') || found.args.includes('-h')) {
    io.out(found.command.usage);
    return EXIT.ok;
  }
  try {
    return await found.command.run(found.args, io, loadConfig(io.env));
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(`gridfolio: configuration error: ${error.message}`);
      return EXIT.badInput;
    }
    if (error instanceof CliUsageError) {
      io.err(
        `gridfolio ${found.command.path.join(' ')}: ${error.message}\n\n${found.command.usage}`,
      );
      return EXIT.badInput;
    }
    throw error;
  }
};
