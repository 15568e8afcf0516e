import { readFileSync } from 'node:fs';
import { CliUsageError } from './cli-args.js';

/** A JSON object from `--file`; a missing file or bad JSON is a usage error (exit code 2). */
export const readJsonObjectFile = (path: string | undefined): Record<string, unknown> => {
  if (path === undefined) throw new CliUsageError('--file <path> is required');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliUsageError(`cannot read ${path}: ${(error as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new CliUsageError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new CliUsageError(`${path} must hold one JSON object`);
  return value as Record<string, unknown>;
};
