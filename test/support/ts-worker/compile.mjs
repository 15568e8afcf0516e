// Usage: node compile.mjs <entry.ts> <outDir>
// Transpiles a TypeScript entry file and every file it reaches through relative imports into
// <outDir>, keeping their paths relative to the repository root, so that Node can start it as a
// worker thread. Per-file transpiling is exact here: the project compiles with isolatedModules.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const [entry, outDir] = process.argv.slice(2);
const pending = [resolve(entry)];
const done = new Set();
while (pending.length > 0) {
  const file = pending.pop();
  if (done.has(file)) continue;
  done.add(file);
  const source = readFileSync(file, 'utf8');
  for (const { fileName } of ts.preProcessFile(source, true, true).importedFiles) {
    if (!fileName.startsWith('.')) continue;
    const target = resolve(dirname(file), fileName.replace(/\.js$/, '.ts'));
    if (existsSync(target)) pending.push(target);
  }
  const { outputText } = ts.transpileModule(source, {
    fileName: file,
    compilerOptions: {
      module: ts.ModuleKind.ESNext,
      target: ts.ScriptTarget.ES2022,
      experimentalDecorators: true,
      inlineSourceMap: true,
    },
  });
  const out = join(outDir, relative(root, file)).replace(/\.ts$/, '.js');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, outputText);
}
