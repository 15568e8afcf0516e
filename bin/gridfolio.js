#!/usr/bin/env node
// The `gridfolio` CLI runs the compiled build (made by `npm ci` through the `prepare` script,
// or by `npm run build`): NestJS needs decorator metadata that only tsc emits.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const entry = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'src', 'cli', 'main.js');
if (!existsSync(entry)) {
  console.error('gridfolio: the build is missing; run `npm run build` (or `npm ci`) first.');
  process.exit(1);
}
const { runCli } = await import(entry);
process.exitCode = await runCli(process.argv.slice(2));
