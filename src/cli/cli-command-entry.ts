import type { CliCommand } from './cli-command.js';

/**
 * A command as the CLI lists it before loading it: its words and summary are all that `--help`
 * and choosing a command need. `load` imports the command's module, and with it everything the
 * command uses (NestJS, solvers, ...), only once it is chosen: importing every command up front
 * made each `gridfolio` run pay for all of them.
 */
export interface CliCommandEntry {
  /** Words that select the command; the same as the loaded command's `path`. */
  readonly path: readonly string[];
  /** The same as the loaded command's `summary` (test/cli/cli-commands.e2e.spec.ts checks both). */
  readonly summary: string;
  load(): Promise<CliCommand>;
}

const samePath = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((word, i) => b[i] === word);

/** The command at `path` among those a module exports together (e.g. `bidCommands`). */
export const commandAt = (commands: readonly CliCommand[], path: readonly string[]): CliCommand => {
  const found = commands.find((command) => samePath(command.path, path));
  if (found === undefined) throw new Error(`no command "${path.join(' ')}" in its module`);
  return found;
};

/** An entry for a command that is already loaded (tests, embedders). */
export const loadedCommand = (command: CliCommand): CliCommandEntry => ({
  path: command.path,
  summary: command.summary,
  load: () => Promise.resolve(command),
});
