import { formatTable, writeResults, type BenchResults, type TableRow } from './bench-report.js';
import { loadAverages, type MachineFacts } from './machine-facts.js';

/**
 * A benchmark's figures written to bench/results/<name>.json with the machine, the load before
 * and after, and the date; returns the file's path.
 */
export const writeBenchResults = (
  name: string,
  results: BenchResults,
  machine: MachineFacts,
  loadBefore: readonly number[],
): string =>
  writeResults(name, {
    ...results,
    ...machine,
    loadBefore: loadBefore.join(' '),
    loadAfter: loadAverages().join(' '),
    date: new Date().toISOString(),
  });

/** A benchmark's ending: its table printed, and its figures written (`writeBenchResults`). */
export const finishBench = (
  name: string,
  rows: readonly TableRow[],
  results: BenchResults,
  machine: MachineFacts,
  loadBefore: readonly number[],
): void => {
  console.log(formatTable(rows));
  console.log(`figures written to ${writeBenchResults(name, results, machine, loadBefore)}`);
};
