import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One line of a benchmark's table; `target` is a lower bound the figure should reach. */
export interface TableRow {
  readonly label: string;
  readonly value: number;
  readonly unit: string;
  readonly target?: number;
  /** An upper bound instead, for figures such as seconds where less is better. */
  readonly targetAtMost?: number;
  /** The same figure per CPU-second of the process instead of per wall-clock second. */
  readonly perCpuSecond?: number;
}

/** Flat on purpose: one key per figure, its unit in its name; strings only for facts. */
export type BenchResults = Readonly<Record<string, string | number | boolean>>;

const formatNumber = (value: number): string =>
  Number.isInteger(value)
    ? value.toLocaleString('en-US')
    : value.toLocaleString('en-US', { maximumFractionDigits: 2 });

export const verdict = (row: TableRow): string => {
  if (row.target !== undefined) return row.value >= row.target ? 'PASS' : 'MISS';
  if (row.targetAtMost !== undefined) return row.value <= row.targetAtMost ? 'PASS' : 'MISS';
  return '';
};

const targetText = (row: TableRow): string => {
  if (row.target !== undefined) return `>= ${formatNumber(row.target)}`;
  if (row.targetAtMost !== undefined) return `<= ${formatNumber(row.targetAtMost)}`;
  return '';
};

/** The table as Markdown, which reads well in a terminal and pastes into RESULTS.md as is. */
export const formatTable = (rows: readonly TableRow[]): string => {
  const cells = rows.map((row) => [
    row.label,
    formatNumber(row.value),
    row.unit,
    targetText(row),
    verdict(row),
    row.perCpuSecond === undefined ? '' : formatNumber(row.perCpuSecond),
  ]);
  const header = ['measure', 'figure', 'unit', 'target', '', 'per CPU-s'];
  const rightAligned = new Set([1, 5]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...cells.map((line) => line[column]!.length)),
  );
  const line = (values: readonly string[]): string =>
    `| ${values.map((value, column) => (rightAligned.has(column) ? value.padStart(widths[column]!) : value.padEnd(widths[column]!))).join(' | ')} |`;
  const rule = `|${widths.map((width, column) => (rightAligned.has(column) ? `${'-'.repeat(width + 1)}:` : '-'.repeat(width + 2))).join('|')}|`;
  return [line(header), rule, ...cells.map(line)].join('\n');
};

/** The repository root: the nearest directory above this module holding a package.json. */
const repositoryRoot = (): string => {
  let directory = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(directory, 'package.json'))) {
    const parent = dirname(directory);
    if (parent === directory) throw new Error('no package.json above the benchmark');
    directory = parent;
  }
  return directory;
};

/** Writes `bench/results/<name>.json` and returns its path. */
export const writeResults = (name: string, results: BenchResults): string => {
  const directory = join(repositoryRoot(), 'bench', 'results');
  mkdirSync(directory, { recursive: true });
  const path = join(directory, `${name}.json`);
  writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`);
  return path;
};
