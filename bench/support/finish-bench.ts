import { formatTable, writeResults, type BenchResults, type TableRow } from './bench-report.js';
import { loadAverages, type MachineFacts } from './machine-facts.js';

/**
 * A benchmark's ending: its table printed, and its figures written to bench/results/<name>.json
 * with the machine, the load before and after, and the date.
 */
export const finishBench = (
  name: string,
  rows: readonly TableRow[],
  results: BenchResults,
  machine: MachineFacts,
  loadBefore: readonly number[],
): void => {
  console.log(formatTable(rows));
  const path = writeResults(name, {
    ...results,
    ...machine,
    loadBefore: loadBefore.join(' '),
    loadAfter: loadAverages().join(' '),
    date: new Date().toISOString(),
  });
  console.log(`figures written to ${path}`);
};
