import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
// Inside the repository, so that the compiled files find node_modules and "type": "module".
const cacheRoot = join(root, 'node_modules', '.cache', 'gridfolio-ts-worker');

export interface CompiledWorker {
  /** The compiled entry, to pass to `new Worker(url)` (or to code that starts the worker). */
  readonly url: URL;
  readonly cleanup: () => void;
}

/**
 * Code under test that starts worker threads from its own TypeScript sources cannot do so under
 * jest (Node 20 does not run `.ts`). This compiles the worker entry and what it imports into a
 * scratch directory, in a child process so that the test's module registry stays clean.
 */
export const compileWorker = async (entry: URL): Promise<CompiledWorker> => {
  mkdirSync(cacheRoot, { recursive: true });
  const outDir = mkdtempSync(join(cacheRoot, 'w-'));
  const entryPath = fileURLToPath(entry);
  await promisify(execFile)(process.execPath, [
    join(root, 'test', 'support', 'ts-worker', 'compile.mjs'),
    entryPath,
    outDir,
  ]);
  const compiled = join(outDir, relative(root, entryPath)).replace(/\.ts$/, '.js');
  return {
    url: pathToFileURL(compiled),
    cleanup: () => rmSync(outDir, { recursive: true, force: true }),
  };
};
