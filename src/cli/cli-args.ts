import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A command-line mistake: reported on stderr with exit code 2, before anything is touched. */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** `node:util` parseArgs in strict mode, with its errors turned into usage errors. */
export const parseCliArgs = <T extends Options>(args: readonly string[], options: T) => {
  try {
    return parseArgs({ args: [...args], options, strict: true, allowPositionals: true });
  } catch (error) {
    throw new CliUsageError(error instanceof Error ? error.message : String(error));
  }
};

export const positiveInteger = (value: string | undefined, flag: string): number | undefined => {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) {
    throw new CliUsageError(`${flag} expects a positive integer, got ${JSON.stringify(value)}`);
  }
  return parsed;
};

/** JSON with bigint revisions and positions as decimal strings (JSON numbers would lose them). */
export const toJson = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2);
