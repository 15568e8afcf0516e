/** Median of the samples (mean of the middle two for an even count). */
export const median = (samples: readonly number[]): number => {
  if (samples.length === 0) throw new Error('median of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** Wall-clock seconds of a piece of work, and the CPU seconds the process spent meanwhile. */
export interface Timing {
  readonly seconds: number;
  /**
   * User plus system time of every thread of the process (workers included). On a shared,
   * loaded machine it drifts far less than wall time: it is the better figure of the work done.
   */
  readonly cpuSeconds: number;
}

/** Times `work` on the monotonic high-resolution clock, and its CPU time. */
export const timeOf = async (work: () => Promise<void>): Promise<Timing> => {
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  await work();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpuStart);
  return { seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
};

/**
 * A full collection between measurements, so that one run's garbage is not collected in the
 * next one's time. Needs `node --expose-gc` (what `npm run bench:*` passes); without it, nothing.
 */
export const collectGarbage = (): void => {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
};

/** Events per second, rounded to a whole event. */
export const rate = (events: number, seconds: number): number => Math.round(events / seconds);
